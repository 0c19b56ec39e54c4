/** The robustness card's setting: all, none or a list of measures, in a fixed order, and nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARD_MEASURES, parseCardMeasures } from './card-settings.js';
import { InvalidArgumentError } from '../errors.js';
import { runField } from './run-schema.js';

test('all, none and lists of measures parse, in the order of the measures', () => {
  assert.deepEqual(parseCardMeasures('t', 'all'), [...CARD_MEASURES]);
  assert.deepEqual(parseCardMeasures('t', 'none'), []);
  assert.deepEqual(parseCardMeasures('t', 'certified,corruption'), ['corruption', 'certified']);
  assert.deepEqual(parseCardMeasures('t', ' adversarial '), ['adversarial']);
  assert.deepEqual(parseCardMeasures('t', ['certified', 'adversarial']), ['adversarial', 'certified']);
  assert.deepEqual(parseCardMeasures('t', []), []);
});

test('an unknown measure, a repeated one, an empty text or another type is refused, naming the measures', () => {
  for (const bad of ['gaussian', 'corruption,corruption', '', 'corruption,', 'ALL', 3, null, ['corruption', 7]]) {
    assert.throws(() => parseCardMeasures('t', bad), (err: unknown) => err instanceof InvalidArgumentError && /all, none, or a comma-separated list of corruption, adversarial, certified/.test((err as Error).message), String(bad));
  }
});

test('the run schema declares the card, its samples and its epsilon once, under robustness in a config file', () => {
  assert.equal(runField('card').configKey, 'robustness.card');
  assert.equal(runField('cardSamples').field.default, 500);
  assert.equal(runField('cardEps').field.default, 0.1);
  assert.equal(runField('cardEps').flag, 'card-eps');
});
