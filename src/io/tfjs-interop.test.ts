/** TensorFlow.js itself as the oracle: it loads our folders, we load its artifacts (skipped without the devDependency). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { gaussianDropout } from '../noise/gaussian-dropout.js';
import { dropout } from '../noise/dropout.js';
import { alphaDropout } from '../noise/alpha-dropout.js';
import { maskingNoise } from '../noise/masking-noise.js';
import { saltAndPepper } from '../noise/salt-and-pepper.js';
import { uniformNoise } from '../noise/uniform-noise.js';
import { toTfjsTopology } from './tfjs-topology.js';
import { tensor } from '../tensor/tensor.js';
import { loadModel, saveModel } from './node/index.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const xs = [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [1, 0, -1, 0, 1, 0]];
const close = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-6, `${a[i]} vs ${b[i]} at ${i}`);
};

test('TF.js loads a folder saved by noisenet and predicts the same', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const model = sequential([input({ shape: [6] }), gaussianNoise({ stddev: 0.2 }), dense({ units: 5, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })]);
  model.initializeWeights(3);
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-tfjs-'));
  await saveModel(model, dir);
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const bin = await readFile(join(dir, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const loaded = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
  close(loaded.predict(tf.tensor2d(xs)).dataSync(), model.predict(tensor(xs)).data);
  await rm(dir, { recursive: true });
});

test('TF.js loads every layer it knows, with scheduled levels and DropConnect, and predicts the same', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const model = sequential([
    input({ shape: [6] }),
    gaussianNoise({ stddev: { from: 0.3, to: 0.05, schedule: 'cosine' } }),
    gaussianDropout({ rate: 0.2 }),
    dense({ units: 5, activation: 'relu', weightNoise: { stddev: 0.01 }, dropConnect: { rate: { from: 0.5, to: 0.3 } } }),
    dropout({ rate: { from: 0.5, to: 0.1, per: 'epoch' } }),
    dense({ units: 4, activation: 'selu', weightNoise: { stddev: { from: 0.1, to: 0 } } }),
    alphaDropout({ rate: 0.1 }),
    dense({ units: 3, activation: 'softmax', dropConnect: { rate: 0.5 } }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  model.initializeWeights(11);
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-tfjs-noise-'));
  await saveModel(model, dir);
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const topology = json.modelTopology.config.layers.map((l: Tf) => [l.class_name, l.config.stddev ?? l.config.rate ?? l.config.scale ?? l.config.activation]);
  assert.deepEqual(topology, [
    ['GaussianNoise', 0.05], ['GaussianDropout', 0.2], ['Dense', 'linear'], ['Rescaling', 0.7], ['Activation', 'relu'],
    ['Dropout', 0.1], ['Dense', 'selu'], ['AlphaDropout', 0.1], ['Dense', 'linear'], ['Rescaling', 0.5], ['Activation', 'softmax'],
  ]);
  assert.ok(!JSON.stringify(json.modelTopology).match(/weight_noise|drop_connect|from/), 'weight noise and DropConnect stay in the noisenet key');
  assert.deepEqual(json.noisenet.model.layers[1].config.stddev, { from: 0.3, to: 0.05, schedule: 'cosine', per: 'step' });
  const bin = await readFile(join(dir, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const loaded = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
  close(loaded.predict(tf.tensor2d(xs)).dataSync(), model.predict(tensor(xs)).data);
  const ours = await loadModel(dir);
  assert.deepEqual(ours.getConfig(), model.getConfig(), 'the noisenet key restores every schedule');
  delete json.noisenet;
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  const fromTopology = await loadModel(dir);
  assert.deepEqual(fromTopology.layers.map((l) => l.getConfig()['dropConnect']), [undefined, undefined, undefined, { rate: 0.3 }, undefined, undefined, undefined, { rate: 0.5 }]);
  close(fromTopology.predict(tensor(xs)).data, model.predict(tensor(xs)).data);
  await rm(dir, { recursive: true });
});

test('noise layers TF.js lacks keep their class in the topology, with scheduled levels as numbers', () => {
  const model = sequential([
    input({ shape: [6] }),
    maskingNoise({ rate: { from: 0.4, to: 0.1 } }),
    saltAndPepper({ rate: { from: 0.2, to: 0, schedule: 'cosine' }, min: -1 }),
    uniformNoise({ amplitude: { from: 0.1, to: 0.02, per: 'epoch' } }),
    dense({ units: 2 }),
  ]);
  const layers = (toTfjsTopology(model, 'test') as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
  assert.deepEqual(layers.slice(0, 3).map((l) => [l.class_name, l.config['rate'] ?? l.config['amplitude'], l.config['min'], l.config['max']]), [
    ['MaskingNoise', 0.1, undefined, undefined],
    ['SaltAndPepperNoise', 0, -1, 1],
    ['UniformNoise', 0.02, undefined, undefined],
  ]);
});

test('noisenet loads a model trained and saved by TF.js, optimizer weights and all', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const layers = [tf.layers.gaussianNoise({ stddev: 0.1, inputShape: [6] }), tf.layers.dense({ units: 4, activation: 'tanh' }), tf.layers.dense({ units: 2, activation: 'softmax' })];
  const model = tf.sequential({ layers });
  model.compile({ optimizer: tf.train.adam(0.005), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(tf.tensor2d(xs), tf.tensor1d([0, 1]), { epochs: 1, verbose: 0 });
  let artifacts: Tf;
  await model.save(tf.io.withSaveHandler(async (a: Tf) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })), { includeOptimizer: true });
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-from-tfjs-'));
  const { format, generatedBy, convertedBy, modelTopology, trainingConfig, weightSpecs } = artifacts;
  await writeFile(join(dir, 'model.json'), JSON.stringify({ format, generatedBy, convertedBy, modelTopology, trainingConfig, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] }));
  const data: ArrayBuffer[] = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  await writeFile(join(dir, 'weights.bin'), Buffer.concat(data.map((b) => Buffer.from(b))));
  const loaded = await loadModel(dir);
  close(loaded.predict(tensor(xs)).data, model.predict(tf.tensor2d(xs)).dataSync());
  assert.equal(loaded.optimizer?.learningRate, 0.005);
  assert.equal(loaded.loss?.name, 'sparseCategoricalCrossentropy');
  await rm(dir, { recursive: true });
});
