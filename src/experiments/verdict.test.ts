/**
 * The verdict says what the numbers show and no more: a difference whose interval contains 0
 * is never called a gain or a loss, one above or below is named with its interval, and the
 * wording fits one configuration and several.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differenceSide, verdict, verdictParagraph } from './verdict.js';
import type { Difference, MeanSd, SummaryRow } from './summary-types.js';
import type { RobustnessCard } from './robustness-card.js';
import { robustnessCards } from './robustness-card.js';
import { summarizeRuns } from './summary.js';
import { fakeResults } from '../testing/experiment-fixtures.js';

const ms = (mean: number, sd: number, n = 3): MeanSd => ({ mean, sd, n });
const diff = (estimate: number, low: number, high: number): Difference => ({ estimate, low, high, level: 0.95 });

function row(configuration: string, d: Difference | null, gap: MeanSd = ms(0.1, 0.01)): SummaryRow {
  const isBaseline = d === null;
  return {
    configuration, noise: [], isBaseline, runs: 3,
    trainAccuracy: ms(0.95, 0.01), valAccuracy: ms(0.85, 0.01), trainLoss: ms(0.2, 0.01), valLoss: ms(0.4, 0.01),
    gapAccuracy: gap, gapLoss: ms(0.2, 0.01), bestEpoch: ms(5, 1), diffValAccuracy: d, robustness: [],
  };
}

const text = (rows: SummaryRow[], cards: RobustnessCard[] = []): string => verdictParagraph(verdict(rows, cards));

test('differenceSide: above, below, across 0 and without an interval', () => {
  assert.equal(differenceSide(diff(0.02, 0.01, 0.03)), 'above');
  assert.equal(differenceSide(diff(-0.02, -0.03, -0.01)), 'below');
  assert.equal(differenceSide(diff(0.002, -0.0457, 0.0497)), 'within');
  assert.equal(differenceSide({ estimate: 0.01, low: null, high: null, level: 0.95 }), 'unknown');
  assert.equal(differenceSide(null), 'unknown');
});

test('an interval that contains 0: one configuration is said not to differ, with its interval; never a gain', () => {
  const t = text([row('baseline', null), row('gaussian 0.1', diff(0.002, -0.0457, 0.0497))]);
  assert.match(t, /^Validation accuracy: gaussian 0\.1 does not differ from the baseline beyond its 95% interval: \+0\.0020 \[-0\.0457, \+0\.0497\]\./);
  assert.doesNotMatch(t, /gain|above|raised|best/i);
});

test('intervals that contain 0 for several configurations: none differs, the largest difference quoted', () => {
  const t = text([row('baseline', null), row('a', diff(0.002, -0.01, 0.014)), row('b', diff(-0.006, -0.02, 0.008))]);
  assert.match(t, /^Validation accuracy: no configuration differs from the baseline beyond its 95% interval \(the largest difference, b: -0\.0060 \[-0\.0200, \+0\.0080\]\)\./);
});

test('an interval above 0 is named above the baseline, one below 0 below it, the rest counted', () => {
  const one = text([row('baseline', null), row('dropout', diff(0.02, 0.01, 0.03))]);
  assert.match(one, /^Validation accuracy: dropout \(\+0\.0200 \[\+0\.0100, \+0\.0300\]\) is above the baseline beyond its 95% interval\./);
  const lower = text([row('baseline', null), row('noisy', diff(-0.02, -0.03, -0.01)), row('other', diff(0.0, -0.01, 0.01))]);
  assert.match(lower, /^Validation accuracy: noisy \(-0\.0200 \[-0\.0300, -0\.0100\]\) is below the baseline beyond its 95% interval; the other configuration does not differ beyond its interval\./);
  assert.doesNotMatch(lower, /gain/);
  const several = text([
    row('baseline', null),
    row('a', diff(0.02, 0.01, 0.03)),
    row('b', diff(0.03, 0.005, 0.055)),
    row('c', diff(-0.04, -0.06, -0.02)),
    row('d', diff(0.001, -0.01, 0.012)),
  ]);
  assert.match(several, /^Validation accuracy: a \(\+0\.0200 \[\+0\.0100, \+0\.0300\]\) and b \(\+0\.0300 \[\+0\.0050, \+0\.0550\]\) are above the baseline beyond their 95% intervals; c \(-0\.0400 \[-0\.0600, -0\.0200\]\) is below it beyond its 95% interval; the other configuration does not differ beyond its interval\./);
});

test('with one seed there is no interval and nothing is called a gain or a loss', () => {
  const t = text([row('baseline', null, ms(0.1, Number.NaN, 1)), row('a', { estimate: 0.03, low: null, high: null, level: 0.95 }, ms(0.05, Number.NaN, 1))]);
  assert.match(t, /^Validation accuracy: with one seed on a side there is no confidence interval, so no difference from the baseline is called a gain or a loss \(a \+0\.0300\)\.$/);
});

test('the generalization gap: narrowed from the baseline\'s to the configuration\'s, only beyond the interval', () => {
  const rows = [row('baseline', null, ms(0.154, 0.004)), row('dropout', diff(0.001, -0.01, 0.012), ms(0.032, 0.003)), row('gaussian', diff(0.0, -0.01, 0.01), ms(0.15, 0.01))];
  assert.match(text(rows), /Generalization gap: dropout narrowed it from 0\.154 to 0\.032 \(-0\.1220 \[-0\.\d{4}, -0\.\d{4}\]\)\.$/);
  const none = [row('baseline', null, ms(0.154, 0.02)), row('gaussian', diff(0.0, -0.01, 0.01), ms(0.15, 0.02))];
  assert.match(text(none), /Generalization gap: no configuration changed it beyond its 95% interval\.$/);
  const wider = [row('baseline', null, ms(0.05, 0.004)), row('big', diff(0.0, -0.01, 0.01), ms(0.2, 0.004))];
  assert.match(text(wider), /Generalization gap: big widened it from 0\.050 to 0\.200 \(\+0\.1500 \[\+0\.\d{4}, \+0\.\d{4}\]\)\.$/);
});

test('a card metric: the configuration that gained most beyond its interval, or none; ECE gains downwards', () => {
  const entry = (d: Difference | null, setting = 'mean over s = 0.1, 0.3'): RobustnessCard['entries']['clean'] => ({ value: ms(0.8, 0.01), diff: d, setting });
  const card = (name: string, gaussian: Difference | null, ece?: Difference | null): RobustnessCard => ({
    configuration: name, isBaseline: gaussian === null,
    entries: { clean: entry(null), gaussian: entry(gaussian), ...(ece !== undefined ? { ece: entry(ece, '15 equal-width bins') } : {}) },
  });
  const rows = [row('baseline', null), row('a', diff(0, -0.01, 0.01)), row('b', diff(0, -0.01, 0.01))];
  const gained = text(rows, [card('baseline', null), card('a', diff(0.08, 0.06, 0.1)), card('b', diff(0.12, 0.1, 0.14))]);
  assert.match(gained, /Under Gaussian noise \(mean over s = 0\.1, 0\.3\): b gained most: \+0\.1200 \[\+0\.1000, \+0\.1400\]; 2 configurations gained beyond their 95% intervals\./);
  const within = text(rows, [card('baseline', null), card('a', diff(0.01, -0.01, 0.03)), card('b', diff(-0.03, -0.05, -0.01))]);
  assert.match(within, /Under Gaussian noise \(mean over s = 0\.1, 0\.3\): no configuration gained beyond its 95% interval; b lost most: -0\.0300 \[-0\.0500, -0\.0100\]\./);
  const ece = text(rows, [card('baseline', null, null), card('a', diff(0, -1, 1), diff(-0.02, -0.03, -0.01)), card('b', diff(0, -1, 1), diff(0.01, -0.01, 0.03))]);
  assert.match(ece, /In expected calibration error \(15 equal-width bins\): a lowered it most: -0\.0200 \[-0\.0300, -0\.0100\]\./);
  assert.doesNotMatch(ece, /gained most: -/, 'a lower ECE is not called a gain with a minus sign');
});

test('a sweep\'s cells: each configuration is held against the baseline of its own cell', () => {
  const rows = [row('base small', null, ms(0.3, 0.004)), row('x small', diff(0, -0.01, 0.01), ms(0.1, 0.004)), row('base big', null, ms(0.05, 0.004)), row('x big', diff(0, -0.01, 0.01), ms(0.04, 0.004))];
  assert.match(text(rows), /x small narrowed it most, from 0\.300 to 0\.100/);
});

test('no configuration to compare: a sentence that says so', () => {
  assert.equal(text([row('baseline', null)]), 'No configuration has finished runs to hold against the baseline yet.');
});

test('the verdict of made-up runs, from their summary and cards', () => {
  const results = fakeResults();
  const lines = verdict(summarizeRuns(results), robustnessCards(results));
  assert.deepEqual(lines.map((l) => l.topic.split(' (')[0]), ['validation accuracy', 'generalization gap', 'under Gaussian noise']);
  const cards = robustnessCards(results);
  assert.deepEqual(cards.map((c) => Object.keys(c.entries)), [['clean', 'gaussian'], ['clean', 'gaussian'], ['clean', 'gaussian']]);
  assert.deepEqual(cards[1]!.entries.clean.diff, summarizeRuns(results)[1]!.diffValAccuracy, 'clean accuracy is the summary\'s validation accuracy');
});
