/**
 * The user's own data on the command line: `train --data` on real tables (scikit-learn's CSVs)
 * equals the same run through the API; an image folder (Fashion-MNIST as PNG files) and NumPy
 * arrays train; `predict` gives the classes `evaluate` counts as correct; bad input fails in one
 * line and writes nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { finalValAccuracy, runCli } from '../testing/run-cli.js';
import { grayPng } from '../testing/png.js';
import { loadData } from '../data/node/load-data.js';
import { readIdxFile } from '../data/node/idx-file.js';
import { splitTensors } from '../data/split-tensors.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { normalization } from '../layers/normalization.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { sequential } from '../models/sequential.js';
import { adam } from '../optimizers/adam.js';

const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
const FASHION = '/usr/share/datasets/fashion-mnist';
const skipUnless = (path: string, what: string): string | false => (existsSync(path) ? false : `${path} not installed (${what})`);

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-own-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const readJson = async (path: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

for (const table of ['breast_cancer', 'wine_data']) {
  const csv = join(SKLEARN, `${table}.csv`);
  test(`train --data ${table}.csv gives the history of the same table trained through the API with the same seed, bit for bit`, { skip: skipUnless(csv, "Debian's python3-sklearn") }, async () => {
    const out = join(dir, table);
    const run = await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '3', '--seed', '7', '--threads', '1', '--out', out);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^Preprocessing: features standardised .*--no-standardize/m);
    const cli = (await readJson(join(out, 'history.json'))) as { [k: string]: number[] };

    const data = await loadData(csv, { valSplit: 0.2, seed: 7 });
    const train = splitTensors(data, data.train);
    const validation = splitTensors(data, data.test!);
    const model = sequential([
      input({ shape: [...data.sampleShape] }),
      normalization().adapt(train.x),
      gaussianNoise({ stddev: 0.1 }),
      dense({ units: 128, activation: 'relu' }),
      dense({ units: 64, activation: 'relu' }),
      dense({ units: data.classes.length, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: adam({ learningRate: 0.001 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const api = await model.fit(train.x, train.y, { epochs: 3, batchSize: 32, seed: 7, validationData: [validation.x, validation.y] });
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(cli[key], api.history[key], key);

    const record = ((await readJson(join(out, 'model', 'model.json')))['noisenet'] as Record<string, Record<string, unknown>>)['data']!;
    assert.deepEqual(record['classes'], data.classes);
    assert.deepEqual(record['sampleShape'], data.sampleShape);
    assert.equal(record['standardized'], true);
    assert.match(String(record['sha256']), /^[0-9a-f]{64}$/);
  });
}

test('predict on a CSV of the validation rows gives the classes evaluate counts as correct', { skip: skipUnless(join(SKLEARN, 'wine_data.csv'), "Debian's python3-sklearn") }, async () => {
  const csv = join(SKLEARN, 'wine_data.csv');
  const out = join(dir, 'wine-predict');
  assert.equal((await runCli('train', '--data', csv, '--val-split', '0.3', '--epochs', '2', '--seed', '3', '--threads', '1', '--out', out, '-q')).code, 0);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  const accuracy = Number(/accuracy: (\d\.\d{4})/.exec(evaluated.out)![1]);
  const data = await loadData(csv, { valSplit: 0.3, seed: 3 });
  const features = data.sampleShape[0]!;
  const test = data.test!;
  const rows = Array.from({ length: test.count }, (_, i) => Array.from(test.x.subarray(i * features, (i + 1) * features), (v) => String(v)).join(','));
  const rowsCsv = join(dir, 'wine-validation.csv');
  writeFileSync(rowsCsv, `${data.featureNames!.join(',')}\n${rows.join('\n')}\n`);
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', rowsCsv);
  assert.equal(predicted.code, 0, predicted.err);
  const lines = predicted.out.trim().split('\n');
  assert.equal(lines.length, test.count);
  const correct = lines.filter((line, i) => line.split('\t')[1] === data.classes[test.y[i]!]).length;
  assert.equal((correct / test.count).toFixed(4), accuracy.toFixed(4));

  const json = join(dir, 'wine-predictions.json');
  assert.equal((await runCli('predict', '--model', join(out, 'model'), '--input', rowsCsv, '--out', json)).code, 0);
  const saved = JSON.parse(await readFile(json, 'utf8')) as { class: string; probability: number }[];
  assert.deepEqual(saved.map((p) => p.class), lines.map((l) => l.split('\t')[1]));

  const robust = await runCli('robustness', '--model', join(out, 'model'), '--stddevs', '0', '--draws', '1');
  assert.equal(robust.code, 0, robust.err);
  assert.match(robust.out, /^Data: table .*wine_data\.csv, \d+ train, \d+ validation/m);
  assert.match(robust.out, new RegExp(`^0 +${accuracy.toFixed(4)} `, 'm'));
});

test('Fashion-MNIST written as a PNG folder by class trains through train --data, and predict on its test folder gives the classes evaluate counts as correct', { skip: skipUnless(join(FASHION, 't10k-images-idx3-ubyte.gz'), "Debian's dataset-fashion-mnist") }, async () => {
  const images = await readIdxFile(join(FASHION, 't10k-images-idx3-ubyte.gz'));
  const labels = await readIdxFile(join(FASHION, 't10k-labels-idx1-ubyte.gz'));
  const folder = join(dir, 'fashion');
  for (let i = 0; i < 400; i++) {
    const path = join(folder, i < 300 ? 'train' : 'test', `class-${labels.data[i]}`, `${String(i).padStart(5, '0')}.png`);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, grayPng(28, 28, images.data.subarray(i * 784, (i + 1) * 784)));
  }
  const out = join(dir, 'fashion-run');
  const trained = await runCli('train', '--data', folder, '--epochs', '3', '--seed', '1', '--threads', '1', '--out', out);
  assert.equal(trained.code, 0, trained.err);
  assert.match(trained.out, /^Data: images .*300 train, 100 test; samples 28x28x1; 10 classes/m);
  console.log(`Fashion-MNIST PNG folder (300 train, 100 test, 3 epochs): val_accuracy ${finalValAccuracy(trained.out)}`);
  assert.ok(finalValAccuracy(trained.out) > 0.3);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  const accuracy = Number(/accuracy: (\d\.\d{4})/.exec(evaluated.out)![1]);
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', join(folder, 'test'));
  assert.equal(predicted.code, 0, predicted.err);
  const lines = predicted.out.trim().split('\n');
  assert.equal(lines.length, 100);
  const correct = lines.filter((l) => l.split('\t')[0]!.split('/')[0] === l.split('\t')[1]).length;
  assert.equal((correct / 100).toFixed(4), accuracy.toFixed(4));
});

test('an .npz written by NumPy trains through train --data', { skip: skipUnless('/usr/bin/python3', 'python3') }, async (t) => {
  const npz = join(dir, 'blobs.npz');
  try {
    execFileSync('/usr/bin/python3', ['-c', `
import numpy as np
r = np.random.default_rng(0)
def blobs(n):
    y = r.integers(0, 3, n)
    x = (r.normal(size=(n, 4)) + 3 * np.eye(3, 4)[y]).astype(np.float32)
    return x, y.astype(np.int64)
xt, yt = blobs(240); xv, yv = blobs(60)
np.savez_compressed('${npz}', x_train=xt, y_train=yt, x_test=xv, y_test=yv)
`]);
  } catch {
    return t.skip('python3 numpy not installed');
  }
  const run = await runCli('train', '--data', npz, '--epochs', '5', '--seed', '2', '--threads', '1');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: arrays .*240 train, 60 test; 4 features; 3 classes/m);
  assert.ok(finalValAccuracy(run.out) > 0.8, run.out);
});

test('bad own data fails in one line and writes nothing: a missing path, --target not a column, --data with --dataset, a file given to --data-dir or --dataset', async () => {
  const csv = join(SKLEARN, 'wine_data.csv');
  const cases: [string[], RegExp][] = [
    [['--data', join(dir, 'missing.csv'), '--val-split', '0.2'], /missing\.csv: no such file or folder$/],
    [['--data', csv, '--target', 'colour', '--val-split', '0.2'], /target column 'colour' not found; the columns are /],
    [['--data', csv, '--dataset', 'mnist'], /--data reads your own data; --dataset names a built-in dataset: give one of them$/],
    [['--dataset', 'data/iris.csv'], /"data\/iris\.csv" looks like a path: for your own data use --data data\/iris\.csv$/],
    [['--data-dir', csv], /--data-dir .* is a file; .*use --data /],
    [['--target', '3'], /--target applies only with --data PATH/],
  ];
  for (const [args, message] of cases) {
    if (args.includes(csv) && !existsSync(csv)) continue;
    const out = join(dir, `bad-${cases.findIndex((c) => c[0] === args)}`);
    const run = await runCli('train', ...args, '--epochs', '1', '--out', out);
    assert.notEqual(run.code, 0, args.join(' '));
    assert.equal(run.err.trim().split('\n').length, 1, run.err);
    assert.match(run.err.trim(), message);
    assert.equal(existsSync(out), false, `${out} written`);
  }
});
