import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './index.js';
import { backend64, randomBuffer } from '../testing/gradcheck.js';

const b = backend64();

test('sparse label smoothing equals categorical cross-entropy on smoothed one-hot targets (Szegedy et al. 2016)', () => {
  for (const [rows, k, eps] of [[5, 4, 0.1], [8, 10, 0.3], [3, 2, 0.05]] as const) {
    const labels = Int32Array.from({ length: rows }, (_, i) => (i * 3 + 1) % k);
    const smoothed = b.alloc(rows * k);
    for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) smoothed[r * k + j] = (labels[r] === j ? 1 - eps : 0) + eps / k;
    const onehot = b.alloc(rows * k);
    labels.forEach((l, r) => (onehot[r * k + l] = 1));
    const logits = randomBuffer(b, rows * k, rows + k, 3);
    const probs = b.alloc(rows * k);
    b.biasActivation(Float64Array.from(logits), null, probs, rows, k, 'softmax');
    for (const [out, isLogits] of [[logits, true], [probs, false]] as const) {
      const g1 = b.alloc(rows * k);
      const g2 = b.alloc(rows * k);
      const g3 = b.alloc(rows * k);
      const sparse = sparseCategoricalCrossentropy({ labelSmoothing: eps }).compute(b, out, isLogits, { kind: 'sparse', labels }, rows, k, g1, 1 / rows);
      const dense = categoricalCrossentropy().compute(b, out, isLogits, { kind: 'dense', values: smoothed }, rows, k, g2, 1 / rows);
      const builtIn = categoricalCrossentropy({ labelSmoothing: eps }).compute(b, out, isLogits, { kind: 'dense', values: onehot }, rows, k, g3, 1 / rows);
      assert.ok(Math.abs(sparse - dense) < 1e-12 && Math.abs(sparse - builtIn) < 1e-12, `${isLogits ? 'logits' : 'probabilities'}: ${sparse} ${dense} ${builtIn}`);
      for (let i = 0; i < rows * k; i++) assert.ok(Math.abs(g1[i]! - g2[i]!) < 1e-12 && Math.abs(g1[i]! - g3[i]!) < 1e-12);
    }
  }
});
