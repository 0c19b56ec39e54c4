/**
 * The user's own data through every command: a grey image folder with train/ and test/
 * (Fashion-MNIST written as PNG files by class), a colour image folder without a test split (RGB
 * PNGs whose class is their colour) and an .npz written by NumPy (Fashion-MNIST as uint8 images)
 * each train, evaluate, predict, export (the ONNX file in onnxruntime, the model folder in
 * TF.js), compare, sweep, and measure the saved model with robustness and certify; and each
 * trains through the API as `train --data` trains it, with the same seed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { runOnnx } from '../testing/onnx-runtime.js';
import { encodePng } from '../data/encode-png.js';
import { readIdxFile } from '../data/node/idx-file.js';
import { loadData, type LoadDataOptions } from '../data/node/load-data.js';
import type { LoadedData } from '../data/loaded-data.js';
import { splitTensors } from '../data/split-tensors.js';
import { loadModel } from '../io/node/load-model.js';
import type { Layer } from '../parts/layer.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { conv2d } from '../layers/conv2d.js';
import { maxPooling2d } from '../layers/max-pooling2d.js';
import { flatten } from '../layers/flatten.js';
import { dropout } from '../noise/dropout.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { sequential } from '../models/sequential.js';
import { adam } from '../optimizers/adam.js';
import type { Tensor } from '../tensor/tensor.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);

const FASHION = '/usr/share/datasets/fashion-mnist';
const FASHION_IMAGES = join(FASHION, 't10k-images-idx3-ubyte.gz');
const FASHION_LABELS = join(FASHION, 't10k-labels-idx1-ubyte.gz');
const FASHION_NAMES = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'boot'];
const PYTHON = '/usr/bin/python3';
const SEED = 3;
/** compare and sweep: a short robustness table (the runs' own numbers are not what these tests check). */
const LIGHT = ['--stddevs', '0,0.1', '--draws', '1'];
const noFashion = existsSync(FASHION_IMAGES) ? false : `${FASHION_IMAGES} not installed (Debian's dataset-fashion-mnist)`;
const noNumpy = ((): string | false => {
  try {
    execFileSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' });
    return false;
  } catch {
    return `${PYTHON} with numpy not installed (python3-numpy)`;
  }
})();

let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'noisenet-own-commands-'));
});
after(() => rm(root, { recursive: true, force: true }));

const readJson = async <T = Record<string, unknown>>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const accuracyOf = (out: string): number => Number(/accuracy: (\d\.\d{4})/.exec(out)![1]);
const argmax = (t: Tensor, i: number): number => {
  const k = t.shape[1]!;
  const row = Array.from(t.data.subarray(i * k, (i + 1) * k));
  return row.indexOf(Math.max(...row));
};

/** One kind of own data, as the commands and the API read it. */
interface Kind {
  name: string;
  skip: string | false;
  /** Writes the data; returns the `--data` path. */
  write(dir: string): Promise<string>;
  /** The flags of the data and model, as every command that trains takes them. */
  flags: string[];
  /** How `train` reads it (the validation split, seeded as `train --seed`). */
  options: LoadDataOptions;
  /** compare's robustness card: measured on one kind (colour images), left out on the others to keep the file fast. */
  card: string[];
  /** The `Data:` line of the commands. */
  dataLine: RegExp;
  /** The samples `predict` reads (the test or validation split, written by the test), and their true class index each by predict's name. */
  predictInput(dir: string, data: LoadedData): Promise<{ path: string; truth: (name: string) => number }>;
  /** The model `train` builds, through the API. */
  model(data: LoadedData): Layer[];
}

const mlp = (data: LoadedData): Layer[] => [
  input({ shape: [data.sampleShape.reduce((a, b) => a * b, 1)] }),
  gaussianNoise({ stddev: 0.1 }),
  dense({ units: 128, activation: 'relu' }),
  dense({ units: 64, activation: 'relu' }),
  dense({ units: data.classes.length, activation: 'softmax' }),
];
const convnet = (data: LoadedData): Layer[] => [
  input({ shape: [...data.sampleShape] }),
  conv2d({ filters: 32, kernelSize: [3, 3], activation: 'relu' }),
  maxPooling2d({ poolSize: [2, 2] }),
  conv2d({ filters: 64, kernelSize: [3, 3], activation: 'relu' }),
  maxPooling2d({ poolSize: [2, 2] }),
  flatten(),
  dropout({ rate: 0.5 }),
  dense({ units: data.classes.length, activation: 'softmax' }),
];

