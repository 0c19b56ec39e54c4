/** A playground session trains what `noisenet compare` trains for the same settings, to the last bit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMnistMini } from '../data/node/mnist-mini.js';
import { runExperiment } from '../experiments/node/runner.js';
import { experimentData } from '../experiments/experiment-data.js';
import { specRunFactory } from '../experiments/spec-run-factory.js';
import { ExperimentConfigError } from '../experiments/config.js';
import { PlaygroundSession, playgroundConfig } from './session.js';
import { DEFAULT_SETTINGS, type PlaygroundSettings } from './settings.js';
import { playgroundDataFromImages, tableFromFile } from './custom-data.js';
import { readFile } from 'node:fs/promises';

const environment = { runtime: 'node test', machine: { platform: 'test', arch: 'test', cpu: 'test', cpus: 1, memoryGiB: 1 } };
const settings: PlaygroundSettings = { ...DEFAULT_SETTINGS, trainSize: 300, epochs: 3, seed: 5, noise: ['gaussian:stddev=0.3', 'dropout:rate=0.5@hidden'] };

test('a session (epochs in turn, with a pause) gives the histories and robustness of noisenet compare for the same config', async () => {
  const dataset = await loadMnistMini(42);
  const seen: string[] = [];
  const epochs: string[] = [];
  let lastProgress = { done: 0, total: 0 };
  let paused = 0;
  const session: PlaygroundSession = await PlaygroundSession.create(settings, dataset, {
    environment,
    events: {
      seen: ({ arm, seen: s }) => {
        seen.push(`${arm}:${s.epoch}:${s.step}:${s.count}x${s.size}`);
        if (arm === 'baseline') assert.ok(s.values.every((v) => Number.isInteger(Math.round(v * 255)) && Math.abs(v * 255 - Math.round(v * 255)) < 1e-4), 'the baseline sees clean pixels');
        else assert.ok(s.values.some((v) => Math.abs(v * 255 - Math.round(v * 255)) > 1e-3), 'the noisy model sees noise');
      },
      epoch: ({ arm, epoch }) => {
        epochs.push(`${arm}:${epoch}`);
        if (arm === 'baseline' && epoch === 0) session.pause();
      },
      progress: (p) => void (lastProgress = p),
    },
  });
  const results = await session.run(() => {
    paused++;
    setTimeout(() => session.resume(), 10);
  });
  assert.equal(paused, 1);
  assert.deepEqual(epochs, ['baseline:0', 'noisy:0', 'baseline:1', 'noisy:1', 'baseline:2', 'noisy:2']);
  assert.deepEqual(seen, ['baseline:0:0:16x784', 'noisy:0:0:16x784', 'baseline:1:10:16x784', 'noisy:1:10:16x784', 'baseline:2:20:16x784', 'noisy:2:20:16x784']);
  assert.deepEqual(lastProgress, { arm: 'noisy', epoch: 2, done: 60, total: 60 });
  assert.equal(results.status, 'complete');
  assert.deepEqual(results.config.configurations.map((c) => c.name), ['baseline', 'gaussian:stddev=0.3 + dropout:rate=0.5@hidden']);

  const reference = await runExperiment(results.config, { runFactory: specRunFactory(), data: experimentData(dataset, results.config) });
  assert.deepEqual(results.runs.map((r) => r.history), reference.runs.map((r) => r.history));
  assert.deepEqual(results.runs.map((r) => r.robustness), reference.runs.map((r) => r.robustness));
  assert.deepEqual(results.runs.map((r) => r.model), reference.runs.map((r) => r.model));
  // The robustness card: measured as compare measures it (the same seeded subset of 200 samples), and the cards of the results.
  assert.equal(results.config.robustness.cardSamples, 200);
  assert.deepEqual(results.runs.map((r) => [r.card, r.calibration]), reference.runs.map((r) => [r.card, r.calibration]));
  assert.equal(results.runs[0]!.card!.corruption!.corruptions, 15);
  assert.deepEqual(results.cards, reference.cards);
  assert.equal(results.dataset.task, 'multiclass');
  assert.equal(results.summary?.length, 2);
  const p = session.probabilities('noisy', new Float32Array(784).fill(0.5));
  assert.equal(p.length, 10);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5);
});

test('settings beyond the data or noise that does not fit are refused before any model is built', async () => {
  const dataset = await loadMnistMini(42);
  await assert.rejects(PlaygroundSession.create({ ...settings, trainSize: 9000 }, dataset, { environment }), (e: Error) => e instanceof ExperimentConfigError && /trainSize: must be at most 8000/.test(e.message));
  assert.throws(() => playgroundConfig({ ...settings, noise: ['gaussian:stddev=-1'] }, 'mnist-mini'), (e: Error) => e instanceof ExperimentConfigError && /configurations\[1\]\.noise\[0\]: "gaussian:stddev=-1": /.test(e.message));
  assert.equal(playgroundConfig(settings, 'my-digits').dataset, 'my-digits');
});

test('a session on a table standardises its features with a normalization layer and trains on them; colour images train as [height, width, 3]', async () => {
  const bytes = new Uint8Array(await readFile('/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv'));
  const iris = tableFromFile({ path: 'iris.csv', bytes });
  const small: PlaygroundSettings = { ...settings, epochs: 2, batchSize: 16, noise: ['gaussian:stddev=0.3'] };
  const table = await PlaygroundSession.create(small, iris, { environment });
  assert.equal(table.config.trainSize, 120, 'the training size is at most the data');
  assert.ok(table.model('baseline').layers.slice(0, 2).some((l) => l.className === 'Normalization'), 'the model standardises its inputs first');
  assert.deepEqual(table.model('noisy').inputShape, [4]);
  const results = await table.run();
  assert.deepEqual(results.dataset.classes, ['setosa', 'versicolor', 'virginica']);
  assert.equal(results.runs[0]!.history.loss!.length, 2);
  table.dispose();

  const rgb = (i: number): Uint8Array => Uint8Array.from({ length: 6 * 6 * 3 }, (_, k) => (k % 3 === i % 2 ? 220 : 20));
  const decoded = Array.from({ length: 20 }, (_, i) => ({ path: `p/${i % 2 ? 'green' : 'red'}/${i}.png`, width: 6, height: 6, pixels: new Uint8Array(36), rgb: rgb(i) }));
  const colour = await PlaygroundSession.create({ ...small, trainSize: 10 }, playgroundDataFromImages(decoded), { environment });
  assert.deepEqual(colour.model('baseline').inputShape, [6 * 6 * 3], 'the mlp takes every colour value');
  assert.deepEqual(colour.data.train.x.shape, [10, 6, 6, 3]);
  const done = await colour.run();
  assert.deepEqual(done.dataset.classes, ['green', 'red']);
  assert.equal(done.dataset.inputSize, 108);
  colour.dispose();
});

test('a session on a table with a continuous target trains a regression: its errors, its RMSE under noise, predictions against true values, no card', async () => {
  const { gunzipSync } = await import('node:zlib');
  const lines = async (name: string): Promise<string[]> => gunzipSync(await readFile(`/usr/lib/python3/dist-packages/sklearn/datasets/data/${name}`)).toString('utf8').trim().split('\n');
  const x = await lines('diabetes_data_raw.csv.gz');
  const y = await lines('diabetes_target.csv.gz');
  const bytes = new TextEncoder().encode(x.map((row, i) => [...row.trim().split(/\s+/), y[i]!.trim()].join(',')).join('\n'));
  const predictions: { arm: string; truth: number[]; predicted: number[] }[] = [];
  const session = await PlaygroundSession.create({ ...settings, epochs: 2, noise: ['gaussian:stddev=0.3'] }, tableFromFile({ path: 'diabetes.csv', bytes }), { environment, events: { predictions: (p) => void predictions.push(p) } });
  const results = await session.run();
  assert.equal(results.dataset.task, 'regression');
  assert.equal(results.config.loss, undefined, "the task's own loss (mean squared error) is left to the task");
  assert.equal(session.model('baseline').loss!.name, 'meanSquaredError');
  assert.deepEqual(Object.keys(results.runs[0]!.history).filter((k) => k.startsWith('val_')).sort(), ['val_loss', 'val_mae', 'val_r2', 'val_rmse']);
  assert.ok(results.runs.every((r) => r.robustness.every((p) => p.metric === 'rmse') && r.calibration === undefined));
  assert.deepEqual(results.cards, []);
  assert.deepEqual(predictions.map((p) => [p.arm, p.truth.length, p.predicted.length]), [['baseline', 88, 88], ['noisy', 88, 88]]);
  assert.deepEqual(predictions[0]!.truth.slice(0, 3), Array.from(session.data.validation.y.data.slice(0, 3)));
  assert.equal(predictions[1]!.predicted[0], session.probabilities('noisy', Float32Array.from(session.data.validation.x.data.subarray(0, 10)))[0]);
  session.dispose();
});
