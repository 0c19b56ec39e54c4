import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disturbLabel } from './disturb-label.js';
import { augmentContext } from '../testing/augment-harness.js';

const K = 10;
const N = 50_000;

function disturbed(seed: number, alpha: number): Int32Array {
  const d = disturbLabel({ alpha });
  d.seedRandom(seed);
  const labels = new Int32Array(N).fill(3);
  d.apply(new Float64Array(0), { kind: 'sparse', labels }, N, augmentContext(1, K));
  return labels;
}

test('disturbLabel keeps the label with p = 1 - alpha (K - 1) / K and moves it to each other class with alpha / K', () => {
  const labels = disturbed(4, 0.2);
  const counts = new Float64Array(K);
  for (const l of labels) counts[l]! += 1 / N;
  // Binomial standard errors: sqrt(0.18 * 0.82 / 5e4) = 1.7e-3 and sqrt(0.02 * 0.98 / 5e4) = 6.3e-4; bounds at 5.
  assert.ok(Math.abs(1 - counts[3]! - 0.18) < 5 * 1.75e-3, `flip rate ${1 - counts[3]!}`);
  counts.forEach((c, k) => k !== 3 && assert.ok(Math.abs(c - 0.02) < 5 * 6.4e-4, `class ${k}: ${c}`));
});

test('disturbLabel is reproduced by the seed, off at alpha 0, and keeps one-hot rows one-hot', () => {
  assert.deepEqual(disturbed(1, 0.5), disturbed(1, 0.5));
  assert.notDeepEqual(disturbed(1, 0.5), disturbed(2, 0.5));
  assert.ok(disturbed(1, 0).every((l) => l === 3));
  const d = disturbLabel({ alpha: 1 });
  const values = new Float64Array(100 * K);
  for (let r = 0; r < 100; r++) values[r * K] = 1;
  d.apply(new Float64Array(0), { kind: 'dense', values }, 100, augmentContext(1, K));
  for (let r = 0; r < 100; r++) assert.deepEqual(values.subarray(r * K, r * K + K).filter((v) => v !== 0), Float64Array.of(1));
  assert.ok(values.filter((v, i) => i % K === 0 && v === 1).length < 30, 'alpha 1 redraws every label uniformly');
  assert.throws(() => disturbLabel({ alpha: 1.5 }), /disturbLabel: alpha must be a number >= 0 and <= 1, received 1.5/);
  assert.throws(() => d.setup({ sampleSize: 4, outputs: 1 }), /disturbLabel: classes must be at least 2 model outputs, received 1/);
});