/** 28x28 Fashion-MNIST images 0..299 of the test file: 200 to train on, 100 to test. */
async function fashion(): Promise<{ images: Uint8Array; labels: Uint8Array }> {
  const images = await readIdxFile(FASHION_IMAGES);
  const labels = await readIdxFile(FASHION_LABELS);
  return { images: images.data.subarray(0, 300 * 784), labels: labels.data.subarray(0, 300) };
}

const COLOURS: Record<string, [number, number, number]> = { blue: [0, 0, 1], green: [0, 1, 0], red: [1, 0, 0] };

/** A 16x16 RGB image of its class: its colour's channel bright, the others dim, with some texture. */
function colourImage(rgb: readonly number[], k: number): Uint8Array {
  const px = new Uint8Array(16 * 16 * 3);
  for (let p = 0; p < 256; p++) for (let c = 0; c < 3; c++) px[3 * p + c] = rgb[c] ? 140 + ((p * 7 + k * 13 + c * 5) % 110) : (p * 11 + k * 3 + c * 17) % 90;
  return px;
}

/** The samples of a split as PNG files `NNNN.png` in `folder`, for predict. */
function writeSplitPngs(folder: string, data: LoadedData): void {
  const [height, width, channels] = data.sampleShape as [number, number, 1 | 3];
  const one = height * width * channels;
  const split = data.test!;
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < split.count; i++) writeFileSync(join(folder, `${String(i).padStart(4, '0')}.png`), encodePng(split.x.subarray(i * one, (i + 1) * one) as Uint8Array, width, height, channels));
}

const KINDS: Kind[] = [
  {
    name: 'a grey image folder with train/ and test/ (Fashion-MNIST as PNG files)',
    skip: noFashion,
    async write(dir) {
      const { images, labels } = await fashion();
      const folder = join(dir, 'clothes');
      for (let i = 0; i < 300; i++) {
        const path = join(folder, i < 200 ? 'train' : 'test', FASHION_NAMES[labels[i]!]!, `${String(i).padStart(4, '0')}.png`);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, encodePng(images.subarray(i * 784, (i + 1) * 784), 28, 28, 1));
      }
      return folder;
    },
    flags: [],
    options: {},
    card: ['--card', 'none'],
    dataLine: /^Data: images .*clothes, 200 train, 100 test; samples 28x28x1; 10 classes \(bag, boot, coat, dress, pullover, sandal, shirt, sneaker, t-shirt, trouser\)$/m,
    async predictInput(dir, data) {
      // The test folder as it is: each file's class is its folder's name.
      return { path: join(dir, 'clothes', 'test'), truth: (name) => data.classes.indexOf(name.split('/')[0]!) };
    },
    model: mlp,
  },
  {
    name: 'a colour image folder without a test split (RGB PNGs whose class is their colour)',
    skip: false,
    async write(dir) {
      const folder = join(dir, 'colours');
      for (const [name, rgb] of Object.entries(COLOURS)) {
        mkdirSync(join(folder, name), { recursive: true });
        for (let k = 0; k < 40; k++) writeFileSync(join(folder, name, `${k}.png`), encodePng(colourImage(rgb, k), 16, 16, 3));
      }
      return folder;
    },
    flags: ['--val-split', '0.25', '--model', 'convnet'],
    options: { valSplit: 0.25 },
    card: [],
    dataLine: /^Data: images .*colours, 90 train, 30 validation \(25% held out, seed 3, stratified\); samples 16x16x3; 3 classes \(blue, green, red\)$/m,
    async predictInput(dir, data) {
      // The validation images, written back as PNG files (lossless: the same bytes).
      const folder = join(dir, 'colours-validation');
      writeSplitPngs(folder, data);
      return { path: folder, truth: (name) => data.test!.y[Number(name.slice(0, 4))]! };
    },
    model: convnet,
  },
  {
    name: 'an .npz written by NumPy (Fashion-MNIST as uint8 images, int64 labels)',
    skip: noFashion || noNumpy,
    async write(dir) {
      const npz = join(dir, 'clothes.npz');
      execFileSync(PYTHON, ['-c', `
import gzip, numpy as np
x = np.frombuffer(gzip.open(${JSON.stringify(FASHION_IMAGES)}).read(), np.uint8, offset=16).reshape(-1, 28, 28)[:300]
y = np.frombuffer(gzip.open(${JSON.stringify(FASHION_LABELS)}).read(), np.uint8, offset=8)[:300].astype(np.int64)
np.savez(${JSON.stringify(npz)}, x_train=x[:200], y_train=y[:200], x_test=x[200:], y_test=y[200:])
np.save(${JSON.stringify(join(dir, 'clothes-test.npy'))}, x[200:])
`]);
      return npz;
    },
    flags: ['--model', 'convnet'],
    options: {},
    card: ['--card', 'none'],
    dataLine: /^Data: arrays .*clothes\.npz, 200 train, 100 test; samples 28x28x1; 10 classes \(0, 1, 2, 3, 4, 5, 6, 7, 8, 9\)$/m,
    async predictInput(dir, data) {
      // The test array saved alone by np.save; predict names each sample by its index.
      return { path: join(dir, 'clothes-test.npy'), truth: (name) => data.test!.y[Number(name)]! };
    },
    model: convnet,
  },
];

