/**
 * What the comparison's tables, progress line and report say agrees with what ran: seeds
 * counted from the finished runs, counts and percentages that match, singulars, a defined
 * "best epoch", and a configuration list that always holds a noise-free baseline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeResults } from '../testing/experiment-fixtures.js';
import { robustnessHeading, summaryHeading } from './format.js';
import { formatExperimentProgress, type ExperimentProgress } from './progress.js';
import { reportHtml } from '../report/html.js';
import { parseExperimentConfig } from './config-parse.js';
import { CHART_NAMES } from './results.js';
import { CHARTS } from '../report/charts/index.js';
import { ExperimentConfigError } from './config.js';

test('an interrupted experiment\'s tables count the seeds that finished, not the seeds planned', () => {
  const full = fakeResults(['baseline', 'gaussian 0.1'], [1, 2, 3], 2);
  assert.match(summaryHeading(full), /mean ± sd over 3 seeds/);
  const interrupted = { ...full, status: 'interrupted' as const, runs: full.runs.slice(0, 3) }; // seed 1 of both, seed 2 of the baseline
  assert.match(summaryHeading(interrupted), /mean ± sd over 1 to 2 seeds per configuration \(see the runs column\)/);
  assert.match(robustnessHeading(interrupted), /mean ± sd over 1 to 2 seeds per configuration/);
  const one = { ...full, runs: full.runs.filter((r) => r.seed === 1) };
  assert.match(summaryHeading(one), /mean ± sd over 1 seed;/);
  assert.match(summaryHeading(full), /best epoch: the epoch with the highest validation accuracy, mean over seeds/);
});

test('the progress line\'s count and percentage agree', () => {
  const p: ExperimentProgress = { event: 'batch', run: 1, runs: 8, configuration: 'baseline', seed: 1, epoch: 1, epochs: 1, done: 0.6, total: 8, elapsedMs: 1000, etaMs: 12000 };
  const line = formatExperimentProgress(p);
  assert.match(line, / 0\.6\/8 \[=>\.+\] 7% /, line);
  const done = formatExperimentProgress({ ...p, event: 'epoch', done: 1 });
  assert.match(done, / 1\/8 \[==>\.+\] 12% /, done);
});

test('the report\'s subtitle says 1 configuration x 1 seed x 1 epoch in the singular, and defines best epoch', () => {
  const html = reportHtml(fakeResults(['baseline'], [1], 1), [], {});
  assert.match(html, /1 configuration × 1 seed × 1 epoch ·/);
  assert.match(reportHtml(fakeResults(['baseline', 'gaussian 0.1'], [1, 2], 3), [], {}), /2 configurations × 2 seeds × 3 epochs ·/);
  assert.match(html, /Best epoch: the epoch with the highest validation accuracy/);
});

test('a configuration list without a noise-free configuration gets the baseline; naming the baseline keeps it as given', () => {
  const c = parseExperimentConfig({ configurations: [{ name: 'noisy', noise: ['gaussian:stddev=0.1'] }] }, 'exp.json');
  assert.deepEqual(c.configurations, [{ name: 'baseline', noise: [] }, { name: 'noisy', noise: ['gaussian:stddev=0.1'] }]);
  assert.equal(c.baseline, 'baseline');
  const chosen = parseExperimentConfig({ configurations: [{ name: 'noisy', noise: ['gaussian:stddev=0.1'] }, { name: 'more', noise: ['gaussian:stddev=0.3'] }], baseline: 'noisy' }, 'exp.json');
  assert.deepEqual(chosen.configurations.map((x) => x.name), ['noisy', 'more']);
  const free = parseExperimentConfig({ configurations: [{ name: 'noisy', noise: ['gaussian:stddev=0.1'] }, { name: 'plain', noise: [] }] }, 'exp.json');
  assert.equal(free.baseline, 'plain', 'the noise-free configuration is the baseline');
  assert.throws(
    () => parseExperimentConfig({ configurations: [{ name: 'baseline', noise: ['gaussian:stddev=0.1'] }] }, 'exp.json'),
    (e: unknown) => e instanceof ExperimentConfigError && /^exp\.json: configurations: none is noise-free and "baseline" names a noisy one: add \{ "name": "plain", "noise": \[\] \} or name the reference with "baseline"$/.test(e.message),
  );
});

test('the chart files noisenet writes are the report\'s charts', () => {
  assert.deepEqual([...CHART_NAMES], CHARTS.map((c) => c.id));
});
