import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalCrossentropy, meanSquaredError, sparseCategoricalCrossentropy, getLoss } from './index.js';
import type { BatchTargets, Loss } from '../parts/loss.js';
import { backend64, maxRelativeError, numericGradient, randomBuffer } from '../testing/gradcheck.js';
import type { FloatArray } from '../kernels/backend.js';

const b = backend64();

function softmax(z: FloatArray, rows: number, cols: number): FloatArray {
  const p = b.alloc(rows * cols);
  b.biasActivation(Float64Array.from(z), null, p, rows, cols, 'softmax');
  return p;
}

function check(loss: Loss, logits: boolean, rows: number, cols: number, targets: BatchTargets, probabilities = false): void {
  const out = randomBuffer(b, rows * cols, rows * 31 + cols, 2);
  if (probabilities) out.set(softmax(out, rows, cols));
  const f = (): number => loss.compute(b, out, logits, targets, rows, cols, null, 1) / rows;
  const grad = b.alloc(rows * cols);
  loss.compute(b, out, logits, targets, rows, cols, grad, 1 / rows);
  const err = maxRelativeError(grad, numericGradient(f, out));
  assert.ok(err < 1e-5, `${loss.name} rows ${rows}: relative error ${err}`);
}

function sparse(rows: number, cols: number): BatchTargets {
  return { kind: 'sparse', labels: Int32Array.from({ length: rows }, (_, i) => (i * 7 + 3) % cols) };
}

function soft(rows: number, cols: number): BatchTargets {
  const values = randomBuffer(b, rows * cols, 99 + rows);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i]!);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += values[r * cols + j]!;
    for (let j = 0; j < cols; j++) values[r * cols + j]! /= s;
  }
  return { kind: 'dense', values };
}

for (const [rows, cols] of [[1, 3], [4, 10], [7, 5]] as const) {
  test(`loss gradients match central differences (${rows} x ${cols})`, () => {
    check(sparseCategoricalCrossentropy(), true, rows, cols, sparse(rows, cols));
    check(sparseCategoricalCrossentropy({ labelSmoothing: 0.1 }), true, rows, cols, sparse(rows, cols));
    check(sparseCategoricalCrossentropy(), false, rows, cols, sparse(rows, cols), true);
    check(categoricalCrossentropy(), true, rows, cols, soft(rows, cols));
    check(categoricalCrossentropy({ labelSmoothing: 0.2 }), false, rows, cols, soft(rows, cols), true);
    check(meanSquaredError(), false, rows, cols, soft(rows, cols));
  });
}

test('fused softmax cross-entropy equals -log softmax of the label and stays finite for huge logits', () => {
  const z = Float64Array.from([1000, 0, -1000, 2, 1, 0]);
  const loss = sparseCategoricalCrossentropy().compute(b, z, true, { kind: 'sparse', labels: Int32Array.from([0, 2]) }, 2, 3, null, 1);
  // Row 0: the label holds the largest logit by 1000, so its loss is 0 (to double precision).
  // Row 1: -log softmax(z)[2] = log(e^2 + e^1 + e^0) - 0.
  const expected = Math.log(Math.exp(2) + Math.exp(1) + 1);
  assert.ok(Math.abs(loss - expected) < 1e-12, `loss ${loss} vs ${expected}`);
});

test('cross-entropy on probabilities agrees with the fused form on logits', () => {
  const z = randomBuffer(b, 12, 5, 3);
  const t = sparse(4, 3);
  const fused = sparseCategoricalCrossentropy().compute(b, z, true, t, 4, 3, null, 1);
  const probs = sparseCategoricalCrossentropy().compute(b, softmax(z, 4, 3), false, t, 4, 3, null, 1);
  assert.ok(Math.abs(fused - probs) < 1e-9);
});

test('getLoss accepts Keras spellings and rejects unknown names', () => {
  assert.equal(getLoss('sparse_categorical_crossentropy').name, 'sparseCategoricalCrossentropy');
  assert.equal(getLoss('mse').name, 'meanSquaredError');
  assert.throws(() => getLoss('hinge'), /loss must be one of sparseCategoricalCrossentropy/);
  assert.throws(() => sparseCategoricalCrossentropy({ labelSmoothing: 1 }), /labelSmoothing must be a number >= 0 and < 1, received 1/);
});
