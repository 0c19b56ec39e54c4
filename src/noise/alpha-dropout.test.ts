import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA_PRIME, alphaDropout, alphaDropoutAffine } from './alpha-dropout.js';
import { fractionEqual, moments, noiseLayerContract, ready, run } from '../testing/noise-harness.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Xoshiro128 } from '../random/xoshiro.js';

noiseLayerContract('AlphaDropout', () => alphaDropout({ rate: 0.1 }));

const N = 200_000;

test('alphaDropout keeps mean 0 and variance 1 for standard-normal inputs', () => {
  const rng = new Xoshiro128(42);
  const x = Float64Array.from({ length: N }, () => rng.normal());
  for (const rate of [0.05, 0.1, 0.3]) {
    // float64 so the dropped value compares exactly below.
    const layer = ready(alphaDropout({ rate }), N, 7, createRefBackend('float64'));
    const y = run(layer, x, 1);
    const { mean, variance } = moments(y);
    // Standard error of the mean 1/sqrt(2e5) = 2.2e-3, of the variance about sqrt(3 / 2e5) =
    // 3.9e-3, for the input sample and the dropout draw each: bounds at 5 of the combined ones.
    assert.ok(Math.abs(mean) < 5 * 3.2e-3, `rate ${rate}: mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 5 * 5.5e-3, `rate ${rate}: variance ${variance}`);
    const [a, b] = alphaDropoutAffine(rate);
    const droppedValue = a * ALPHA_PRIME + b;
    assert.ok(droppedValue < 0, 'dropped units sit at the negative saturation (tfjs has +1.758)');
    // Binomial standard error sqrt(q (1 - q) / 2e5) <= 1.03e-3.
    assert.ok(Math.abs(fractionEqual(y, droppedValue) - rate) < 5 * 1.03e-3);
  }
});

test('alphaDropout constants are Keras values and the rate is validated', () => {
  assert.ok(Math.abs(ALPHA_PRIME + 1.7580993408473766) < 1e-12);
  const [a, b] = alphaDropoutAffine(0.1);
  // a = ((0.9)(1 + 0.1 * 3.0909))^-1/2, b = -a * 0.1 * a'.
  assert.ok(Math.abs(a - (0.9 * (1 + 0.1 * 1.7580993408473766 ** 2)) ** -0.5) < 1e-12);
  assert.ok(Math.abs(b - a * 0.1 * 1.7580993408473766) < 1e-12);
  assert.throws(() => alphaDropout({ rate: 1.5 }), /alphaDropout: rate must be a number >= 0 and < 1, received 1.5/);
});