for (const kind of KINDS) {
  describe(kind.name, { skip: kind.skip }, () => {
    let dir = '';
    let path = '';
    let out = '';
    let data: LoadedData;
    let trainedOut = '';
    let accuracy = 0;
    const modelDir = (): string => join(out, 'model');

    before(async () => {
      dir = await mkdtemp(join(root, 'kind-'));
      path = await kind.write(dir);
      out = join(dir, 'run');
      const trained = await runCli('train', '--data', path, ...kind.flags, '--epochs', '2', '--seed', String(SEED), '--threads', '1', '--out', out);
      assert.equal(trained.code, 0, trained.err);
      trainedOut = trained.out;
      data = await loadData(path, { task: 'auto', ...kind.options, seed: SEED });
    });

    test('train --out then evaluate: the data line, and evaluate gives the final validation numbers of train', async () => {
      assert.match(trainedOut, kind.dataLine);
      const final = /^Final \(epoch 2\/2\): .* val_loss: (\d+\.\d{4}) - val_accuracy: (\d\.\d{4})$/m.exec(trainedOut);
      assert.ok(final, trainedOut);
      const evaluated = await runCli('evaluate', '--model', modelDir());
      assert.equal(evaluated.code, 0, evaluated.err);
      assert.match(evaluated.out, kind.dataLine);
      assert.match(evaluated.out, new RegExp(`^loss: ${final[1]} - accuracy: ${final[2]}$`, 'm'));
      accuracy = accuracyOf(evaluated.out.split('\n').find((l) => l.startsWith('loss: '))!);
    });

    test('predict on the test inputs gives the classes noisenet predicts, and the ones evaluate counts as correct', async () => {
      const { path: inputs, truth } = await kind.predictInput(dir, data);
      const predicted = await runCli('predict', '--model', modelDir(), '--input', inputs);
      assert.equal(predicted.code, 0, predicted.err);
      const lines = predicted.out.trim().split('\n').map((l) => l.split('\t'));
      assert.equal(lines.length, data.test!.count);
      assert.ok(lines.every((l) => l.length === 3 && data.classes.includes(l[1]!) && Number(l[2]) > 0 && Number(l[2]) <= 1), predicted.out);
      const correct = lines.filter(([name, cls]) => data.classes.indexOf(cls!) === truth(name!)).length;
      assert.equal((correct / lines.length).toFixed(4), accuracy.toFixed(4));
      // The split in the order predict read it (file names, or array indices) is the split loaded here.
      const x = splitTensors(data, data.test!).x;
      const expected = (await loadModel(modelDir())).predict(x);
      const byTruth = lines.map(([name]) => truth(name!));
      assert.deepEqual(byTruth.slice().sort(), Array.from(data.test!.y).sort());
      const order = kind.name.includes('grey') ? null : lines.map(([name]) => (kind.name.includes('.npz') ? Number(name) : Number(name!.slice(0, 4))));
      if (order) lines.forEach(([, cls], i) => assert.equal(cls, data.classes[argmax(expected, order[i]!)], `sample ${order[i]}`));
      if (path.endsWith('.npz')) {
        const npz = await runCli('predict', '--model', modelDir(), '--input', path);
        assert.equal(npz.code, 1);
        assert.match(npz.err, /clothes\.npz: an \.npz holds several arrays; predict reads one array of samples: save it alone as an \.npy/);
      }
    });

    test('export --format onnx runs in onnxruntime, and the model folder in TF.js, predicting what noisenet predicts (1e-5)', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
      const onnxFile = join(dir, 'model.onnx');
      const exported = await runCli('export', '--model', modelDir(), '--format', 'onnx', '--out', onnxFile);
      assert.equal(exported.code, 0, exported.err);
      const model = await loadModel(modelDir());
      const x = splitTensors(data, data.test!).x;
      const expected = model.predict(x).data;
      // The exported graphs take the values noisenet reads: bytes already scaled by 1/255, in the model's input shape.
      const values = Float32Array.from(x.data, (v) => v * x.scale);
      const shape = [x.shape[0]!, ...model.inputShape];
      assert.match(exported.out, new RegExp(`input \\[batch, ${model.inputShape.join(', ')}\\] -> output \\[batch, ${data.classes.length}\\]`));
      // It says what the graph leaves to its user: the 1/255 scale of the bytes, and the class of each output.
      assert.match(exported.out, /^Input: samples as noisenet reads them \((pixels|uint8 samples) read as value \/ 255\); the graph does not do this itself$/m);
      assert.match(exported.out, new RegExp(`^Output: one probability per class, in the order ${data.classes.join(', ')}$`, 'm'));
      const close = (got: ArrayLike<number>, what: string): void => {
        assert.equal(got.length, expected.length, what);
        for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i]! - expected[i]!) <= 1e-5, `${what}: ${got[i]} vs ${expected[i]} at ${i}`);
      };
      close((await runOnnx(new Uint8Array(await readFile(onnxFile)), values, shape)).data, 'onnxruntime');

      const tf = tfjs as Tf;
      const json = await readJson<any>(join(modelDir(), 'model.json'));
      const bin = await readFile(join(modelDir(), 'weights.bin'));
      const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
      const loaded = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
      close(loaded.predict(tf.tensor(values, shape)).dataSync(), 'TF.js');
    });

    test('robustness (Gaussian noise, an attack, corruptions) and certify measure the saved model on its own data, naming its split', async () => {
      const split = data.validationSplit ? 'validation' : 'test';
      const count = data.test!.count;
      const robust = await runCli('robustness', '--model', modelDir(), '--stddevs', '0,0.1', '--draws', '1');
      assert.equal(robust.code, 0, robust.err);
      assert.match(robust.out, kind.dataLine);
      assert.match(robust.out, new RegExp(`^Accuracy on the ${count} ${split} samples \\+ Gaussian noise`, 'm'));
      assert.match(robust.out, new RegExp(`^0 +${accuracy.toFixed(4)} `, 'm'));
      assert.match(robust.out, /^0\.1 +\d\.\d{4} /m);
      const attacked = await runCli('robustness', '--model', modelDir(), '--attack', 'fgsm', '--eps', '0,0.1', '--samples', '20');
      assert.equal(attacked.code, 0, attacked.err);
      assert.match(attacked.out, new RegExp(`^Accuracy on 20 ${split} samples under FGSM`, 'm'));
      assert.match(attacked.out, /^0\.1 +\d\.\d{4}/m);
      const corrupted = await runCli('robustness', '--model', modelDir(), '--corruptions', 'shot_noise,fog', '--samples', '20');
      assert.equal(corrupted.code, 0, corrupted.err);
      assert.match(corrupted.out, new RegExp(`^Accuracy on the first 20 of the ${count} ${split} samples, clean and corrupted`, 'm'));
      assert.match(corrupted.out, /^fog +\d +\d\.\d{4} /m);
      const certified = await runCli('certify', '--model', modelDir(), '--sigma', '0.25', '--samples', '10', '--n0', '10', '--n', '50');
      assert.equal(certified.code, 0, certified.err);
      assert.match(certified.out, kind.dataLine);
      assert.match(certified.out, new RegExp(`of 10 of the ${count} ${split} samples`));
      assert.match(certified.out, /^0 +\d\.\d{4}$/m);
      assert.match(certified.out, /^sigma 0\.25, n0 10, n 50, alpha 0\.001, 10 samples/m);
      const tooMany = await runCli('certify', '--model', modelDir(), '--sigma', '0.25', '--samples', String(count + 1));
      assert.equal(tooMany.code, 2);
      assert.match(tooMany.err, new RegExp(`--samples must be an integer from 1 to ${count} \\(the ${split} samples of `));
    });

    test('compare of two configurations records the data and its counts in results.json', async () => {
      const compared = join(dir, 'compare');
      const run = await runCli('compare', '--data', path, ...kind.flags, '--epochs', '1', '--seed', String(SEED), '--seeds', '1', '--noise', 'gaussian:stddev=0.1', ...LIGHT, ...kind.card, '--threads', '1', '--out', compared, '-q');
      assert.equal(run.code, 0, run.err);
      const results = await readJson<{ config: { data: Record<string, unknown> }; dataset: Record<string, unknown>; runs: { configuration: string; history: Record<string, number[]>; card?: Record<string, { samples: number; accuracy?: number; meanAccuracy?: number }> }[] }>(join(compared, 'results.json'));
      assert.deepEqual(results.config.data, { path, ...kind.options });
      assert.equal(results.dataset['trainCount'], data.train.count);
      assert.equal(results.dataset['validationCount'], data.test!.count);
      assert.deepEqual(results.dataset['classes'], data.classes);
      assert.equal(results.dataset['inputSize'], data.sampleShape.reduce((a, b) => a * b, 1));
      assert.deepEqual(results.runs.map((r) => r.configuration), ['baseline', 'gaussian:stddev=0.1']);
      assert.ok(results.runs.every((r) => r.history['val_accuracy']!.length === 1 && r.history['val_accuracy']![0]! >= 0));
      if (kind.card.length === 0) {
        // The robustness card on these images: corruptions, an attack and certification, each on the validation samples.
        for (const r of results.runs) {
          assert.equal(r.card?.['corruption']?.samples, data.test!.count, r.configuration);
          assert.ok(r.card['corruption']!.meanAccuracy! >= 0 && r.card['corruption']!.meanAccuracy! <= 1);
          assert.ok(r.card['adversarial']!.accuracy! >= 0 && r.card['certified']!.accuracy! >= 0);
        }
      }
    });

    test('sweep of two levels records the data with the SHA-256 the saved model records', async () => {
      const swept = join(dir, 'sweep');
      const run = await runCli('sweep', '--data', path, ...kind.flags, '--epochs', '1', '--seed', String(SEED), '--seeds', '1', '--noise', 'gaussian:stddev={0.1,0.3}', ...LIGHT, '--card', 'none', '--threads', '1', '--out', swept, '-q');
      assert.equal(run.code, 0, run.err);
      const results = await readJson<{ config: { data: { path: string; sha256: string } }; dataset: Record<string, unknown>; runs: { history: Record<string, number[]> }[] }>(join(swept, 'results.json'));
      const record = (await readJson<{ noisenet: { data: { sha256: string } } }>(join(modelDir(), 'model.json'))).noisenet.data;
      assert.equal(results.config.data.path, path);
      assert.equal(results.config.data.sha256, record.sha256);
      assert.equal(results.dataset['trainCount'], data.train.count);
      assert.equal(results.dataset['validationCount'], data.test!.count);
      assert.equal(results.runs.length, 3, 'the baseline and two levels');
      if (kind.options.valSplit !== undefined) {
        // Child processes read the data at its path, split it with the same seed, and train the same runs.
        const jobs = join(dir, 'sweep-jobs');
        const again = await runCli('sweep', '--data', path, ...kind.flags, '--epochs', '1', '--seed', String(SEED), '--seeds', '1', '--noise', 'gaussian:stddev={0.1,0.3}', ...LIGHT, '--card', 'none', '--jobs', '2', '--out', jobs);
        assert.equal(again.code, 0, again.err);
        assert.match(again.out, /^Runs: this machine, 2 child processes$/m);
        const children = await readJson<typeof results>(join(jobs, 'results.json'));
        assert.deepEqual(children.runs.map((r) => r.history['val_loss']), results.runs.map((r) => r.history['val_loss']));
      }
    });

    test('train --data gives the history of the same data trained through the API with the same seed', async () => {
      const history = await readJson<Record<string, number[]>>(join(out, 'history.json'));
      const train = splitTensors(data, data.train);
      const validation = splitTensors(data, data.test!);
      const model = sequential(kind.model(data));
      model.compile({ optimizer: adam({ learningRate: 0.001 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      const api = await model.fit(train.x, train.y, { epochs: 2, batchSize: 32, seed: SEED, validationData: [validation.x, validation.y] });
      for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(history[key], api.history[key], key);
      model.dispose();
    });
  });
}
