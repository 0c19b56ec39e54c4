import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saltAndPepper } from './salt-and-pepper.js';
import { noiseLayerContract, ready, run } from '../testing/noise-harness.js';

noiseLayerContract('SaltAndPepperNoise', () => saltAndPepper({ rate: 0.3, min: -1, max: 2 }));

test('saltAndPepper sets exactly round(v d) values per sample to min or max with equal odds', () => {
  const rows = 2000;
  const d = 50;
  const layer = ready(saltAndPepper({ rate: 0.2 }), d, 6);
  const y = run(layer, new Float64Array(rows * d).fill(0.5), rows);
  let salt = 0;
  for (let r = 0; r < rows; r++) {
    let corrupted = 0;
    for (let j = 0; j < d; j++) {
      const v = y[r * d + j]!;
      if (v !== 0.5) corrupted++;
      if (v === 1) salt++;
      assert.ok(v === 0 || v === 0.5 || v === 1);
    }
    assert.equal(corrupted, 10);
  }
  // 20,000 fair coin flips: standard error sqrt(0.25 / 2e4) = 3.5e-3.
  assert.ok(Math.abs(salt / 20_000 - 0.5) < 5 * 3.6e-3, `salt fraction ${salt / 20_000}`);
  const dx = layer.backward(new Float32Array(rows * d).fill(1), rows, true)!;
  for (let i = 0; i < rows * d; i++) assert.equal(dx[i], y[i] === 0.5 ? 1 : 0);
});

test('saltAndPepper validates its options', () => {
  assert.throws(() => saltAndPepper({ rate: 2 }), /saltAndPepper: rate must be a number >= 0 and < 1, received 2/);
  assert.throws(() => saltAndPepper({ rate: 0.1, min: 1, max: 0 }), /saltAndPepper: max must be greater than min \(1\), received 0/);
});
