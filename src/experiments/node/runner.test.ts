import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from './runner.js';
import type { RunFactory, RunContext } from '../run-factory.js';
import { parseExperimentConfig } from '../config-parse.js';
import type { ExperimentData } from '../data.js';
import type { ExperimentProgress } from '../progress.js';
import type { ExperimentResults } from '../results.js';
import { summarizeRuns } from '../summary.js';
import { mean } from '../stats.js';
import { sequential, type Sequential } from '../../models/sequential.js';
import { adam } from '../../optimizers/adam.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import type { Layer } from '../../parts/layer.js';
import { clusters } from '../../testing/synthetic.js';

const train = clusters(120, 8, 3, 1, 0.9);
const val = clusters(60, 8, 3, 2, 0.9);
const data: ExperimentData = { name: 'clusters', source: 'synthetic (test)', classes: ['a', 'b', 'c'], train, validation: val };

/** Understands `gaussian:<stddev>`, as a stand-in for the CLI's noise spec parser. */
function build({ configuration, inputShape, classes, config }: RunContext): Sequential {
  const layers: Layer[] = [input({ shape: [inputShape.reduce((a, b) => a * b, 1)] })]; // images come as [h, w, 1]
  for (const spec of configuration.noise) layers.push(gaussianNoise({ stddev: Number(spec.split(':')[1]) }));
  for (const units of config.hidden) layers.push(dense({ units, activation: 'relu' }));
  layers.push(dense({ units: classes, activation: 'softmax' }));
  return sequential(layers, { backend: createRefBackend() });
}
const buildRun: RunFactory = build;

const config = parseExperimentConfig(
  {
    name: 'tiny',
    epochs: 2,
    batchSize: 16,
    lr: 0.01,
    hidden: [8],
    seeds: [3, 4],
    configurations: [{ name: 'baseline' }, { name: 'gauss 0.5', noise: ['gaussian:0.5'] }],
    robustness: { stddevs: [0, 0.5], draws: 2 },
  },
  'test',
);

async function readResults(dir: string): Promise<ExperimentResults> {
  return JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ExperimentResults;
}

test('every (configuration, seed) is trained on the same data; results.json holds the runs exactly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-exp-'));
  const events: ExperimentProgress[] = [];
  const results = await runExperiment(config, { runFactory: buildRun, data, outDir: dir, onProgress: (p) => events.push(p) });
  assert.equal(results.status, 'complete');
  assert.deepEqual(results.runs.map((r) => `${r.configuration}/${r.seed}`), ['baseline/3', 'gauss 0.5/3', 'baseline/4', 'gauss 0.5/4']);
  const onDisk = await readResults(dir);
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(results)));
  assert.equal(onDisk.dataset.trainCount, 120);
  assert.equal(onDisk.versions.backend, 'ref');
  assert.equal(onDisk.versions.node, process.version);

  for (const run of onDisk.runs) {
    // The same run by hand: same builder, same seed, same fit options -> the same history to the last digit.
    const model = build({ configuration: config.configurations.find((c) => c.name === run.configuration)!, seed: run.seed, config, inputShape: [8], classes: 3 });
    model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(train.x, train.y, { epochs: 2, batchSize: 16, seed: run.seed, validationData: [val.x, val.y] });
    for (const k of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(run.history[k], h.history[k], `${run.configuration}/${run.seed} ${k}`);
    assert.deepEqual(run.history.gap_accuracy, h.history.accuracy!.map((a, i) => a - h.history.val_accuracy![i]!));
    assert.deepEqual(run.history.gap_loss, h.history.val_loss!.map((l, i) => l - h.history.loss![i]!));
    assert.equal(run.robustness[0]!.mean, model.evaluate(val.x, val.y).accuracy);
    assert.equal(run.robustness[1]!.accuracies.length, 2);
    assert.equal(run.calibration!.accuracy, run.robustness[0]!.mean, 'the calibration is measured on the validation set');
    assert.equal(run.calibration!.bins.length, 15);
    assert.ok(run.calibration!.ece >= 0 && run.calibration!.ece <= 1);
    const best = h.history.val_accuracy!.indexOf(Math.max(...h.history.val_accuracy!)) + 1;
    assert.equal(run.bestEpoch, best);
    const csv = (await readFile(join(dir, 'runs', `${run.configuration.replace(' ', '_')}-seed${run.seed}.csv`), 'utf8')).trim().split('\r\n');
    assert.equal(csv[0], 'epoch,accuracy,gap_accuracy,gap_loss,loss,val_accuracy,val_loss');
    assert.equal(csv[2], ['1', ...['accuracy', 'gap_accuracy', 'gap_loss', 'loss', 'val_accuracy', 'val_loss'].map((k) => String(run.history[k]![1]))].join(','));
  }

  // One bar over runs x epochs: monotone progress, 8 epoch events, then done.
  assert.ok(events.every((e) => e.total === 8 && e.runs === 4));
  assert.ok(events.every((e, i) => i === 0 || e.done >= events[i - 1]!.done - 1e-12));
  assert.equal(events.filter((e) => e.event === 'epoch').length, 8);
  assert.equal(events.filter((e) => e.event === 'robustness').length, 4);
  assert.deepEqual([events.at(-1)!.event, events.at(-1)!.done], ['done', 8]);

  const rows = summarizeRuns(onDisk);
  assert.equal(rows[0]!.diffValAccuracy, null);
  const acc = (name: string): number[] => onDisk.runs.filter((r) => r.configuration === name).map((r) => r.history.val_accuracy![1]!);
  assert.equal(rows[1]!.valAccuracy.mean, mean(acc('gauss 0.5')));
  assert.ok(Math.abs(rows[1]!.diffValAccuracy!.estimate - (mean(acc('gauss 0.5')) - mean(acc('baseline')))) < 1e-15);
});

