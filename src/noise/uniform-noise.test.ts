import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniformNoise } from './uniform-noise.js';
import { moments, noiseLayerContract, ready, run } from '../testing/noise-harness.js';

noiseLayerContract('UniformNoise', () => uniformNoise({ amplitude: 0.2 }));

const N = 200_000;

test('uniformNoise adds U(-a, a): mean 0, variance a^2 / 3, never beyond a', () => {
  const a = 0.05;
  const u = run(ready(uniformNoise({ amplitude: a }), N, 3), new Float64Array(N), 1);
  const { mean, variance } = moments(u);
  // Standard errors: mean a / sqrt(3 N) = 6.5e-5; sample variance a^2 sqrt((1/5 - 1/9) / N) = 1.7e-6.
  assert.ok(Math.abs(mean) < 5 * 6.5e-5, `mean ${mean}`);
  assert.ok(Math.abs(variance - (a * a) / 3) < 5 * 1.7e-6, `variance ${variance}`);
  assert.ok(u.every((v) => Math.abs(v) <= a));
});

test('uniformNoise validates the amplitude', () => {
  assert.throws(() => uniformNoise({ amplitude: -1 }), /uniformNoise: amplitude must be a number >= 0, received -1/);
});
