import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianNoise } from './gaussian-noise.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { layerFromConfig } from '../registry/lookup.js';

const N = 200_000;

function noiseOf(stddev: number, seed: number, training: boolean): Float32Array {
  const backend = createRefBackend();
  const layer = gaussianNoise({ stddev });
  layer.build([N], { backend });
  layer.seedRandom(seed);
  const x = backend.alloc(N);
  for (let i = 0; i < N; i++) x[i] = (i % 7) / 7;
  const y = layer.forward(x, 1, { training, step: 0, epoch: 0 });
  return Float32Array.from(y, (v, i) => v - x[i]!);
}

test('gaussianNoise adds zero-mean noise of the given standard deviation in training', () => {
  const e = noiseOf(0.1, 7, true);
  let mean = 0;
  for (const v of e) mean += v / N;
  let variance = 0;
  for (const v of e) variance += (v - mean) ** 2 / (N - 1);
  // Standard error of the mean: 0.1 / sqrt(2e5) = 2.2e-4; of the sd: 0.1 / sqrt(4e5) = 1.6e-4.
  // Five standard errors make a false failure practically impossible.
  assert.ok(Math.abs(mean) < 5 * 2.3e-4, `mean ${mean}`);
  assert.ok(Math.abs(Math.sqrt(variance) - 0.1) < 5 * 1.6e-4, `sd ${Math.sqrt(variance)}`);
});

test('gaussianNoise is exactly the identity outside training and at stddev 0', () => {
  assert.ok(noiseOf(0.5, 1, false).every((v) => v === 0));
  assert.ok(noiseOf(0, 1, true).every((v) => v === 0));
});

test('gaussianNoise draws are reproduced by the seed and differ across seeds', () => {
  assert.deepEqual(noiseOf(0.2, 3, true), noiseOf(0.2, 3, true));
  assert.notDeepEqual(noiseOf(0.2, 3, true).subarray(0, 10), noiseOf(0.2, 4, true).subarray(0, 10));
});

test('gaussianNoise passes gradients through unchanged and validates stddev', () => {
  const backend = createRefBackend();
  const layer = gaussianNoise({ stddev: 0.3 });
  layer.build([3], { backend });
  layer.forward(backend.alloc(3), 1, { training: true, step: 0, epoch: 0 });
  const dy = Float32Array.from([1, 2, 3]);
  assert.deepEqual(layer.backward(dy, 1, true), dy);
  assert.throws(() => gaussianNoise({ stddev: -0.1 }), /gaussianNoise: stddev must be a number >= 0, received -0.1/);
  assert.deepEqual(layerFromConfig('GaussianNoise', { name: 'g', stddev: 0.3 }).getConfig(), { name: 'g', stddev: 0.3 });
});
