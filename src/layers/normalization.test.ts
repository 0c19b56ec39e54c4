import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalization, Normalization, NORMALIZATION_EPSILON } from './normalization.js';
import { input } from './input.js';
import { dense } from './dense.js';
import { conv2d } from './conv2d.js';
import { flatten } from './flatten.js';
import { sequential } from '../models/sequential.js';
import { Tensor } from '../tensor/tensor.js';
import { backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import { modelArtifacts, modelFromArtifacts } from '../io/model-artifacts.js';
import { exportOnnx } from '../io/onnx/export.js';
import { runOnnx } from '../testing/onnx-runtime.js';
import type { Layer } from '../parts/layer.js';

/** Rows of 3 features: a spread one, a shifted one, a constant one. */
const ROWS = [
  [1, 100, 5],
  [2, 110, 5],
  [4, 90, 5],
  [9, 104, 5],
];

test('adapt computes the mean and the biased variance of each feature; the layer maps x to (x - mean) / max(sqrt(variance), 1e-7)', () => {
  const layer = normalization().adapt(ROWS);
  const { mean, variance } = layer.statistics();
  assert.deepEqual(mean, [4, 101, 5]);
  assert.deepEqual(variance, [9.5, 53, 0]);
  layer.build([3], { backend: backend64() });
  const y = Array.from((layer as Layer).forward(Float64Array.from(ROWS.flat()), 4, EVAL));
  const expected = ROWS.flat().map((v, i) => (v - mean[i % 3]!) / Math.max(Math.sqrt(variance[i % 3]!), NORMALIZATION_EPSILON));
  y.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `value ${i}: ${v}, expected ${expected[i]}`));
  assert.equal(y[2], 0, 'a constant feature maps to 0');
  assert.deepEqual(layer.outputShape, [3], 'shape kept');
});

test('on images, each channel of the last axis is normalised over samples and pixels; byte tensors are read with their scale', () => {
  const bytes = Uint8Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => (i % 3 === 0 ? 255 : i % 3 === 1 ? (i * 7) % 256 : 51));
  const layer = normalization().adapt(new Tensor(bytes, [2, 2, 2, 3], 1 / 255));
  const { mean, variance } = layer.statistics();
  assert.ok(Math.abs(mean[0]! - 1) < 1e-12 && variance[0] === 0);
  assert.ok(Math.abs(mean[2]! - 0.2) < 1e-12);
  const channel1 = [...bytes].filter((_, i) => i % 3 === 1).map((v) => v / 255);
  const m1 = channel1.reduce((a, b) => a + b, 0) / channel1.length;
  assert.ok(Math.abs(mean[1]! - m1) < 1e-12);
  assert.ok(Math.abs(variance[1]! - channel1.reduce((a, v) => a + (v - m1) ** 2, 0) / channel1.length) < 1e-12);
});

test('normalization gradients match central differences; mean and variance are state, not trained', () => {
  const layer = normalization({ mean: [0.5, -1, 2, 0, 3], variance: [4, 0.25, 1, 9, 0.5] });
  layer.build([5], { backend: backend64() });
  const errors = checkLayerGradients(layer, 4, 7);
  for (const [what, err] of Object.entries(errors)) assert.ok(err < 1e-6, `${what}: ${err}`);
  assert.deepEqual(layer.params(), []);
  assert.deepEqual(layer.weights().map((w) => w.name), [`${layer.name}/moving_mean`, `${layer.name}/moving_variance`]);
  assert.throws(() => normalization({ mean: [1] }), /mean and variance must be given together/);
  assert.throws(() => normalization({ mean: [1, 2], variance: [1] }), /variance must be 2 values, as many as mean/);
  assert.throws(() => normalization({ mean: [1], variance: [-1] }), /variance must be a list of finite numbers >= 0/);
});

/** A model that starts with an adapted normalization. */
function model(): { m: ReturnType<typeof sequential>; x: Tensor } {
  const x = new Tensor(Float32Array.from(ROWS.flat()), [4, 3]);
  const m = sequential([input({ shape: [3] }), normalization().adapt(x), dense({ units: 2, activation: 'softmax' })]);
  m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return { m, x };
}

test('the adapted statistics are saved with the model and survive fit, a save and a load', async () => {
  const { m, x } = model();
  await m.fit(x, [0, 1, 0, 1], { epochs: 2, batchSize: 2, seed: 1 });
  const norm = m.layers.find((l) => l instanceof Normalization) as Normalization;
  assert.deepEqual(norm.statistics().mean, [4, 101, 5], 'fit leaves them');
  const { json, weights } = modelArtifacts(m);
  const loaded = await modelFromArtifacts(JSON.parse(JSON.stringify(json)), { locate: (p) => p, read: async () => weights }, 'model.json');
  assert.deepEqual(loaded.predict(x).data, m.predict(x).data);
  const topology = JSON.stringify(json.modelTopology);
  // TF.js has no Normalization class: written as the BatchNormalization with the same inference, read back as a Normalization.
  assert.match(topology, /"class_name":"BatchNormalization","config":\{"center":false,"scale":false,"epsilon":1e-14,"axis":-1/, 'written as a TF.js BatchNormalization without scale or offset');
  assert.ok(loaded.layers.some((l) => l instanceof Normalization), 'read back as a Normalization');
});

test('a model file that names the statistics mean and variance, as older files did, still loads with them', async () => {
  const { m, x } = model();
  const { json, weights } = modelArtifacts(m);
  const older = JSON.parse(JSON.stringify(json).replace(/\/moving_mean"/g, '/mean"').replace(/\/moving_variance"/g, '/variance"'));
  assert.match(JSON.stringify(older.weightsManifest), /normalization[^"]*\/mean"/, 'the file uses the older names');
  const loaded = await modelFromArtifacts(older, { locate: (p) => p, read: async () => weights }, 'model.json');
  assert.deepEqual(loaded.predict(x).data, m.predict(x).data);
});

test('the ONNX export (Sub, Div) predicts what noisenet predicts, on a table and per channel on colour images', async () => {
  const { m, x } = model();
  const images = new Tensor(Uint8Array.from({ length: 5 * 6 * 6 * 3 }, (_, i) => (i * 53) % 256), [5, 6, 6, 3], 1 / 255);
  const convnet = sequential([input({ shape: [6, 6, 3] }), normalization().adapt(images), conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }), flatten(), dense({ units: 3, activation: 'softmax' })]);
  convnet.initializeWeights(2);
  const imageFloats = Float32Array.from(images.data, (v) => v / 255);
  for (const [net, data, shape] of [[m, x, [4, 3]], [convnet, new Tensor(imageFloats, [5, 6, 6, 3]), [5, 6, 6, 3]]] as const) {
    const ours = net.predict(data).data;
    const theirs = await runOnnx(exportOnnx(net), data.data as Float32Array, shape);
    theirs.data.forEach((v, i) => assert.ok(Math.abs(v - ours[i]!) < 1e-5, `output ${i}: ${v} vs ${ours[i]}`));
  }
});
