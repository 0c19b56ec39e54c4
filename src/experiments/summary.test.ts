import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeRuns } from './summary.js';
import { formatCertifyTable, formatRobustnessTable, formatSummaryTable } from './format.js';
import { fakeResults } from '../testing/experiment-fixtures.js';
import { mean, sampleSd, welchInterval } from './stats.js';

test('one row per configuration: final values mean ± sd over seeds, gap, best epoch, Welch difference from the baseline', () => {
  const results = fakeResults();
  const rows = summarizeRuns(results);
  assert.deepEqual(rows.map((r) => r.configuration), ['baseline', 'gaussian 0.1', 'dropout 0.2']);
  const last = (name: string, k: string): number[] => results.runs.filter((r) => r.configuration === name).map((r) => r.history[k]!.at(-1)!);
  const g = rows[1]!;
  assert.equal(g.runs, 3);
  assert.equal(g.valAccuracy.mean, mean(last('gaussian 0.1', 'val_accuracy')));
  assert.equal(g.valAccuracy.sd, sampleSd(last('gaussian 0.1', 'val_accuracy')));
  assert.equal(g.trainLoss.mean, mean(last('gaussian 0.1', 'loss')));
  assert.ok(Math.abs(g.gapAccuracy.mean! - (g.trainAccuracy.mean! - g.valAccuracy.mean!)) < 1e-12);
  assert.ok(Math.abs(g.gapLoss.mean! - (g.valLoss.mean! - g.trainLoss.mean!)) < 1e-12);
  const w = welchInterval(last('gaussian 0.1', 'val_accuracy'), last('baseline', 'val_accuracy'));
  assert.deepEqual(g.diffValAccuracy, { estimate: w.estimate, low: w.low, high: w.high, level: 0.95 });
  assert.equal(rows[0]!.diffValAccuracy, null);
  assert.equal(rows[0]!.isBaseline, true);
  assert.deepEqual(g.robustness.map((p) => p.stddev), [0, 0.1, 0.2, 0.3, 0.5]);
  assert.equal(g.robustness[2]!.mean, mean(results.runs.filter((r) => r.configuration === 'gaussian 0.1').map((r) => r.robustness[2]!.mean)));
});

test('with one seed there is no sd and no interval; with no run a row is empty', () => {
  const results = fakeResults(['baseline', 'noisy'], [5]);
  const rows = summarizeRuns({ ...results, runs: results.runs.slice(0, 1) });
  assert.equal(rows[0]!.valAccuracy.sd, null);
  assert.equal(rows[1]!.runs, 0);
  assert.equal(rows[1]!.valAccuracy.mean, null);
  assert.equal(rows[1]!.diffValAccuracy, null);
  const both = summarizeRuns(results);
  assert.equal(both[1]!.diffValAccuracy!.low, null);
  assert.match(formatSummaryTable(both), /^configuration {2,}runs/);
  assert.match(formatSummaryTable(both).split('\n')[3]!, /^noisy {2,}1 {2,}\d\.\d{4} {2,}\d\.\d{4} .* [+-]\d\.\d{4}$/);
});

test('text tables', () => {
  const table = formatSummaryTable(summarizeRuns(fakeResults())).split('\n');
  assert.equal(table.length, 5);
  assert.match(table[0]!, /Δ val acc vs baseline \[95% CI\]$/);
  assert.match(table[2]!, /^baseline +3 +0\.\d{4} ± 0\.\d{4}/);
  assert.match(table[3]!, /[+-]0\.\d{4} \[[+-]0\.\d{4}, [+-]0\.\d{4}\]$/);
  assert.match(formatSummaryTable(summarizeRuns(fakeResults(['reference', 'noisy']))).split('\n')[2]!, /^reference \(baseline\) +3 /);
  assert.equal(formatRobustnessTable([{ stddev: 0, accuracies: [0.9], mean: 0.9 }, { stddev: 0.5, accuracies: [0.5, 0.7], mean: 0.6 }]), [
    'noise stddev  accuracy  sd over draws  draws',
    '------------  --------  -------------  -----',
    '0             0.9000    –              1',
    '0.5           0.6000    0.1414         2',
  ].join('\n'));
  const text = formatCertifyTable({ sigma: 0.25, n0: 100, n: 1000, alpha: 0.001, seed: 0, samples: [], certifiedAccuracy: [{ radius: 0, accuracy: 0.5 }], abstainRate: 0.1, timeMs: 1 });
  assert.match(text, /^L2 radius {2}certified accuracy\n-+ {2}-+\n0 +0\.5000\nsigma 0\.25, n0 100, n 1000, alpha 0\.001, 0 samples, abstained on 10\.0%$/);
});
