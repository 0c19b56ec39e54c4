/**
 * The user's own data in experiments: `compare --data` and `sweep --data` on real tables
 * (scikit-learn's CSVs) and NumPy arrays, a config file's `data`, and `train --data --train-size`:
 * a run of compare trains exactly as train does with the same seed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { runOnnx } from '../testing/onnx-runtime.js';
import { loadData } from '../data/node/load-data.js';
import { loadedDataRecord } from '../data/loaded-data-record.js';
import { splitTensors } from '../data/split-tensors.js';
import { loadModel } from '../io/node/load-model.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);

const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
const CANCER = join(SKLEARN, 'breast_cancer.csv');
const WINE = join(SKLEARN, 'wine_data.csv');
const PYTHON = '/usr/bin/python3';
const skipUnless = (path: string, what: string): string | false => (existsSync(path) ? false : `${path} not installed (${what})`);

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-own-experiments-'));
});
after(() => rm(dir, { recursive: true, force: true }));

interface Results {
  config: Record<string, unknown> & { data?: Record<string, unknown> };
  dataset: { name: string; trainCount: number; validationCount: number; inputSize: number; classes: string[]; data?: unknown };
  runs: { configuration: string; seed: number; history: Record<string, number[]>; model: { layers: { className: string }[] } }[];
}
const readJson = async <T = Record<string, unknown>>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

test('compare --data on a table trains each run as train --data does with the same seed: the same history, subset and normalization', { skip: skipUnless(WINE, "Debian's python3-sklearn") }, async () => {
  const trained = join(dir, 'wine-train');
  const run = await runCli('train', '--data', WINE, '--val-split', '0.25', '--train-size', '100', '--epochs', '3', '--seed', '5', '--out', trained);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: table .*wine_data\.csv, 133 train \(100 used: --train-size\), 45 validation \(25% held out, seed 5, stratified\); 13 features; 3 classes/m);
  const history = await readJson<Record<string, number[]>>(join(trained, 'history.json'));

  const out = join(dir, 'wine-compare');
  const compared = await runCli('compare', '--data', WINE, '--val-split', '0.25', '--train-size', '100', '--epochs', '3', '--seed', '5', '--seeds', '5,6', '--noise', 'gaussian:stddev=0.1', '--out', out, '-q');
  assert.equal(compared.code, 0, compared.err);
  assert.match(compared.out, /^Data: table .*wine_data\.csv, 133 train \(100 used: --train-size\), 45 validation \(25% held out, seed 5, stratified\); 13 features; 3 classes/m);
  const results = await readJson<Results>(join(out, 'results.json'));
  assert.equal(results.dataset.trainCount, 100);
  assert.equal(results.dataset.validationCount, 45);
  assert.deepEqual(results.dataset.classes, ['class_0', 'class_1', 'class_2']);
  assert.deepEqual(results.config.data, { path: WINE, valSplit: 0.25 });
  const record = JSON.parse(JSON.stringify(await loadedDataRecord(await loadData(WINE, { valSplit: 0.25, seed: 5 })))) as { kind: string; sha256: string };
  assert.deepEqual([results.dataset.data, record.kind], [record, 'table'], 'the data recorded: its kind, classes, counts and SHA-256');
  const noisy = results.runs.find((r) => r.configuration === 'gaussian:stddev=0.1' && r.seed === 5)!;
  assert.equal(noisy.model.layers[1]!.className, 'Normalization', 'the normalization comes right after the input');
  for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(noisy.history[key], history[key], key);
  assert.equal(results.runs.length, 4);

  // The results rerun from their own file (its `data` key), as the command line ran them.
  const again = join(dir, 'wine-again');
  const rerun = await runCli('compare', '--config', join(out, 'results.json'), '--out', again, '-q');
  assert.equal(rerun.code, 0, rerun.err);
  const second = await readJson<Results>(join(again, 'results.json'));
  assert.deepEqual(second.runs.map((r) => r.history['val_loss']), results.runs.map((r) => r.history['val_loss']));
  assert.deepEqual(second.dataset.data, record);
});

test('compare --config with a data key reads NumPy arrays written by numpy.savez_compressed, standardised unless standardize is false', { skip: skipUnless(PYTHON, 'python3 with numpy') }, async () => {
  const npz = join(dir, 'blobs.npz');
  execFileSync(PYTHON, ['-c', `
import numpy as np
r = np.random.default_rng(0)
def make(n):
    y = r.integers(0, 3, n)
    x = (r.normal(size=(n, 4)) + y[:, None] * 1.5) * 100 + 40
    return x.astype(np.float64), y.astype(np.int64)
xt, yt = make(120); xv, yv = make(60)
np.savez_compressed(${JSON.stringify(npz)}, x_train=xt, y_train=yt, x_test=xv, y_test=yv)
`]);
  const config = join(dir, 'blobs.json');
  writeFileSync(config, JSON.stringify({ data: { path: npz }, epochs: 2, seeds: 2, hidden: [16], configurations: [{ name: 'baseline', noise: [] }, { name: 'dropout', noise: ['dropout:rate=0.2@hidden'] }] }));
  const out = join(dir, 'blobs-compare');
  const run = await runCli('compare', '--config', config, '--out', out, '-q');
  assert.equal(run.code, 0, run.err);
  const results = await readJson<Results>(join(out, 'results.json'));
  assert.equal(results.config['dataset'], 'own');
  assert.equal(results.dataset.name, 'blobs.npz');
  assert.equal(results.dataset.inputSize, 4);
  assert.equal(results.runs.length, 4);
  assert.ok(results.runs.every((r) => r.model.layers[1]!.className === 'Normalization'));

  const raw = join(dir, 'blobs-raw');
  writeFileSync(config, JSON.stringify({ data: { path: npz, standardize: false }, epochs: 1, seeds: 1, hidden: [16] }));
  assert.equal((await runCli('compare', '--config', config, '--out', raw, '-q')).code, 0);
  const plain = await readJson<Results>(join(raw, 'results.json'));
  assert.ok(plain.runs.every((r) => r.model.layers.every((l) => l.className !== 'Normalization')));
});

test('sweep --data trains every level on the table in-process and records the data and its SHA-256 in every run', { skip: skipUnless(CANCER, "Debian's python3-sklearn") }, async () => {
  const out = join(dir, 'cancer-sweep');
  const run = await runCli('sweep', '--data', CANCER, '--val-split', '0.2', '--train-size', '150', '--epochs', '1', '--seeds', '1', '--noise', 'gaussian:stddev={0.1,0.3}', '--out', out, '-q');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: table .*breast_cancer\.csv, 455 train \(150 used: --train-size\), 114 validation/m);
  const results = await readJson<{ config: { data: { path: string; sha256: string } }; dataset: { data?: { kind: string; sha256: string; classes: string[] } }; runs: unknown[] }>(join(out, 'results.json'));
  assert.equal(results.dataset.data?.kind, 'table', 'the sweep records the data as read, as compare does');
  assert.equal(results.dataset.data?.sha256, results.config.data.sha256);
  assert.deepEqual(results.dataset.data?.classes, ['malignant', 'benign']);
  assert.equal(results.config.data.path, CANCER);
  assert.match(results.config.data.sha256, /^[0-9a-f]{64}$/);
  assert.equal(results.runs.length, 3);
});

test('the own-data flags of compare: a table flag without --data, --data with --dataset, and data with dataset in a config file are refused in one line', { skip: skipUnless(WINE, "Debian's python3-sklearn") }, async () => {
  const noData = await runCli('compare', '--target', 'x', '--out', join(dir, 'none'));
  assert.equal(noData.code, 2);
  assert.match(noData.err, /^noisenet compare: --target applies only with --data PATH/);
  const both = await runCli('compare', '--data', WINE, '--dataset', 'mnist-mini', '--out', join(dir, 'none'));
  assert.equal(both.code, 2);
  assert.match(both.err, /--data reads your own data; --dataset names a built-in dataset/);
  const config = join(dir, 'both.json');
  writeFileSync(config, JSON.stringify({ dataset: 'mnist-mini', data: { path: WINE } }));
  const file = await runCli('compare', '--config', config, '--out', join(dir, 'none'));
  assert.equal(file.code, 2);
  assert.match(file.err, /both\.json: dataset: names a built-in dataset; data reads your own/);
  const noSplit = await runCli('compare', '--data', WINE, '--epochs', '1', '--out', join(dir, 'nosplit'));
  assert.equal(noSplit.code, 2);
  assert.match(noSplit.err, /has no test split; give --val-split FRACTION/);
  assert.equal(existsSync(join(dir, 'nosplit', 'results.json')), false);
});

test('a table model trained with --data exports with its normalization: the ONNX file in onnxruntime and the model folder in TF.js predict what noisenet predicts (1e-5)', { skip: skipUnless(CANCER, "Debian's python3-sklearn") || (tfjs ? false : '@tensorflow/tfjs not installed') }, async () => {
  const out = join(dir, 'cancer-export');
  const trained = await runCli('train', '--data', CANCER, '--val-split', '0.2', '--epochs', '2', '--seed', '4', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const onnxFile = join(dir, 'cancer.onnx');
  const exported = await runCli('export', '--model', join(out, 'model'), '--format', 'onnx', '--out', onnxFile);
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.out, /^Output: one probability per class, in the order malignant, benign$/m);
  assert.doesNotMatch(exported.out, /^Input/m, 'the normalization is in the graph, and the columns have no names');

  const data = await loadData(CANCER, { valSplit: 0.2, seed: 4 });
  const x = splitTensors(data, data.test!).x;
  const expected = (await loadModel(join(out, 'model'))).predict(x).data;
  const close = (got: ArrayLike<number>, what: string): void => {
    assert.equal(got.length, expected.length, what);
    for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i]! - expected[i]!) <= 1e-5, `${what}: ${got[i]} vs ${expected[i]} at ${i}`);
  };
  close((await runOnnx(new Uint8Array(await readFile(onnxFile)), Float32Array.from(x.data), x.shape)).data, 'onnxruntime');

  const tf = tfjs as Tf;
  const json = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
  const bin = await readFile(join(out, 'model', 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const model = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
  close(model.predict(tf.tensor2d(x.data, [x.count, data.sampleShape[0]])).dataSync(), 'TF.js');
});
