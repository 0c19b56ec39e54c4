/**
 * The regression losses and binary cross-entropy: hand-computed values, TensorFlow.js' own
 * losses on the same numbers (skipped without the devDependency), gradients against float64
 * central differences, and the fused sigmoid form exact for logits of +-100.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryCrossentropy, getLoss, huber, lossTask, meanAbsoluteError, meanSquaredError } from './index.js';
import type { BatchTargets, Loss } from '../parts/loss.js';
import { backend64, maxRelativeError, numericGradient, randomBuffer } from '../testing/gradcheck.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const b = backend64();
const dense = (values: number[]): BatchTargets => ({ kind: 'dense', values: Float64Array.from(values) });
const mean = (loss: Loss, out: number[], t: number[], rows: number, cols: number, logits = false): number =>
  loss.compute(b, Float64Array.from(out), logits, dense(t), rows, cols, null, 1) / rows;

test('mean squared, absolute and Huber errors equal their hand-computed values', () => {
  // Two rows of two outputs: errors 1, -2 | 0.5, 3.
  const y = [2, 0, 1.5, 4];
  const t = [1, 2, 1, 1];
  assert.ok(Math.abs(mean(meanSquaredError(), y, t, 2, 2) - ((1 + 4) / 2 + (0.25 + 9) / 2) / 2) < 1e-12);
  assert.ok(Math.abs(mean(meanAbsoluteError(), y, t, 2, 2) - ((1 + 2) / 2 + (0.5 + 3) / 2) / 2) < 1e-12);
  // delta 1: 0.5 | 1 (2 - 0.5) = 1.5 | 0.125 | 1 (3 - 0.5) = 2.5
  assert.ok(Math.abs(mean(huber(), y, t, 2, 2) - ((0.5 + 1.5) / 2 + (0.125 + 2.5) / 2) / 2) < 1e-12);
  // delta 2: 0.5 | 2 | 0.125 | 2 (3 - 1) = 4
  assert.ok(Math.abs(mean(huber({ delta: 2 }), y, t, 2, 2) - ((0.5 + 2) / 2 + (0.125 + 4) / 2) / 2) < 1e-12);
});

test('binary cross-entropy equals its hand-computed value on probabilities and on logits', () => {
  const p = [0.9, 0.2, 0.6];
  const t = [1, 0, 0];
  const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
  assert.ok(Math.abs(mean(binaryCrossentropy(), p, t, 3, 1) - expected) < 1e-12);
  const z = p.map((v) => Math.log(v / (1 - v)));
  assert.ok(Math.abs(mean(binaryCrossentropy({ fromLogits: true }), z, t, 3, 1, true) - expected) < 1e-12);
  // Label smoothing 0.2 moves the targets to 0.9, 0.1, 0.1.
  const smoothed = -[0.9, 0.1, 0.1].reduce((s, ti, i) => s + ti * Math.log(p[i]!) + (1 - ti) * Math.log(1 - p[i]!), 0) / 3;
  assert.ok(Math.abs(mean(binaryCrossentropy({ labelSmoothing: 0.2 }), p, t, 3, 1) - smoothed) < 1e-12);
});

test('the fused sigmoid binary cross-entropy is exact and finite for logits of +-100', () => {
  const loss = binaryCrossentropy();
  const grad = b.alloc(4);
  const total = loss.compute(b, Float64Array.from([100, -100, 100, -100]), true, dense([1, 0, 0, 1]), 4, 1, grad, 1);
  // Right with margin 100: log(1 + e^-100) ~ 3.7e-44; wrong with margin 100: 100 + log(1 + e^-100).
  assert.ok(Math.abs(total - 200) < 1e-9, `total ${total}`);
  assert.ok([...grad].every(Number.isFinite));
  assert.ok(Math.abs(grad[0]!) < 1e-40 && Math.abs(grad[1]!) < 1e-40);
  assert.ok(Math.abs(grad[2]! - 1) < 1e-12 && Math.abs(grad[3]! + 1) < 1e-12);
});

function gradCheck(loss: Loss, logits: boolean, rows: number, cols: number, targets: BatchTargets, probabilities = false): void {
  const out = randomBuffer(b, rows * cols, rows * 17 + cols, 2);
  if (probabilities) for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]!));
  // Keep the absolute error away from its kink at 0 and Huber's at delta.
  if (!probabilities) for (let i = 0; i < out.length; i++) if (targets.kind === 'dense' && Math.abs(Math.abs(out[i]! - targets.values[i]!) - 1) < 1e-3) out[i]! += 0.01;
  const f = (): number => loss.compute(b, out, logits, targets, rows, cols, null, 1) / rows;
  const grad = b.alloc(rows * cols);
  loss.compute(b, out, logits, targets, rows, cols, grad, 1 / rows);
  const err = maxRelativeError(grad, numericGradient(f, out));
  assert.ok(err < 1e-5, `${loss.name} ${rows} x ${cols}: relative error ${err}`);
}

for (const [rows, cols] of [[1, 1], [5, 1], [4, 3]] as const) {
  test(`value and binary loss gradients match float64 central differences (${rows} x ${cols})`, () => {
    const values = randomBuffer(b, rows * cols, 7 + rows, 3);
    const zeroOne = Float64Array.from({ length: rows * cols }, (_, i) => (i * 5 + rows) % 2);
    gradCheck(meanSquaredError(), false, rows, cols, { kind: 'dense', values });
    gradCheck(meanAbsoluteError(), false, rows, cols, { kind: 'dense', values });
    gradCheck(huber(), false, rows, cols, { kind: 'dense', values });
    gradCheck(huber({ delta: 0.5 }), false, rows, cols, { kind: 'dense', values });
    gradCheck(binaryCrossentropy(), true, rows, cols, { kind: 'dense', values: zeroOne });
    gradCheck(binaryCrossentropy({ labelSmoothing: 0.1 }), true, rows, cols, { kind: 'dense', values: zeroOne });
    gradCheck(binaryCrossentropy(), false, rows, cols, { kind: 'dense', values: zeroOne }, true);
  });
}

test('the losses agree with TensorFlow.js on the same numbers', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const rows = 6;
  const cols = 2;
  const y = Array.from(randomBuffer(b, rows * cols, 3, 3));
  const t = Array.from(randomBuffer(b, rows * cols, 4, 3));
  const yt = tf.tensor2d(y, [rows, cols]);
  const tt = tf.tensor2d(t, [rows, cols]);
  const near = (ours: number, theirs: number, what: string): void => assert.ok(Math.abs(ours - theirs) < 1e-5 * Math.max(1, Math.abs(theirs)), `${what}: ${ours} vs TF.js ${theirs}`);
  near(mean(meanSquaredError(), y, t, rows, cols), tf.metrics.meanSquaredError(tt, yt).mean().dataSync()[0], 'meanSquaredError');
  near(mean(meanAbsoluteError(), y, t, rows, cols), tf.metrics.meanAbsoluteError(tt, yt).mean().dataSync()[0], 'meanAbsoluteError');
  for (const delta of [1, 0.7]) near(mean(huber({ delta }), y, t, rows, cols), tf.losses.huberLoss(tt, yt, undefined, delta).dataSync()[0], `huber delta ${delta}`);
  const z = y.map((v) => v * 10);
  const labels = t.map((v) => (v > 0 ? 1 : 0));
  const zt = tf.tensor2d(z, [rows, cols]);
  const lt = tf.tensor2d(labels, [rows, cols]);
  for (const smoothing of [0, 0.1]) {
    near(mean(binaryCrossentropy({ fromLogits: true, labelSmoothing: smoothing }), z, labels, rows, cols, true), tf.losses.sigmoidCrossEntropy(lt, zt, undefined, smoothing).dataSync()[0], `binaryCrossentropy on logits, smoothing ${smoothing}`);
  }
  const p = y.map((v) => 1 / (1 + Math.exp(-v)));
  near(mean(binaryCrossentropy(), p, labels, rows, cols), tf.metrics.binaryCrossentropy(lt, tf.tensor2d(p, [rows, cols])).mean().dataSync()[0], 'binaryCrossentropy on probabilities');
});

test('losses are found by Keras spellings, know their task, and refuse label smoothing on a regression', () => {
  assert.equal(getLoss('mean_absolute_error').name, 'meanAbsoluteError');
  assert.equal(getLoss('mae').name, 'meanAbsoluteError');
  assert.equal(getLoss('binary_crossentropy').name, 'binaryCrossentropy');
  assert.deepEqual(getLoss('huber', { delta: 2 }).getConfig(), { delta: 2 });
  assert.equal(lossTask('huber'), 'regression');
  assert.equal(lossTask('binaryCrossentropy'), 'binary');
  assert.equal(lossTask('sparseCategoricalCrossentropy'), 'multiclass');
  assert.throws(() => getLoss('meanSquaredError', { labelSmoothing: 0.1 }), /^InvalidArgumentError: label smoothing applies to classification losses: it softens class targets, and meanSquaredError trains a regression, whose targets are values$|label smoothing applies to classification losses: it softens class targets, and meanSquaredError trains a regression, whose targets are values/);
  assert.throws(() => huber({ delta: 0 }), /delta must be a number > 0/);
});

test('binary cross-entropy refuses a third class, naming the row', () => {
  assert.throws(() => binaryCrossentropy().checkTargets!(Float64Array.from([0, 1, 2, 1]), 1, 'fit y'), /^.*fit y: row 2 must be a binary target in \[0, 1\] \(binaryCrossentropy takes two classes, 0 and 1; for more classes use sparseCategoricalCrossentropy\), received 2$/);
});
