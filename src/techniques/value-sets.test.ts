import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSpecSets, hasValueSet, specValueSets } from './value-sets.js';
import { NoiseSpecError } from './spec-error.js';

test('a value set makes one spec per value; several sets make their grid, the last varying fastest', () => {
  assert.deepEqual(expandSpecSets('gaussian:stddev={0,0.1,0.2,0.3}').map((e) => e.text), ['gaussian:stddev=0', 'gaussian:stddev=0.1', 'gaussian:stddev=0.2', 'gaussian:stddev=0.3']);
  assert.deepEqual(expandSpecSets('gaussian:stddev={0, 0.25}')[1]!.values, [0.25]);
  const grid = expandSpecSets('dropout:rate={0.2,0.5}@{1,hidden}');
  assert.deepEqual(grid.map((e) => e.text), ['dropout:rate=0.2@1', 'dropout:rate=0.2@hidden', 'dropout:rate=0.5@1', 'dropout:rate=0.5@hidden']);
  assert.deepEqual(grid[3]!.values, [0.5, 'hidden']);
  assert.equal(grid[3]!.spec.where, 'hidden');
  assert.deepEqual(specValueSets('gradient:eta={0.01,0.3},gamma={0.55}').map((s) => s.param), ['eta', 'gamma']);
  assert.deepEqual(expandSpecSets('mixup:alpha=0.2').map((e) => e.text), ['mixup:alpha=0.2'], 'a spec without sets stands for itself');
  assert.equal(hasValueSet('mixup:alpha=0.2'), false);
  assert.equal(hasValueSet('mixup:alpha={0.2}'), true);
});

test('bad value sets are one-line NoiseSpecErrors quoting the spec; every value is checked against the declared range', () => {
  const cases: [string, RegExp][] = [
    ['gaussian:stddev={}', /^noise spec 'gaussian:stddev=\{\}': a value set must hold at least one value, received \{\}$/],
    ['gaussian:stddev={0.1,,0.2}', /has an empty value$/],
    ['gaussian:stddev={0.1,0.1}', /holds 0\.1 twice$/],
    ['gaussian:stddev={0.1', /balanced braces/],
    ['gaussian:stddev={{0.1}}', /balanced braces/],
    ['gaussian:{0.1,0.2}', /must be the value of a parameter/],
    ['dropout:rate={0.5,1.5}', /^noise spec 'dropout:rate=\{0\.5,1\.5\}': dropout:rate=1\.5: rate must be a number >= 0 and < 1, received 1\.5$/],
    ['gaussian:stddev={0.1,-1}', /gaussian:stddev=-1: stddev must be a number >= 0, received -1$/],
    ['gausian:stddev={0.1}', /unknown technique 'gausian'/],
  ];
  for (const [spec, message] of cases) {
    assert.throws(() => expandSpecSets(spec), (e: unknown) => e instanceof NoiseSpecError && message.test(e.message) && !e.message.includes('\n'), spec);
  }
});
