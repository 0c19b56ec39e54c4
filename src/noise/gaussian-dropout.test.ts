import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianDropout } from './gaussian-dropout.js';
import { moments, noiseLayerContract, ready, run } from '../testing/noise-harness.js';

noiseLayerContract('GaussianDropout', () => gaussianDropout({ rate: 0.3 }));

const N = 200_000;

test('gaussianDropout multiplies by r ~ N(1, p / (1 - p)) and backpropagates dy * r', () => {
  const layer = ready(gaussianDropout({ rate: 0.2 }), N, 5);
  const r = run(layer, new Float64Array(N).fill(1), 1);
  const { mean, variance } = moments(r);
  // p / (1 - p) = 0.25. Standard error of the mean: sqrt(0.25 / 2e5) = 1.1e-3; of the sample
  // variance of a normal: 0.25 * sqrt(2 / 2e5) = 7.9e-4. Bounds at 5 standard errors.
  assert.ok(Math.abs(mean - 1) < 5 * 1.2e-3, `mean ${mean}`);
  assert.ok(Math.abs(variance - 0.25) < 5 * 8e-4, `variance ${variance}`);
  const dy = Float32Array.from({ length: N }, (_, i) => (i % 3) - 1);
  const dx = layer.backward(dy, 1, true)!;
  for (let i = 0; i < 1000; i++) assert.equal(dx[i], Math.fround(dy[i]! * r[i]!));
});

test('gaussianDropout validates the rate', () => {
  assert.throws(() => gaussianDropout({ rate: 1 }), /gaussianDropout: rate must be a number >= 0 and < 1, received 1/);
  assert.deepEqual(run(ready(gaussianDropout({ rate: 0 }), 4), [1, 2, 3, 4], 1), Float64Array.from([1, 2, 3, 4]));
});
