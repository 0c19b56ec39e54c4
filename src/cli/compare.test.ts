/**
 * `noisenet compare`: a tiny real run whose results.json, CSVs, tables and report agree with the
 * runs' histories; the output folder guard; config file errors; Ctrl-C keeping finished runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../testing/run-cli.js';
import { loadDataset } from '../data/node/load-dataset.js';
import { subsetSplit } from '../data/subset-split.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { historyCsv } from '../io/history-files.js';
import { mean, sampleSd } from '../experiments/stats.js';
import { formatMeanSd } from '../experiments/format.js';
import { readExperimentConfig } from '../experiments/node/read-config.js';
import type { ExperimentResults } from '../experiments/results.js';
import { buildRun } from '../run/build-run.js';
import { defaultOutDir, mergeConfig, compareFlags } from './commands/compare-options.js';

const BIN = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));
const TINY = ['--dataset', 'mnist-mini', '--train-size', '500', '--epochs', '1', '--seeds', '2'];

const readResults = async (dir: string): Promise<ExperimentResults> => JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ExperimentResults;
const last = (values: number[] | undefined): number => values![values!.length - 1]!;
const oneLine = (s: string): void => assert.match(s, /^[^\n]+\n$/, `expected one line, got ${JSON.stringify(s)}`);

test('compare --help', async () => {
  const r = await runCli('compare', '--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /^Usage: noisenet compare \[options\]\n/);
  for (const flag of ['--config', '--noise', '--variant', '--seeds', '--stddevs', '--draws', '--out', '--force', '--png', '--train-size']) assert.ok(r.out.includes(flag), flag);
  assert.equal(r.err, '');
});

test('a tiny compare writes results.json that matches the runs, CSVs, a report and the printed tables', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-'));
  const out = join(dir, 'out');
  const r = await runCli('compare', ...TINY, '--noise', 'gaussian:stddev=0.1', '--stddevs', '0,0.3', '--draws', '2', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Dataset: mnist-mini, 500 train \(seeded subset of 8000\), 2000 test; source: /);
  assert.match(r.out, /\nRuns: 2 configurations x 2 seeds \(1, 2\) x 1 epoch; model mlp 128,64 relu, adam lr 0\.001, batch 32\n {2}baseline \(no noise\)\n {2}gaussian:stddev=0\.1\n/);
  // Progress off a terminal: one line per epoch, then the total.
  assert.equal(r.err.split('\n').filter((l) => l.startsWith('run ')).length, 4, r.err);
  assert.match(r.err, /finished 4\/4 runs +4\/4 \[=+\] 100%/);

  const results = await readResults(out);
  assert.equal(results.status, 'complete');
  assert.deepEqual(results.runs.map((x) => `${x.configuration}/${x.seed}`), ['baseline/1', 'gaussian:stddev=0.1/1', 'baseline/2', 'gaussian:stddev=0.1/2']);
  assert.deepEqual(results.config.configurations, [{ name: 'baseline', noise: [] }, { name: 'gaussian:stddev=0.1', noise: ['gaussian:stddev=0.1'] }]);
  assert.equal(results.dataset.trainCount, 500);

  // One run redone by hand, as `noisenet train` would: the same history to the last digit.
  const data = await loadDataset('mnist-mini', { seed: 42 });
  const train = subsetSplit(data.train, 500, 42);
  const { model, fitOptions } = buildRun({ model: 'mlp', hidden: [128, 64], activation: 'relu', optimizer: 'adam', lr: 0.001, momentum: 0, noise: ['gaussian:stddev=0.1'] }, { inputShape: [784], classes: 10, imageShape: [28, 28] });
  const h = await model.fit(imagesOf(train), labelsOf(train), { epochs: 1, batchSize: 32, seed: 2, validationData: [imagesOf(data.test), labelsOf(data.test)], ...fitOptions });
  const run = results.runs[3]!;
  for (const k of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(run.history[k], h.history[k], k);
  assert.equal(run.robustness[0]!.mean, h.history.val_accuracy![0], 'robustness at s = 0 is the clean val accuracy');

  // The CSVs hold the histories; the summary in results.json and the printed table are their means ± sd.
  for (const x of results.runs) {
    const csv = await readFile(join(out, 'runs', `${x.configuration.replace(/[^A-Za-z0-9._-]+/g, '_')}-seed${x.seed}.csv`), 'utf8');
    assert.equal(csv, historyCsv({ history: x.history }));
  }
  for (const row of results.summary!) {
    const runs = results.runs.filter((x) => x.configuration === row.configuration);
    const finals = runs.map((x) => last(x.history.val_accuracy));
    assert.equal(row.valAccuracy.mean, mean(finals));
    assert.equal(row.valAccuracy.sd, sampleSd(finals));
    assert.equal(row.gapAccuracy.mean, mean(runs.map((x) => last(x.history.accuracy) - last(x.history.val_accuracy))));
    assert.equal(row.trainLoss.mean, mean(runs.map((x) => last(x.history.loss))));
    const line = r.out.split('\n').find((l) => l.startsWith(`${row.configuration} `))!;
    assert.ok(line.includes(`${formatMeanSd(row.valAccuracy)}`), line);
    assert.ok(line.includes(`  2  `), line);
  }
  const diff = results.summary![1]!.diffValAccuracy!;
  assert.ok(Math.abs(diff.estimate - (results.summary![1]!.valAccuracy.mean! - results.summary![0]!.valAccuracy.mean!)) < 1e-12);
  assert.match(r.out, /\nRobustness \(accuracy on 2000 validation inputs \+ Gaussian noise of stddev s, 2 draws per level; mean ± sd over 2 seeds\):\nconfiguration +s = 0 +s = 0\.3\n/);

  const html = await readFile(join(out, 'report.html'), 'utf8');
  // The four charts, and the robustness card's per-corruption heat map.
  assert.equal(html.match(/<svg\b/g)?.length, 5);
  assert.equal(html.match(/<figure id="chart-corruption-heatmap"/g)?.length, 1);
  assert.ok(html.includes(`<td>gaussian:stddev=0.1</td><td>2</td>`));
  assert.deepEqual((await readdir(out)).sort(), ['report.html', 'results.json', 'runs']);
  assert.match(r.out, new RegExp(`\\nWrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/results\\.json, .*/report\\.html, .*/runs/ \\(4 CSV files\\)\\n$`));

  // The effective configuration in results.json reads back as a config file.
  assert.deepEqual(await readExperimentConfig(join(out, 'results.json')), results.config);

  // An existing result of another configuration is refused before any run, and kept; --force replaces it.
  const before = await readFile(join(out, 'results.json'), 'utf8');
  const refused = await runCli('compare', ...TINY, '--out', out);
  assert.equal(refused.code, 1);
  assert.equal(
    refused.err,
    `noisenet compare: ${join(out, 'results.json')} already exists and holds a comparison with another configuration (robustness differs): rerun the command that wrote it to finish it, choose another output folder, or pass --force to overwrite it\n`,
  );
  assert.equal(refused.out, '');
  assert.equal(await readFile(join(out, 'results.json'), 'utf8'), before);
  const forced = await runCli('compare', '--dataset', 'mnist-mini', '--train-size', '100', '--epochs', '1', '--seeds', '1', '--out', out, '--force', '--quiet', '--png');
  assert.equal(forced.code, 0, forced.err);
  const again = await readResults(out);
  assert.deepEqual([again.runs.length, again.dataset.trainCount], [2, 100]);
  assert.deepEqual((await readdir(join(out, 'runs'))).sort(), ['baseline-seed1.csv', 'gaussian_stddev_0.1-seed1.csv'], 'the earlier CSVs are gone');
  assert.deepEqual((await readdir(join(out, 'charts'))).sort(), ['corruption-heatmap.png', 'final-accuracy.png', 'generalization-gap.png', 'learning-curves.png', 'robustness.png']);
  await rm(dir, { recursive: true });
});

test('bad config files fail before any run, naming the file, the field and the reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-config-'));
  const out = join(dir, 'out');
  const file = (name: string, text: string): Promise<string> => writeFile(join(dir, name), text).then(() => join(dir, name));
  const cases: [string, number, string][] = [
    [await file('comma.json', '{\n  "epochs": 1,\n}\n'), 2, 'line 3, column 1: invalid JSON: expected a property name in double quotes, found "}"'],
    [await file('technique.json', '{"dataset": "mnist-mini", "configurations": [{"name": "baseline"}, {"name": "g", "noise": ["gausian:stddev=0.1"]}]}'), 2, `configurations[1].noise[0]: "gausian:stddev=0.1": unknown technique 'gausian'; known: gaussian, `],
    [await file('parameter.json', '{"configurations": [{"name": "baseline"}, {"name": "d", "noise": ["dropout:p=0.5"]}]}'), 2, `configurations[1].noise[0]: "dropout:p=0.5": unknown parameter 'p' for dropout; known: rate, schedule, per, stages`],
    [await file('placement.json', '{"configurations": [{"name": "baseline"}, {"name": "d", "noise": ["dropout@3"]}]}'), 2, "configurations[1].noise: noise spec 'dropout@3': @3 is past the last of 2 hidden layers"],
    [await file('field.json', '{"epoch": 3}'), 2, 'epoch: unknown field (known: name, model, dataset, '],
    [await file('value.json', '{"seeds": [1, 1]}'), 2, 'seeds: must be distinct, received [1, 1]'],
    [join(dir, 'missing.json'), 1, '(file): cannot be read (ENOENT)'],
  ];
  for (const [path, code, reason] of cases) {
    const r = await runCli('compare', '--config', path, '--out', out);
    assert.equal(r.code, code, `${path}: ${r.err}`);
    oneLine(r.err);
    assert.ok(r.err.startsWith(`noisenet compare: ${path}: ${reason}`), r.err);
    assert.equal(r.out, '');
  }
  // Misuse on the command line is named by flag or spec.
  const flags: [string[], string][] = [
    [['--noise', 'dropout@3'], "noisenet compare: noise spec 'dropout@3': @3 is past the last of 2 hidden layers; see noisenet techniques\n"],
    [['--variant', 'gaussian:stddev=0.1 mixup:beta=1'], "noisenet compare: noise spec 'mixup:beta=1': unknown parameter 'beta' for mixup; known: alpha, mode, schedule, per, stages; see noisenet techniques\n"],
    [['--variant', 'gaussian:stddev=0.1', '--noise', 'gaussian:stddev=0.1'], 'noisenet compare: the noise configuration "gaussian:stddev=0.1" is given twice (--noise and --variant each make one)\n'],
    [['--seeds', '0'], 'noisenet compare: --seeds must be an integer >= 1 and <= 10000, received "0"\n'],
    [['--stddevs', '0,x'], 'noisenet compare: --stddevs must be a comma-separated list of numbers >= 0, received "0,x"\n'],
    [['--momentum', '0.9'], 'noisenet compare: --momentum applies only to --optimizer sgd or rmsprop\n'],
    [['--dataset', 'mnist-mini', '--train-size', '9000'], 'noisenet compare: --train-size must be an integer from 1 to 8000 (the training samples of mnist-mini), received "9000"\n'],
  ];
  for (const [args, message] of flags) {
    const r = await runCli('compare', ...args, '--out', out);
    assert.deepEqual([r.code, r.err], [2, message], args.join(' '));
  }
  await assert.rejects(stat(out), 'nothing was written');
  await rm(dir, { recursive: true });
});

test('flags override a config file; the defaults are the article model with and without Gaussian noise 0.1', () => {
  const flags = compareFlags({ epochs: '3', seeds: '7,8', stddevs: '0,1' });
  assert.deepEqual(mergeConfig({ epochs: 20, lr: 0.01, robustness: { draws: 5 } }, flags), {
    epochs: 3, lr: 0.01, seeds: [7, 8], robustness: { draws: 5, stddevs: [0, 1] },
    configurations: [{ name: 'baseline', noise: [] }, { name: 'gaussian:stddev=0.1', noise: ['gaussian:stddev=0.1'] }],
  });
  const noisy = compareFlags({ noise: ['dropout@hidden', 'weight:stddev=0.01'], variant: ['mixup  cutout:size=8'] });
  const merged = mergeConfig({ configurations: [{ name: 'x' }], baseline: 'x' }, noisy) as { configurations: unknown; baseline: string; seeds: number };
  assert.deepEqual(merged.configurations, [
    { name: 'baseline', noise: [] },
    { name: 'dropout@hidden + weight:stddev=0.01', noise: ['dropout@hidden', 'weight:stddev=0.01'] },
    { name: 'mixup + cutout:size=8', noise: ['mixup', 'cutout:size=8'] },
  ]);
  assert.deepEqual([merged.baseline, merged.seeds], ['baseline', 3]);
  assert.deepEqual(mergeConfig([1], compareFlags({})), [1], 'a non-object file is left for the parser to name');
  assert.match(defaultOutDir(new Date(2025, 0, 31, 14, 5, 9)), /^runs\/compare-20250131-140509$/);
});

test('Ctrl-C during compare keeps the finished runs, writes their report and exits 130', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-sigint-'));
  const out = join(dir, 'out');
  const child = spawn(process.execPath, [BIN, 'compare', '--dataset', 'mnist-mini', '--train-size', '1000', '--epochs', '8', '--seeds', '3', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const finishedRuns = async (): Promise<number> => readResults(out).then((r) => r.runs.length, () => 0);
  while ((await finishedRuns()) < 1) {
    assert.equal(child.exitCode, null, `compare ended before its first run finished: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, stderr);
  const results = await readResults(out);
  assert.equal(results.status, 'interrupted');
  assert.ok(results.runs.length >= 1 && results.runs.length < 6, `${results.runs.length} runs`);
  const n = results.runs.length;
  const lastLine = stderr.trimEnd().split('\n').pop()!;
  assert.equal(lastLine, `noisenet compare: interrupted; kept the ${n === 1 ? 'finished run' : `${n} finished runs`} (of 6) in ${join(out, 'results.json')} and wrote ${n === 1 ? 'its' : 'their'} report to ${join(out, 'report.html')}`);
  const html = await readFile(join(out, 'report.html'), 'utf8');
  assert.match(html, new RegExp(`Status: <strong>interrupted</strong> — ${n} of 6 runs finished`));
  assert.equal((await readdir(join(out, 'runs'))).length, n);
  assert.match(stdout, /\nSummary \(final epoch/);
  await rm(dir, { recursive: true });
});

test('a second Ctrl-C during compare exits at once and leaves results.json interrupted, with no temporary file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-sigint2-'));
  const out = join(dir, 'out');
  const child = spawn(process.execPath, [BIN, 'compare', '--dataset', 'mnist-mini', '--train-size', '1000', '--epochs', '8', '--seeds', '3', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  while ((await readResults(out).then((r) => r.runs.length, () => 0)) < 1) {
    assert.equal(child.exitCode, null, `compare ended before its first run finished: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The second Ctrl-C comes while the first is still stopping the run: the process exits at once.
  child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 1));
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  const results = await readResults(out);
  assert.equal(results.status, 'interrupted', 'not a stale "running"');
  const names = [...(await readdir(out)), ...(await readdir(join(out, 'runs')))];
  assert.deepEqual(names.filter((n) => n.includes('.tmp-')), [], 'no temporary file left');
  await rm(dir, { recursive: true });
});
