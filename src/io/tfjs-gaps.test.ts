/** The layers and activations TF.js and noisenet now exchange, checked against real TF.js (skipped without the devDependency). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { activation } from '../layers/activation.js';
import { leakyRelu } from '../layers/leaky-relu.js';
import { rescaling } from '../layers/rescaling.js';
import { tensor } from '../tensor/tensor.js';
import { loadModel, saveModel } from './node/index.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const skip = tfjs ? false : '@tensorflow/tfjs not installed';
const xs = [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [1, 0, -1, 0, 1, 0], [-3, 2, 7, -0.5, 0.25, 4]];
const close = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `${a[i]} vs ${b[i]} at ${i}`);
};

/** A TF.js model saved to a folder as TF.js writes it. */
async function saveTfjs(tf: Tf, model: Tf, dir: string): Promise<void> {
  let artifacts: Tf;
  await model.save(tf.io.withSaveHandler(async (a: Tf) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const { modelTopology, weightSpecs } = artifacts;
  await writeFile(join(dir, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] }));
  const data: ArrayBuffer[] = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  await writeFile(join(dir, 'weights.bin'), Buffer.concat(data.map((b) => Buffer.from(b))));
}

/** A noisenet folder loaded by TF.js. */
async function loadInTfjs(tf: Tf, dir: string): Promise<Tf> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const bin = await readFile(join(dir, json.weightsManifest[0].paths[0]));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
}

test('TF.js models with Activation, LeakyReLU and Rescaling layers and relu6 and softplus load in noisenet and predict the same, and go back', { skip }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.rescaling({ scale: 0.5, offset: -0.1, inputShape: [6] }),
      tf.layers.dense({ units: 5, activation: 'linear' }),
      tf.layers.activation({ activation: 'relu6' }),
      tf.layers.dense({ units: 4, activation: 'softplus' }),
      tf.layers.leakyReLU({ alpha: 0.3 }),
      tf.layers.dense({ units: 5, activation: 'relu6' }),
      tf.layers.activation({ activation: 'softplus' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-tfjs-gaps-'));
  try {
    await saveTfjs(tf, model, dir);
    const ours = await loadModel(dir);
    assert.deepEqual(ours.layers.map((l) => l.className), ['InputLayer', 'Rescaling', 'Dense', 'Activation', 'Dense', 'LeakyReLU', 'Dense', 'Activation', 'Dense']);
    const expected = model.predict(tf.tensor2d(xs)).dataSync();
    close(ours.predict(tensor(xs)).data, expected);
    // And back: noisenet's folder loads in TF.js with the same predictions.
    const back = join(dir, 'back');
    await saveModel(ours, back);
    close((await loadInTfjs(tf, back)).predict(tf.tensor2d(xs)).dataSync(), expected);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('leakyRelu is exported as a TF.js LeakyReLU layer that TF.js predicts with, and read back as one Dense', { skip }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const model = sequential([
    input({ shape: [6] }),
    dense({ units: 5, activation: 'leakyRelu' }),
    dense({ units: 4, activation: 'leakyRelu', dropConnect: { rate: 0.3 } }),
    activation({ activation: 'relu6' }),
    leakyRelu({ negativeSlope: 0.1 }),
    rescaling({ scale: 2 }),
    dense({ units: 3, activation: 'softplus' }),
  ]);
  model.initializeWeights(4);
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-tfjs-leaky-'));
  try {
    await saveModel(model, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    assert.deepEqual(json.modelTopology.config.layers.map((l: Tf) => l.class_name), ['Dense', 'LeakyReLU', 'Dense', 'Rescaling', 'LeakyReLU', 'Activation', 'LeakyReLU', 'Rescaling', 'Dense']);
    close((await loadInTfjs(tf, dir)).predict(tf.tensor2d(xs)).dataSync(), model.predict(tensor(xs)).data);
    delete json.noisenet;
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    const fromTopology = await loadModel(dir);
    assert.deepEqual(fromTopology.layers.map((l) => [l.className, l.getConfig()['activation'] ?? l.getConfig()['negativeSlope'] ?? l.getConfig()['scale']]), [
      ['InputLayer', undefined], ['Dense', 'leakyRelu'], ['Dense', 'leakyRelu'], ['Activation', 'relu6'], ['LeakyReLU', 0.1], ['Rescaling', 2], ['Dense', 'softplus'],
    ]);
    close(fromTopology.predict(tensor(xs)).data, model.predict(tensor(xs)).data);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
