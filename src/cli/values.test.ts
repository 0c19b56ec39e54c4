import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChoice, parseInteger, parseNumber, parseNumberList, parseUnits } from './values.js';
import { UsageError } from './usage-error.js';

const W = 'noisenet train';

test('integers are parsed strictly', () => {
  assert.equal(parseInteger(W, '--epochs', '10', { min: 1 }), 10);
  assert.equal(parseInteger(W, '--epochs', '+3', { min: 1 }), 3);
  for (const raw of ['abc', '', '1.5', '1e3', '0x10', '10abc', '0', '-2', '99999999999999999999']) {
    assert.throws(() => parseInteger(W, '--epochs', raw, { min: 1 }), (e: Error) => e instanceof UsageError && e.message === `noisenet train: --epochs must be an integer >= 1, received ${JSON.stringify(raw)}`);
  }
  assert.throws(() => parseInteger(W, '--seed', '4294967296', { min: 0, max: 0xffffffff }), /--seed must be an integer >= 0 and <= 4294967295, received "4294967296"/);
});

test('numbers accept decimals and exponents, in range', () => {
  assert.equal(parseNumber(W, '--lr', '1e-3', { min: 0, above: true }), 0.001);
  assert.equal(parseNumber(W, '--lr', '.5'), 0.5);
  assert.equal(parseNumber(W, '--noise-stddev', '0', { min: 0 }), 0);
  assert.throws(() => parseNumber(W, '--lr', '0', { min: 0, above: true }), /--lr must be a number > 0, received "0"/);
  assert.throws(() => parseNumber(W, '--momentum', '1', { min: 0, max: 1, below: true }), /--momentum must be a number >= 0 and < 1, received "1"/);
  assert.throws(() => parseNumber(W, '--lr', 'Infinity'), /--lr must be a number, received "Infinity"/);
  assert.throws(() => parseNumber(W, '--lr', 'NaN'), UsageError);
});

test('hidden units: a list, or none', () => {
  assert.deepEqual(parseUnits(W, '--hidden', '128,64'), [128, 64]);
  assert.deepEqual(parseUnits(W, '--hidden', ' 32 '), [32]);
  assert.deepEqual(parseUnits(W, '--hidden', ''), []);
  assert.deepEqual(parseUnits(W, '--hidden', 'none'), []);
  for (const raw of ['128,', '0', 'a,b', '1.5']) assert.throws(() => parseUnits(W, '--hidden', raw), UsageError);
});

test('choices list what is allowed', () => {
  assert.equal(parseChoice(W, '--optimizer', 'sgd', ['adam', 'sgd']), 'sgd');
  assert.throws(() => parseChoice(W, '--optimizer', 'rmsprop', ['adam', 'sgd']), /--optimizer must be one of adam, sgd, received "rmsprop"/);
});

test('number lists: comma-separated, each in range, at least one', () => {
  assert.deepEqual(parseNumberList(W, '--stddevs', '0, 0.1,.5,1e-1', { min: 0 }), [0, 0.1, 0.5, 0.1]);
  for (const raw of ['', '0,', 'a', '0,-1', '0;1']) {
    assert.throws(() => parseNumberList(W, '--stddevs', raw, { min: 0 }), (e: Error) => e instanceof UsageError && e.message === `noisenet train: --stddevs must be a comma-separated list of numbers >= 0, received ${JSON.stringify(raw)}`);
  }
});
