/**
 * The sweep's headline calls a configuration best only when its difference from the baseline
 * lies above 0 beyond the interval; otherwise it names the highest mean and says why no
 * configuration is called best.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topConfigurationLine } from './sweep-analysis.js';
import type { Difference, SummaryRow } from '../experiments/summary-types.js';

function top(diff: Difference | null, isBaseline = false, n = 3): SummaryRow {
  const ms = { mean: 0.82, sd: n > 1 ? 0.01 : null, n };
  return { configuration: 'gaussian:stddev=0.1', noise: [], isBaseline, runs: n, trainAccuracy: ms, valAccuracy: ms, trainLoss: ms, valLoss: ms, gapAccuracy: ms, gapLoss: ms, bestEpoch: ms, diffValAccuracy: diff, robustness: [] };
}
const line = (r: SummaryRow): string => {
  const t = topConfigurationLine(r)!;
  return `${t.lead}: ${t.name}${t.rest}`;
};

test('within the interval: the highest mean, not the best', () => {
  const text = line(top({ estimate: 0.002, low: -0.0457, high: 0.0497, level: 0.95 }));
  assert.equal(text, 'Highest mean validation accuracy: gaussian:stddev=0.1, validation accuracy 0.8200 ± 0.0100 over 3 seeds; Δ vs baseline +0.0020 [-0.0457, +0.0497] lies within its 95% interval, so no configuration is called best');
  assert.doesNotMatch(text, /^Best/);
});

test('above the interval: the best configuration', () => {
  assert.equal(line(top({ estimate: 0.03, low: 0.01, high: 0.05, level: 0.95 })), 'Best configuration: gaussian:stddev=0.1, validation accuracy 0.8200 ± 0.0100 over 3 seeds; Δ vs baseline +0.0300 [+0.0100, +0.0500], above the baseline beyond its 95% interval');
});

test('below the interval, the baseline on top, or a single seed: never best', () => {
  assert.match(line(top({ estimate: -0.03, low: -0.05, high: -0.01, level: 0.95 })), /^Highest mean validation accuracy: .*; Δ vs baseline -0\.0300 \[-0\.0500, -0\.0100\], below its baseline beyond its 95% interval, so no configuration is called best$/);
  assert.equal(line(top(null, true)), 'Highest mean validation accuracy: gaussian:stddev=0.1, validation accuracy 0.8200 ± 0.0100 over 3 seeds: no configuration\'s mean is above the baseline\'s');
  assert.match(line(top({ estimate: 0.03, low: null, high: null, level: 0.95 }, false, 1)), /^Highest mean validation accuracy: .*over 1 seed; Δ vs baseline \+0\.0300 has no interval \(one seed\), so no configuration is called best$/);
  assert.equal(topConfigurationLine(null), null);
});
