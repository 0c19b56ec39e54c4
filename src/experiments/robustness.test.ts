import { test } from 'node:test';
import assert from 'node:assert/strict';
import { robustnessCurve } from './robustness.js';
import { normalCdf } from './stats.js';
import { linearClassifier, pointAtDistance, repeatedPoint } from '../testing/experiment-fixtures.js';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { clusters } from '../testing/synthetic.js';
import { Tensor } from '../tensor/tensor.js';

test('a linear classifier at distance d from its boundary keeps accuracy Phi(d / s) under N(0, s^2) noise', async () => {
  const v: [number, number] = [3, 4];
  const model = linearClassifier(v, -5);
  const { x, y } = repeatedPoint(pointAtDistance(v, -5, 0.5), 4000, 1);
  const curve = await robustnessCurve(model, x, y, { stddevs: [0, 0.25, 0.5, 1], draws: 2, seed: 7, chunkSize: 999 });
  assert.deepEqual(curve.map((p) => p.stddev), [0, 0.25, 0.5, 1]);
  assert.deepEqual(curve[0]!.accuracies, [1]);
  for (const p of curve.slice(1)) {
    assert.equal(p.accuracies.length, 2);
    const expected = normalCdf(0.5 / p.stddev);
    const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / 8000);
    assert.ok(Math.abs(p.mean - expected) < tolerance, `s=${p.stddev}: accuracy ${p.mean}, theory ${expected} ± ${tolerance}`);
  }
});

test('noise-free accuracy equals evaluate; results do not depend on the chunk size; the seed reproduces them', async () => {
  const data = clusters(300, 6, 3, 2);
  const model = sequential([input({ shape: [6] }), dense({ units: 8, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.x, data.y, { epochs: 3, seed: 1 });
  const options = { stddevs: [0, 0.3, 1], draws: 2, seed: 3 };
  const a = await robustnessCurve(model, data.x, data.y, { ...options, chunkSize: 1000 });
  const b = await robustnessCurve(model, data.x, data.y, { ...options, chunkSize: 17, batchSize: 5 });
  assert.deepEqual(a, b);
  assert.equal(a[0]!.mean, model.evaluate(data.x, data.y).accuracy);
  assert.ok(a[2]!.mean < a[0]!.mean, 'noise of s = 1 lowers the accuracy');
  const other = await robustnessCurve(model, data.x, data.y, { ...options, seed: 4 });
  assert.notDeepEqual(other[1]!.accuracies, a[1]!.accuracies);
});

test('byte images are scaled before the noise, clipping is applied, and bad options are rejected', async () => {
  // Pixel 255 -> 1.0; a classifier "class 1 iff x0 + x1 > 1.5" is right on (1, 1) unless noise pushes it below.
  const x = new Tensor(new Uint8Array(2000).fill(255), [1000, 2], 1 / 255);
  const y = new Tensor(new Int32Array(1000).fill(1), [1000]);
  const model = linearClassifier([1, 1], -1.5);
  const [clean] = await robustnessCurve(model, x, y, { stddevs: [0] });
  assert.equal(clean!.mean, 1);
  // Clipped to [0, 1], noise can only lower the pixels: accuracy = P(e0 + e1 > -0.5 with negative parts only) < unclipped.
  const [unclipped] = await robustnessCurve(model, x, y, { stddevs: [0.5], draws: 1 });
  const [clipped] = await robustnessCurve(model, x, y, { stddevs: [0.5], draws: 1, clip: { min: 0, max: 1 } });
  assert.ok(clipped!.mean < unclipped!.mean, `clipped ${clipped!.mean} < unclipped ${unclipped!.mean}`);
  await assert.rejects(robustnessCurve(model, x, y, { stddevs: [-0.1] }), /stddevs\[0\] must be a number >= 0, received -0.1/);
  await assert.rejects(robustnessCurve(model, x, y, { draws: 0 }), /draws must be an integer >= 1/);
  const controller = new AbortController();
  controller.abort(new Error('stopped'));
  await assert.rejects(robustnessCurve(model, x, y, { signal: controller.signal }), /stopped/);
});

test('a binary model is scored by its one output against 0.5; a regression is refused, saying why', async () => {
  const binary = sequential([input({ shape: [1] }), dense({ units: 1, activation: 'sigmoid' })], { backend: createRefBackend() });
  binary.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  binary.setWeights([new Float32Array([10]), new Float32Array([0])]);
  const x = new Tensor(Float32Array.from([-1, -0.5, 0.5, 1]), [4, 1]);
  const [clean] = await robustnessCurve(binary, x, new Tensor(Float32Array.from([0, 0, 1, 0]), [4]), { stddevs: [0] });
  assert.equal(clean!.mean, 0.75);
  const regression = sequential([input({ shape: [1] }), dense({ units: 1 })], { backend: createRefBackend() });
  regression.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await assert.rejects(robustnessCurve(regression, x, x), /robustnessCurve: model 'sequential' is a regression \(meanSquaredError\); the curve measures accuracy under noise/);
});
