/** TensorFlow.js as the oracle for convolutional models: it loads our folders, we load its artifacts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { conv2d } from '../layers/conv2d.js';
import { maxPooling2d } from '../layers/max-pooling2d.js';
import { averagePooling2d } from '../layers/average-pooling2d.js';
import { batchNormalization } from '../layers/batch-normalization.js';
import { flatten } from '../layers/flatten.js';
import { reshape } from '../layers/reshape.js';
import { relu } from '../layers/relu.js';
import { leakyRelu } from '../layers/leaky-relu.js';
import { activation } from '../layers/activation.js';
import { softmax } from '../layers/softmax.js';
import { dense } from '../layers/dense.js';
import { spatialDropout2d } from '../noise/spatial-dropout2d.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { dropout } from '../noise/dropout.js';
import { Tensor } from '../tensor/tensor.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { loadModel, saveModel } from './node/index.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const skip = tfjs ? false : '@tensorflow/tfjs not installed';

const images = (count: number, h: number, w: number, c: number): Tensor => new Tensor(Float32Array.from({ length: count * h * w * c }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5), [count, h, w, c]);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `${what}: ${a[i]} vs ${b[i]} at ${i}`);
};

async function tfLoad(tf: Tf, dir: string): Promise<Tf> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const bin = await readFile(join(dir, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
}

test('TF.js loads a trained noisenet convnet (conv strides, padding, dilation, batch norm, pooling, activation layers, DropConnect) and predicts the same to 1e-5', { skip }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const model = sequential([
    input({ shape: [11, 10, 2] }),
    gaussianNoise({ stddev: 0.1 }),
    conv2d({ filters: 6, kernelSize: 3, padding: 'same', strides: [2, 1] }),
    batchNormalization({ momentum: 0.5 }),
    relu(),
    spatialDropout2d({ rate: 0.2 }),
    conv2d({ filters: 5, kernelSize: [2, 3], dilationRate: 2, activation: 'tanh', dropConnect: { rate: 0.3 } }),
    maxPooling2d({ poolSize: 2, padding: 'same' }),
    leakyRelu({ negativeSlope: 0.1 }),
    averagePooling2d({ poolSize: [2, 1], strides: 1 }),
    conv2d({ filters: 4, kernelSize: 1, useBias: false, activation: 'elu' }),
    reshape({ targetShape: [3, 4] }),
    batchNormalization(),
    flatten(),
    dropout({ rate: 0.3 }),
    dense({ units: 7 }),
    activation({ activation: 'sigmoid' }),
    dense({ units: 3 }),
    softmax(),
  ], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  const x = images(12, 11, 10, 2);
  await model.fit(x, [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], { epochs: 2, batchSize: 4, seed: 3 }); // moves the batch-norm statistics
  const bn = model.layers.find((l) => l.className === 'BatchNormalization')!;
  assert.ok(bn.stateWeights()[0]!.value.some((v) => v !== 0), 'moving means moved');
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-tfjs-conv-'));
  await saveModel(model, dir);
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const weights = json.weightsManifest[0].weights.map((w: Tf) => [w.name, w.shape]);
  assert.deepEqual(weights.slice(0, 6), [['conv2d/kernel', [3, 3, 2, 6]], ['conv2d/bias', [6]], ['batch_normalization/gamma', [6]], ['batch_normalization/beta', [6]], ['batch_normalization/moving_mean', [6]], ['batch_normalization/moving_variance', [6]]]);
  const loaded = await tfLoad(tf, dir);
  const data = tf.tensor4d(x.data, [12, 11, 10, 2]);
  close(loaded.predict(data).dataSync(), model.predict(x).data, 'predictions');
  const ours = await loadModel(dir, { backend: createRefBackend() });
  close(ours.predict(x).data, model.predict(x).data, 'noisenet reloads its own folder');
  await rm(dir, { recursive: true });
});

test('noisenet loads a convnet trained and saved by TF.js and predicts the same to 1e-5', { skip }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [9, 9, 1], filters: 4, kernelSize: 3, activation: 'relu', padding: 'same' }),
      tf.layers.batchNormalization(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.dropout({ rate: 0.2, noiseShape: [null, 1, 1, null] }),
      tf.layers.conv2d({ filters: 3, kernelSize: [2, 2], strides: 2 }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = images(8, 9, 9, 1);
  await m.fit(tf.tensor4d(x.data, [8, 9, 9, 1]), tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1]), { epochs: 2, verbose: 0 });
  let artifacts: Tf;
  await m.save(tf.io.withSaveHandler(async (a: Tf) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-from-tfjs-conv-'));
  const { format, generatedBy, convertedBy, modelTopology, trainingConfig, weightSpecs } = artifacts;
  await writeFile(join(dir, 'model.json'), JSON.stringify({ format, generatedBy, convertedBy, modelTopology, trainingConfig, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] }));
  const data: ArrayBuffer[] = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  await writeFile(join(dir, 'weights.bin'), Buffer.concat(data.map((b) => Buffer.from(b))));
  const loaded = await loadModel(dir, { backend: createRefBackend() });
  assert.deepEqual(loaded.layers.map((l) => l.className), ['InputLayer', 'Conv2D', 'BatchNormalization', 'MaxPooling2D', 'SpatialDropout2D', 'Conv2D', 'LeakyReLU', 'GlobalAveragePooling2D', 'Dense']);
  close(loaded.predict(x).data, m.predict(tf.tensor4d(x.data, [8, 9, 9, 1])).dataSync(), 'predictions');
  await rm(dir, { recursive: true });
});