test('an output folder with results is refused without force, and replaced with it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-exp-'));
  await writeFile(join(dir, 'results.json'), '{}');
  const small = { ...config, seeds: [1], configurations: [config.configurations[0]!] };
  await assert.rejects(runExperiment(small, { runFactory: buildRun, data, outDir: dir }), /results\.json already exists: choose another output folder or pass --force to overwrite it/);
  assert.equal(await readFile(join(dir, 'results.json'), 'utf8'), '{}');
  const results = await runExperiment(small, { runFactory: buildRun, data, outDir: dir, force: true });
  assert.equal((await readResults(dir)).runs.length, results.runs.length);
});

test('run again on a finished folder, it trains nothing and keeps what the finished run recorded: its start, its backend, its runs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-exp-'));
  const small = { ...config, seeds: [1] };
  const first = await readResults((await runExperiment(small, { runFactory: buildRun, data, outDir: dir }), dir));
  assert.equal(first.versions.backend, 'ref');
  let built = 0;
  const counting: RunFactory = (ctx) => (built++, build(ctx));
  const again = await runExperiment(small, { runFactory: counting, data, outDir: dir });
  assert.equal(built, small.configurations.length, 'only the pre-flight builds: no run trains');
  const onDisk = await readResults(dir);
  for (const r of [again, onDisk]) {
    assert.equal(r.status, 'complete');
    assert.equal(r.startedAt, first.startedAt);
    assert.equal(r.versions.backend, 'ref');
    assert.equal(r.runs.length, first.runs.length);
  }
  assert.deepEqual(onDisk.runs, first.runs);
});

test('an abort mid-run keeps the finished runs in results.json, marked interrupted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-exp-'));
  const controller = new AbortController();
  const onProgress = (p: ExperimentProgress): void => {
    if (p.run === 2 && p.event === 'batch') controller.abort();
  };
  const results = await runExperiment(config, { runFactory: buildRun, data, outDir: dir, onProgress, signal: controller.signal });
  assert.equal(results.status, 'interrupted');
  assert.equal(results.runs.length, 1);
  const onDisk = await readResults(dir);
  assert.equal(onDisk.status, 'interrupted');
  assert.deepEqual(onDisk.runs.map((r) => r.configuration), ['baseline']);
  assert.deepEqual(await readdir(join(dir, 'runs')), ['baseline-seed3.csv']);
  assert.ok(!(await readdir(dir)).some((f) => f.includes('.tmp-')), 'no temporary file is left');
});

test('a failing run is recorded as failed and rethrown', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-exp-'));
  const failing: RunFactory = (ctx) => {
    if (ctx.configuration.name !== 'baseline' && ctx.seed === 4) throw new Error('cannot build');
    return build(ctx);
  };
  await assert.rejects(runExperiment(config, { runFactory: failing, data, outDir: dir }), /cannot build/);
  const onDisk = await readResults(dir);
  assert.equal(onDisk.status, 'failed');
  assert.equal(onDisk.error, 'Error: cannot build');
  assert.equal(onDisk.runs.length, 3);
});

test('the default data: a seeded mnist-mini subset, the same for every run', async () => {
  const mini = parseExperimentConfig({ dataset: 'mnist-mini', trainSize: 150, valSize: 60, epochs: 2, batchSize: 16, lr: 0.01, hidden: [], seeds: 1, configurations: [{ name: 'a' }, { name: 'b', noise: ['gaussian:0.2'] }], robustness: { stddevs: [0, 0.3], draws: 1 } }, 'test');
  const results = await runExperiment(mini, { runFactory: buildRun });
  assert.equal(results.dataset.name, 'mnist-mini');
  assert.deepEqual([results.dataset.trainCount, results.dataset.validationCount, results.dataset.inputSize], [150, 60, 784]);
  assert.equal(results.runs.length, 2);
  for (const r of results.runs) assert.ok(r.history.val_accuracy![0]! > 0.4, `${r.configuration} learned something: ${r.history.val_accuracy}`);
});
