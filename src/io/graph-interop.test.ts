/** Graph models through every file format: noisenet's folders, real TF.js both ways, and ONNX in onnxruntime. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model } from '../models/functional.js';
import { input } from '../layers/input.js';
import { conv2d } from '../layers/conv2d.js';
import { batchNormalization } from '../layers/batch-normalization.js';
import { relu } from '../layers/relu.js';
import { add } from '../layers/merge.js';
import { concatenate } from '../layers/concatenate.js';
import { globalAveragePooling2d } from '../layers/global-average-pooling2d.js';
import { dense } from '../layers/dense.js';
import { dropout } from '../noise/dropout.js';
import { Tensor } from '../tensor/tensor.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { loadModel, saveModel } from './node/index.js';
import { exportOnnx } from './onnx/export.js';
import { runOnnx } from '../testing/onnx-runtime.js';
import { everyMerge } from '../testing/graph-models.js';
import { buildRun } from '../run/build-run.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const skip = tfjs ? false : '@tensorflow/tfjs not installed';

const SHAPE = [8, 8, 2];
const images = (count: number): Tensor => new Tensor(Float32Array.from({ length: count * 128 }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5), [count, ...SHAPE]);
const LABELS = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2];
const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `${what}: ${a[i]} vs ${b[i]} at ${i}`);
};

/** A residual block with a projection shortcut, a concatenation, batch norm (with DropConnect on one kernel), and a softmax head. */
async function trainedGraph() {
  const x = input({ shape: SHAPE, name: 'image' });
  const stem = relu({ name: 'stem_relu' }).apply(batchNormalization({ name: 'stem_bn' }).apply(conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'stem' }).apply(x)));
  const c1 = relu().apply(batchNormalization().apply(conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', useBias: false }).apply(stem)));
  const c2 = batchNormalization().apply(conv2d({ filters: 6, kernelSize: 3, padding: 'same', useBias: false, dropConnect: { rate: 0.2 } }).apply(c1));
  const shortcut = conv2d({ filters: 6, kernelSize: 1, strides: 2, useBias: false, name: 'projection' }).apply(stem);
  const block = relu({ name: 'block_out' }).apply(add({ name: 'residual' }).apply([c2, shortcut]));
  const joined = concatenate({ name: 'joined' }).apply([block, conv2d({ filters: 2, kernelSize: 1, strides: 2, name: 'side' }).apply(stem)]);
  const out = dense({ units: 3, activation: 'softmax', name: 'head' }).apply(dropout({ rate: 0.2 }).apply(globalAveragePooling2d().apply(joined)));
  const m = model({ inputs: x, outputs: out, name: 'tiny_resnet', backend: createRefBackend() });
  m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await m.fit(images(12), LABELS, { epochs: 2, batchSize: 4, seed: 3 });
  return m;
}

test('a graph model saved and loaded again has the same graph, predictions and next seeded epoch', async () => {
  const m = await trainedGraph();
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-graph-io-'));
  try {
    await saveModel(m, dir);
    const loaded = await loadModel(dir, { backend: createRefBackend() });
    assert.deepEqual(loaded.getConfig(), m.getConfig());
    assert.equal(loaded.isGraph, true);
    const x = images(5);
    assert.deepEqual(Array.from(loaded.predict(x).data), Array.from(m.predict(x).data));
    const [a, b] = [await m.fit(images(12), LABELS, { epochs: 1, batchSize: 4, seed: 8 }), await loaded.fit(images(12), LABELS, { epochs: 1, batchSize: 4, seed: 8 })];
    assert.deepEqual(b.history, a.history);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('TF.js loads a noisenet graph (a functional Model with inbound_nodes) and predicts the same to 1e-5', { skip }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const m = await trainedGraph();
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-graph-tfjs-'));
  try {
    await saveModel(m, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    assert.equal(json.modelTopology.class_name, 'Model');
    const residual = json.modelTopology.config.layers.find((l: Tf) => l.name === 'residual');
    assert.deepEqual(residual.inbound_nodes, [[['batch_normalization_1', 0, 0, {}], ['projection', 0, 0, {}]]]);
    const bin = await readFile(join(dir, 'weights.bin'));
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const theirs = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
    const x = images(5);
    close(theirs.predict(tf.tensor4d(x.data, [5, ...SHAPE])).dataSync(), m.predict(x).data, 'predictions');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('noisenet loads a TF.js functional model with branches and predicts the same to 1e-5', { skip }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const x = tf.input({ shape: SHAPE, name: 'pixels' });
  const a = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', name: 'a' }).apply(x);
  const b = tf.layers.conv2d({ filters: 3, kernelSize: 1, padding: 'same', name: 'b' }).apply(x);
  const sum = tf.layers.add({ name: 'sum' }).apply([a, b]);
  const both = tf.layers.concatenate({ name: 'both' }).apply([sum, tf.layers.multiply({ name: 'prod' }).apply([a, b]), tf.layers.average({ name: 'avg' }).apply([a, b])]);
  const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(tf.layers.globalAveragePooling2d({}).apply(both));
  const theirs = tf.model({ inputs: x, outputs: out });
  theirs.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const data = images(12);
  await theirs.fit(tf.tensor4d(data.data, [12, ...SHAPE]), tf.tensor1d(LABELS), { epochs: 2, verbose: 0 });
  let artifacts: Tf;
  await theirs.save(tf.io.withSaveHandler(async (s: Tf) => ((artifacts = s), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-graph-from-tfjs-'));
  try {
    const { format, generatedBy, convertedBy, modelTopology, trainingConfig, weightSpecs } = artifacts;
    await writeFile(join(dir, 'model.json'), JSON.stringify({ format, generatedBy, convertedBy, modelTopology, trainingConfig, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] }));
    const chunks: ArrayBuffer[] = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
    await writeFile(join(dir, 'weights.bin'), Buffer.concat(chunks.map((c) => Buffer.from(c))));
    const ours = await loadModel(dir, { backend: createRefBackend() });
    assert.equal(ours.isGraph, true);
    assert.deepEqual(ours.getConfig().layers.find((l) => l.config.name === 'both')!.inputs, ['sum', 'prod', 'avg']);
    close(ours.predict(data).data, theirs.predict(tf.tensor4d(data.data, [12, ...SHAPE])).dataSync(), 'predictions');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a graph exported to ONNX runs in onnxruntime with the same predictions', async () => {
  const m = await trainedGraph();
  const x = images(5);
  const theirs = await runOnnx(exportOnnx(m), x.data as Float32Array, [5, ...SHAPE]);
  assert.deepEqual(theirs.dims, [5, 3]);
  close(theirs.data, m.predict(x).data, 'onnx predictions');
});

test('every merge layer and branch noise exports to ONNX and runs in onnxruntime with the same predictions', async () => {
  const m = everyMerge(SHAPE);
  m.initializeWeights(4);
  const x = images(3);
  const theirs = await runOnnx(exportOnnx(m), x.data as Float32Array, [3, ...SHAPE]);
  close(theirs.data, m.predict(x).data, 'onnx predictions');
});

test('a resnet with drop-path saved with its optimizer state mid-run resumes to the history and weights of an uninterrupted run', async () => {
  const x = new Tensor(Float32Array.from({ length: 24 * 36 }, (_, i) => Math.sin(i * 0.7) * 0.5 + 0.5), [24, 6, 6, 1]);
  const y = new Tensor(Int32Array.from({ length: 24 }, (_, i) => i % 3), [24]);
  const build = () => buildRun({ model: 'resnet', hidden: [], activation: 'relu', noise: ['drop-path:rate=0.3', 'dropout:rate=0.1@hidden'], optimizer: 'adam', lr: 0.003, momentum: 0 }, { inputShape: [6, 6, 1], classes: 3, imageShape: [6, 6] }, { backend: createRefBackend() }).model;
  const options = { epochs: 3, batchSize: 8, seed: 5, validationData: [x, y] as [Tensor, Tensor] };
  const whole = build();
  const full = await whole.fit(x, y, options);
  const first = build();
  const part = await first.fit(x, y, { ...options, epochs: 1 });
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-graph-resume-'));
  try {
    await saveModel(first, dir, { includeOptimizer: true });
    const again = await loadModel(dir, { backend: createRefBackend() });
    assert.equal(again.isGraph, true);
    const rest = await again.fit(x, y, { ...options, initialEpoch: 1 });
    for (const key of Object.keys(full.history)) assert.deepEqual([...part.history[key]!, ...rest.history[key]!], full.history[key], key);
    assert.deepEqual(again.getWeights().map((w) => Array.from(w.data)), whole.getWeights().map((w) => Array.from(w.data)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
