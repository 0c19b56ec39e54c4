import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropout } from './dropout.js';
import { fractionEqual, moments, noiseLayerContract, ready, run } from '../testing/noise-harness.js';

noiseLayerContract('Dropout', () => dropout({ rate: 0.4 }));

const N = 200_000;

test('dropout zeroes a fraction p and scales the kept units by 1 / (1 - p)', () => {
  const layer = ready(dropout({ rate: 0.3 }), N, 2);
  const y = run(layer, new Float64Array(N).fill(1), 1);
  const dropped = fractionEqual(y, 0);
  // Binomial standard error sqrt(0.3 * 0.7 / 2e5) = 1.02e-3; bound at 5 of them.
  assert.ok(Math.abs(dropped - 0.3) < 5 * 1.03e-3, `drop rate ${dropped}`);
  assert.ok(y.every((v) => v === 0 || v === Math.fround(1 / 0.7)));
  // E[y] = 1; standard error sqrt(p / (1 - p) / N) = 1.46e-3.
  assert.ok(Math.abs(moments(y).mean - 1) < 5 * 1.5e-3);
  const dy = new Float32Array(N).fill(2);
  const dx = layer.backward(dy, 1, true)!;
  for (let i = 0; i < N; i++) assert.equal(dx[i], Math.fround(2 * y[i]!));
});

test('dropout with a scheduled rate follows it: 0.5 at the first step, off at the last', () => {
  const layer = ready(dropout({ rate: { from: 0.5, to: 0 } }), 10_000, 1);
  const first = run(layer, new Float64Array(10_000).fill(1), 1, { training: true, step: 0, epoch: 0, totalSteps: 11, totalEpochs: 1 });
  // Binomial standard error sqrt(0.25 / 1e4) = 5e-3.
  assert.ok(Math.abs(fractionEqual(first, 0) - 0.5) < 0.025);
  const last = run(layer, new Float64Array(10_000).fill(1), 1, { training: true, step: 10, epoch: 0, totalSteps: 11, totalEpochs: 1 });
  assert.ok(last.every((v) => v === 1));
});

test('dropout validates the rate', () => {
  assert.throws(() => dropout({ rate: -0.1 }), /dropout: rate must be a number >= 0 and < 1, received -0.1/);
  assert.throws(() => dropout({ rate: { from: 0.5, to: 1 } }), /dropout: rate must be a number >= 0 and < 1, received 1/);
});
