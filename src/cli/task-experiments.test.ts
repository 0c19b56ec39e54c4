/**
 * `compare` and `sweep` on a regression table and on a binary one: a regression is compared by
 * its validation RMSE (lower is better) everywhere, tables, verdict, results.json, the best level
 * and the report, never by an accuracy; its robustness is its RMSE under input noise. A binary
 * table trains one sigmoid output and is compared by its validation accuracy, with its auc.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';

const CANCER = '/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv';

interface Row {
  configuration: string;
  metric?: string;
  valMetric?: { mean: number | null };
  diffValMetric?: { estimate: number; low: number | null; high: number | null } | null;
  valAccuracy: { mean: number | null };
}
interface Results {
  runs: { history: Record<string, number[]>; robustness: { metric?: string; mean: number }[]; model: { layers: { className: string; config: Record<string, unknown> }[] } }[];
  summary: Row[];
}
const readJson = async (path: string): Promise<Results> => JSON.parse(await readFile(path, 'utf8')) as Results;

let dir = '';
let table = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-task-experiments-'));
  // y = 3 x1 - 2 x2 + x3 + a little noise: a continuous target (non-integers).
  const lines = ['x1,x2,x3,y'];
  let s = 12345;
  const u = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  for (let i = 0; i < 120; i++) {
    const [a, b, c] = [u(), u(), u()];
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${(3 * a - 2 * b + c + 0.1 * u()).toFixed(4)}`);
  }
  table = join(dir, 'values.csv');
  await writeFile(table, `${lines.join('\n')}\n`);
});
after(() => rm(dir, { recursive: true, force: true }));

test('compare on a regression table compares the validation RMSE and the RMSE under input noise, never an accuracy', async () => {
  const out = join(dir, 'compare-regression');
  const run = await runCli('compare', '--data', table, '--val-split', '0.25', '--task', 'regression', '--noise', 'gaussian:stddev=0.5', '--epochs', '3', '--lr', '0.01', '--seeds', '1,2', '--threads', '1', '--out', out, '-q');
  assert.equal(run.code, 0, run.err);
  assert.ok(!/accuracy|\bacc\b/.test(run.out), run.out);
  assert.match(run.out, /^Summary \(.*Δ: mean validation RMSE minus the baseline's, 95% Welch CI, lower is better; best epoch: the epoch with the lowest validation loss/m);
  assert.match(run.out, /^configuration\s+runs\s+train rmse\s+val rmse\s+train loss\s+val loss\s+gap rmse \(val-train\)\s+gap loss \(val-train\)\s+best epoch\s+Δ val rmse vs baseline \[95% CI\]$/m);
  assert.match(run.out, /^Robustness \(RMSE, lower is better, on 30 validation inputs/m);
  assert.match(run.out, /^Verdict: Validation rmse \(lower is better\): /m);
  const results = await readJson(join(out, 'results.json'));
  assert.ok(results.runs.every((r) => r.history.val_rmse && !r.history.val_accuracy), 'histories hold val_rmse, no accuracy');
  assert.ok(results.runs.every((r) => r.robustness.every((p) => p.metric === 'rmse' && p.mean > 0)));
  const noisy = results.summary.find((r) => r.configuration !== 'baseline')!;
  assert.equal(noisy.metric, 'rmse');
  assert.equal(noisy.valAccuracy.mean, null);
  assert.ok(noisy.valMetric?.mean !== null && noisy.diffValMetric && noisy.diffValMetric.low !== null, JSON.stringify(noisy));
  const report = await readFile(join(out, 'report.html'), 'utf8');
  assert.match(report, /val rmse/);
  assert.ok(!/validation accuracy|Gaussian-noise accuracy/i.test(report), 'the report shows no accuracy');
});

test('sweep on a regression table chooses the level of the lowest validation RMSE', async () => {
  const out = join(dir, 'sweep-regression');
  const run = await runCli('sweep', '--data', table, '--val-split', '0.25', '--task', 'regression', '--noise', 'gaussian:stddev={0.05,3}', '--epochs', '3', '--lr', '0.01', '--seeds', '1', '--threads', '1', '--out', out, '-q');
  assert.equal(run.code, 0, run.err);
  assert.ok(!/accuracy|\bacc\b/.test(run.out), run.out);
  const results = await readJson(join(out, 'results.json'));
  const levels = results.summary.filter((r) => r.configuration !== 'baseline');
  const lowest = levels.reduce((a, b) => (b.valMetric!.mean! < a.valMetric!.mean! ? b : a));
  const best = /^Best level per technique \(lowest mean validation rmse\):\n.*\n.*\ngaussian stddev\s+(\S+)\s/m.exec(run.out);
  assert.ok(best, run.out);
  assert.equal(`gaussian:stddev=${best[1]}`, lowest.configuration);
  // The large level trains a worse fit here: the choice is by the lower error, not the higher.
  assert.notEqual(lowest.configuration, 'gaussian:stddev=3');
  const report = await readFile(join(out, 'report.html'), 'utf8');
  assert.match(report, /Best level: the level with the lowest mean final validation rmse/);
  assert.ok(!/validation accuracy/i.test(report), 'the sweep report shows no accuracy');
});

test('compare and sweep on a binary table train one sigmoid output and compare the validation accuracy', { skip: existsSync(CANCER) ? false : `${CANCER} not installed (python3-sklearn)` }, async () => {
  const out = join(dir, 'compare-binary');
  const run = await runCli('compare', '--data', CANCER, '--val-split', '0.2', '--task', 'binary', '--train-size', '150', '--noise', 'gaussian:stddev=0.1', '--epochs', '2', '--seeds', '1,2', '--threads', '1', '--out', out, '-q');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^configuration\s+runs\s+train acc\s+val acc\s/m);
  assert.ok(!/rmse/.test(run.out), run.out);
  const results = await readJson(join(out, 'results.json'));
  const last = results.runs[0]!.model.layers.at(-1)!;
  assert.equal(last.config.units, 1, JSON.stringify(last));
  assert.ok(results.runs.every((r) => r.history.val_accuracy && r.history.val_auc));
  assert.equal(results.summary[1]!.metric, undefined);
  const swept = await runCli('sweep', '--data', CANCER, '--val-split', '0.2', '--task', 'binary', '--train-size', '150', '--noise', 'gaussian:stddev={0.1,0.3}', '--epochs', '1', '--seeds', '1', '--threads', '1', '--out', join(dir, 'sweep-binary'), '-q');
  assert.equal(swept.code, 0, swept.err);
  assert.match(swept.out, /^Best level per technique \(highest mean validation accuracy\):$/m);
});
