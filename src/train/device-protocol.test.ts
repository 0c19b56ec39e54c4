/**
 * Training, evaluation and prediction on a backend whose buffers live on a device, pinned on the
 * device simulator (reference kernels behind the download/upload protocol): the article's MLP
 * and the Keras convnet give the histories, weights and predictions of the reference backend,
 * without waiting for the device at every step; parts that work on buffers in JavaScript are
 * refused before any work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../kernels/backend.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { createDeviceSimulator } from '../testing/device-simulator.js';
import { loadDataset } from '../data/node/load-dataset.js';
import { subsetSplit } from '../data/subset-split.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { sequential } from '../models/sequential.js';
import { buildModel } from '../models/model-spec.js';
import { presetSpec } from '../models/presets.js';
import type { Model } from '../models/model.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { conv2d } from '../layers/conv2d.js';
import { batchNormalization } from '../layers/batch-normalization.js';
import { relu } from '../layers/relu.js';
import { maxPooling2d } from '../layers/max-pooling2d.js';
import { flatten } from '../layers/flatten.js';
import { dropout } from '../noise/dropout.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { mixup } from '../augment/mixup.js';
import { disturbLabel } from '../augment/disturb-label.js';
import { gradientNoise } from '../optimizers/gradient-noise.js';
import { rmsprop } from '../optimizers/rmsprop.js';
import { sgd } from '../optimizers/sgd.js';
import type { Optimizer } from '../parts/optimizer.js';
import { saveModel } from '../io/node/save-model.js';
import { loadModel } from '../io/node/load-model.js';
import { backupAndRestore } from '../callbacks/node/index.js';
import { DivergenceWatch } from './divergence.js';
import { DEVICE_READ_EVERY } from './fit.js';
import type { Callback, Logs } from './callback.js';
import type { History } from './history.js';
import { DeviceLimitError, DeviceLostError, DeviceSupportError } from '../errors.js';

const data = await loadDataset('mnist-mini', { seed: 42 });
const train = subsetSplit(data.train, 256, 1);
const val = subsetSplit(data.test, 64, 2);
const x = imagesOf(train);
const y = labelsOf(train);
const vx = imagesOf(val);
const vy = labelsOf(val);

/** The article's MLP: GaussianNoise, two Dense relu, a Dense softmax; Adam, sparse cross-entropy, accuracy. */
function articleMlp(backend: Backend, hidden: readonly number[] = [128, 64]): Model {
  const model = sequential([input({ shape: [784] }), gaussianNoise({ stddev: 0.1 }), ...hidden.map((units) => dense({ units, activation: 'relu' })), dense({ units: 10, activation: 'softmax' })], { backend });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function convnet(backend: Backend): Model {
  const model = buildModel(presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function batchNormNet(backend: Backend): Model {
  const model = sequential([input({ shape: [28, 28, 1] }), conv2d({ filters: 4, kernelSize: 3 }), batchNormalization({ momentum: 0.9 }), relu(), maxPooling2d({ poolSize: 2 }), flatten(), dropout({ rate: 0.3 }), dense({ units: 10, activation: 'softmax' })], { backend });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const weightsOf = (m: Model): number[][] => m.getWeights().map((w) => Array.from(w.data));

function assertClose(actual: readonly number[], expected: readonly number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tolerance * Math.max(1, Math.abs(expected[i]!)), `${what}[${i}]: ${a} vs ${expected[i]}`));
}

function assertSameHistory(actual: History, expected: History): void {
  assert.deepEqual(Object.keys(actual.history).sort(), Object.keys(expected.history).sort());
  for (const key of Object.keys(expected.history)) assertClose(actual.history[key]!, expected.history[key]!, 1e-5, key);
  for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.ok(actual.history[key]!.every(Number.isFinite), `${key} is a number`);
}

/** Records every onBatchEnd: the batch and its logs. */
const batchLog = (into: [number, Logs][]): Callback => ({ onBatchEnd: (b, logs) => void into.push([b, { ...logs }]) });

test('the article MLP trains on a device backend to the reference history, weights and per-batch losses, reading the losses back in groups', async () => {
  const options = { epochs: 2, batchSize: 4, seed: 7, validationData: [vx, vy] as [typeof vx, typeof vy] };
  const refBatches: [number, Logs][] = [];
  const simBatches: [number, Logs][] = [];
  const refWatch = new DivergenceWatch();
  const simWatch = new DivergenceWatch();
  const ref = articleMlp(createRefBackend());
  const expected = await ref.fit(x, y, { ...options, callbacks: [batchLog(refBatches), refWatch] });
  const sim = createDeviceSimulator();
  const model = articleMlp(sim);
  const history = await model.fit(x, y, { ...options, callbacks: [batchLog(simBatches), simWatch] });

  assertSameHistory(history, expected);
  assert.deepEqual(weightsOf(model), weightsOf(ref), 'the weights after fit, downloaded at the epoch end');
  assert.deepEqual(model.optimizer!.getWeights(), ref.optimizer!.getWeights(), 'the optimizer state too');
  assert.deepEqual(simBatches.map(([b]) => b), refBatches.map(([b]) => b), 'onBatchEnd for every batch, in order');
  simBatches.forEach(([b, logs], i) => assertClose([logs['loss']!, logs['accuracy']!], [refBatches[i]![1]['loss']!, refBatches[i]![1]['accuracy']!], 1e-5, `batch ${b} logs`));
  assert.equal(simWatch.reason(1e9), refWatch.reason(1e9), 'the divergence watch saw the first step loss');

  const steps = Math.ceil(x.count / options.batchSize);
  assert.ok(steps > 2 * DEVICE_READ_EVERY - 1, 'enough steps to read in groups');
  // Per epoch: one read per group of batches and one for validation; one download of the state.
  assert.equal(sim.stats.takeScalars, options.epochs * (Math.ceil(steps / DEVICE_READ_EVERY) + 1));
  assert.equal(sim.stats.downloads, options.epochs);

  const predicted = await model.predictAsync(vx);
  assertClose(Array.from(predicted.data), Array.from(ref.predict(vx).data), 1e-6, 'predictAsync');
  assert.deepEqual(predicted.shape, [vx.count, 10]);
  const evaluated = await model.evaluateAsync(vx, vy, { batchSize: 24 });
  const reference = ref.evaluate(vx, vy, { batchSize: 24 });
  assertClose([evaluated.loss, evaluated.accuracy], [reference.loss, reference.accuracy], 1e-6, 'evaluateAsync');
  assert.deepEqual(await ref.evaluateAsync(vx, vy, { batchSize: 24 }), reference, 'the async forms run on host backends too');
});

test('the Keras convnet and a batch-norm convnet train on a device backend to the reference history and weights', async () => {
  const small = { x: imagesOf(subsetSplit(train, 64, 3)), y: labelsOf(subsetSplit(train, 64, 3)) };
  const options = { epochs: 1, batchSize: 16, seed: 3, validationData: [imagesOf(subsetSplit(val, 32, 4)), labelsOf(subsetSplit(val, 32, 4))] as [typeof vx, typeof vy] };
  for (const make of [convnet, batchNormNet]) {
    const ref = make(createRefBackend());
    const expected = await ref.fit(small.x, small.y, options);
    const model = make(createDeviceSimulator());
    const history = await model.fit(small.x, small.y, options);
    assertSameHistory(history, expected);
    assert.deepEqual(weightsOf(model), weightsOf(ref), `${make.name}: weights (batch norm's moving statistics included)`);
    assertClose(Array.from((await model.predictAsync(options.validationData[0])).data), Array.from(ref.predict(options.validationData[0]).data), 1e-6, `${make.name}: predictions`);
  }
});

test('weight noise, DropConnect, gradient noise and the other optimizers train on a device backend to the reference history', async () => {
  const makers: (() => Optimizer)[] = [() => gradientNoise(rmsprop({ centered: true, momentum: 0.5 }), { eta: 0.01 }), () => sgd({ momentum: 0.9, nesterov: true })];
  for (const optimizer of makers) {
    const make = (backend: Backend): Model => {
      const model = sequential([input({ shape: [784] }), dense({ units: 16, activation: 'relu', weightNoise: { stddev: 0.05 } }), dense({ units: 10, activation: 'softmax', dropConnect: { rate: 0.2 } })], { backend });
      model.compile({ optimizer: optimizer(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      return model;
    };
    const options = { epochs: 1, batchSize: 32, seed: 19, validationData: [vx, vy] as [typeof vx, typeof vy] };
    const ref = make(createRefBackend());
    const expected = await ref.fit(x, y, options);
    const model = make(createDeviceSimulator());
    assertSameHistory(await model.fit(x, y, options), expected);
    assert.deepEqual(weightsOf(model), weightsOf(ref));
    assert.deepEqual(model.optimizer!.getWeights(), ref.optimizer!.getWeights());
  }
});

test('label noise (disturbLabel), which only rewrites the batch\'s class indices on the host, trains on a device backend to the reference history', async () => {
  const options = { epochs: 1, batchSize: 32, seed: 17, validationData: [vx, vy] as [typeof vx, typeof vy] };
  const ref = articleMlp(createRefBackend(), [16]);
  const expected = await ref.fit(x, y, { ...options, augment: [disturbLabel({ alpha: 0.3 })] });
  const model = articleMlp(createDeviceSimulator(), [16]);
  assertSameHistory(await model.fit(x, y, { ...options, augment: [disturbLabel({ alpha: 0.3 })] }), expected);
  assert.deepEqual(weightsOf(model), weightsOf(ref));
});

test('a model trained on a device backend saves, and loads on the reference backend with the same predictions', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-device-save-'));
  try {
    const model = articleMlp(createDeviceSimulator(), [32]);
    await model.fit(x, y, { epochs: 1, batchSize: 32, seed: 5 });
    await saveModel(model, join(dir, 'model'));
    const loaded = await loadModel(join(dir, 'model'), { backend: createRefBackend() });
    assertClose(Array.from(loaded.predict(vx).data), Array.from((await model.predictAsync(vx)).data), 1e-6, 'predictions');
    // And back onto a device backend: the loaded weights reach its kernels.
    const again = await loadModel(join(dir, 'model'), { backend: createDeviceSimulator() });
    assertClose(Array.from((await again.predictAsync(vx)).data), Array.from(loaded.predict(vx).data), 1e-6, 'predictions on a device after loading');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a run on a device backend that crashed mid-epoch resumes from its checkpoint to the uninterrupted reference run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-device-resume-'));
  try {
    const small = { x: imagesOf(subsetSplit(train, 96, 5)), y: labelsOf(subsetSplit(train, 96, 5)) };
    const options = { epochs: 3, batchSize: 16, seed: 9, validationData: [vx, vy] as [typeof vx, typeof vy] };
    const ref = articleMlp(createRefBackend(), [16]);
    const expected = await ref.fit(small.x, small.y, options);
    class Crash extends Error {}
    let epoch = 0;
    const crash: Callback = { onEpochBegin: (e) => void (epoch = e), onBatchBegin: (b) => { if (epoch === 1 && b === 2) throw new Crash('crash'); } };
    const first = articleMlp(createDeviceSimulator(), [16]);
    await assert.rejects(first.fit(small.x, small.y, { ...options, callbacks: [backupAndRestore({ dir }), crash] }), Crash);
    const second = articleMlp(createDeviceSimulator(), [16]);
    const history = await second.fit(small.x, small.y, { ...options, callbacks: [backupAndRestore({ dir })] });
    assertSameHistory(history, expected);
    assert.deepEqual(weightsOf(second), weightsOf(ref));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a device lost mid-epoch stops training with its error, the checkpoint of the last finished epoch intact', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-device-lost-'));
  try {
    const small = { x: imagesOf(subsetSplit(train, 96, 6)), y: labelsOf(subsetSplit(train, 96, 6)) };
    const options = { batchSize: 16, seed: 13 };
    const ref = articleMlp(createRefBackend(), [16]);
    await ref.fit(small.x, small.y, { ...options, epochs: 1 });
    const sim = createDeviceSimulator();
    let epoch = 0;
    const lose: Callback = { onEpochBegin: (e) => void (epoch = e), onBatchBegin: (b) => void (epoch === 1 && b === 3 && sim.lose('simulated')) };
    const model = articleMlp(sim, [16]);
    await assert.rejects(model.fit(small.x, small.y, { ...options, epochs: 3, callbacks: [backupAndRestore({ dir, deleteCheckpoint: false }), lose] }), DeviceLostError);
    const saved = await loadModel(dir, { backend: createRefBackend() });
    saved.getWeights().forEach((w, i) => assertClose(Array.from(w.data), Array.from(ref.getWeights()[i]!.data), 1e-6, `checkpoint weight ${i}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('on a device backend, parts that work on buffers in JavaScript are refused before any work, by name', async () => {
  const sim = createDeviceSimulator();
  const l2 = sequential([input({ shape: [784] }), dense({ units: 10, activation: 'softmax', kernelRegularizer: { l2: 1e-4 } })], { backend: sim });
  l2.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  await assert.rejects(l2.fit(x, y), (e: Error) => e instanceof DeviceSupportError && /^fit: Dense 'dense' cannot run on the device-sim backend, whose buffers live on its device: it adds its L2 penalty \(kernelRegularizer\) to the loss in JavaScript; use the wasm backend for it$/.test(e.message));

  const mse = sequential([input({ shape: [784] }), dense({ units: 1 })], { backend: sim });
  mse.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  await assert.rejects(mse.fit(x, y), /^DeviceSupportError: fit: loss meanSquaredError cannot run .*: it computes the loss and its gradient in JavaScript;/);

  const mlp = articleMlp(sim, [8]);
  await assert.rejects(mlp.fit(x, y, { augment: [mixup({ alpha: 0.2 })] }), /^DeviceSupportError: fit: augmentation mixup cannot run .*: it changes the batch in JavaScript;/);
  assert.equal(sim.stats.kernels, 0, 'refused before any kernel ran');

  assert.throws(() => mlp.predict(vx), /^DeviceSupportError: predict: the device-sim backend keeps its buffers on its device, .*; use await model.predictAsync\(\.\.\.\)$/);
  assert.throws(() => mlp.evaluate(vx, vy), /^DeviceSupportError: evaluate: .*use await model.evaluateAsync\(\.\.\.\)$/);
});

test('a buffer past the device\'s binding limit stops training with a DeviceLimitError that names the layer', async () => {
  // A batch of 4 images is 3,136 values and every weight far fewer; the convolution's output, 4 x 28 x 28 x 8 = 25,088 values, is past a limit of 5,000.
  const net = (backend: Backend, filters: number): Model => {
    const m = sequential([input({ shape: [28, 28, 1] }), conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', name: 'wide' }), maxPooling2d({ poolSize: 28 }), flatten(), dense({ units: 10, activation: 'softmax' })], { backend });
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    return m;
  };
  await assert.rejects(net(createDeviceSimulator(undefined, { maxBufferValues: 5000 }), 8).fit(x, y, { batchSize: 4, epochs: 1 }), (e: Error) => e instanceof DeviceLimitError && /^layer 'wide' \(Conv2D\): device-sim: a buffer of 25088 values is more than the device's 5000 per binding; use a smaller batch or layer, or the wasm backend$/.test(e.message));
  // One filter: 3,136 values, under the limit, and it trains.
  assert.equal((await net(createDeviceSimulator(undefined, { maxBufferValues: 5000 }), 1).fit(x, y, { batchSize: 4, epochs: 1 })).history.loss!.length, 1);
});
