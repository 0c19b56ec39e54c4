/**
 * A model's task follows from its loss: a regression trains on a flat y and records its errors
 * (`mae`, `val_mae`, `r2`), never an accuracy; a binary model fuses its sigmoid, predicts
 * probabilities and records its accuracy and auc. Targets that cannot work are refused
 * before training, with the reason and the row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { tensor } from '../tensor/tensor.js';
import { disturbLabel } from '../augment/disturb-label.js';
import { mixup } from '../augment/mixup.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { adam } from '../optimizers/adam.js';

function table(n: number, seed: number): { x: number[][]; y: number[]; labels: number[] } {
  const rng = new Xoshiro128(seed);
  const x = Array.from({ length: n }, () => [rng.uniform() * 2 - 1, rng.uniform() * 2 - 1]);
  const y = x.map(([a, c]) => 3 * a! - 2 * c! + 0.5);
  return { x, y, labels: y.map((v) => (v > 0.5 ? 1 : 0)) };
}

test('a regression trains on a flat y and records its errors under Keras keys, never an accuracy', async () => {
  const { x, y } = table(64, 1);
  const model = sequential([input({ shape: [2] }), dense({ units: 1 })], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mae', 'rmse', 'r2'] });
  const history = await model.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.25, seed: 3 });
  assert.deepEqual(Object.keys(history.history), ['loss', 'mae', 'rmse', 'r2', 'val_loss', 'val_mae', 'val_rmse', 'val_r2']);
  const result = model.evaluate(x, y);
  assert.deepEqual(Object.keys(result), ['loss', 'mae', 'rmse', 'r2']);
  assert.ok(!Object.hasOwn(result, 'accuracy'));
  assert.ok(Math.abs(result['rmse']! ** 2 - result.loss) < 1e-4, 'rmse^2 is the mse loss');
  assert.deepEqual(model.predict(x).shape, [64, 1]);
});

test('a binary model fuses its sigmoid, predicts probabilities, and reports accuracy and auc', async () => {
  const { x, labels } = table(80, 2);
  const model = sequential([input({ shape: [2] }), dense({ units: 1, activation: 'sigmoid' })], { backend: createRefBackend() });
  model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy', 'auc'] });
  const history = await model.fit(x, labels, { epochs: 20, batchSize: 16, validationSplit: 0.25, seed: 4 });
  assert.deepEqual(Object.keys(history.history), ['loss', 'accuracy', 'auc', 'val_loss', 'val_accuracy', 'val_auc']);
  assert.equal(model.fusedActivation, 'sigmoid');
  const p = model.predict(x).data;
  assert.ok([...p].every((v) => v > 0 && v < 1), 'probabilities');
  const result = model.evaluate(x, labels);
  let right = 0;
  labels.forEach((l, i) => (right += (p[i]! > 0.5 ? 1 : 0) === l ? 1 : 0));
  assert.equal(result.accuracy, right / labels.length);
  assert.ok(result.accuracy > 0.85, `accuracy ${result.accuracy}`);
  assert.ok(result['auc']! > 0.95, `auc ${result['auc']}`);
});

test('bad targets are refused before training, with the reason and the row', async () => {
  const { x, y, labels } = table(8, 3);
  const regression = (): ReturnType<typeof sequential> => {
    const m = sequential([input({ shape: [2] }), dense({ units: 1 })], { backend: createRefBackend() });
    m.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['r2'] });
    return m;
  };
  await assert.rejects(regression().fit(x, y.map(() => 4)), /fit y: r2: the targets are constant \(all 4\)/);
  await assert.rejects(regression().fit(x, y.map((v, i) => (i === 5 ? NaN : v))), /fit y: row 5, column 0 must be a finite number, received NaN/);
  await assert.rejects(regression().fit(x, y, { augment: [disturbLabel({ alpha: 0.1 })] }), /disturbLabel: task must be classification: DisturbLabel replaces labels by random classes, and a regression target has no classes/);
  // Mixup mixes regression targets like the inputs (Zhang et al. 2018).
  await regression().fit(x, y, { augment: [mixup({ alpha: 0.2 })], seed: 1 });
  const mse = sequential([input({ shape: [2] }), dense({ units: 1 })], { backend: createRefBackend() });
  assert.throws(() => {
    mse.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
    mse.evaluate(x, y);
  }, /compile: metric 'accuracy' means nothing for a regression \(meanSquaredError on 1 output\): use mae, rmse, r2 or mse/);
  const binary = sequential([input({ shape: [2] }), dense({ units: 1, activation: 'sigmoid' })], { backend: createRefBackend() });
  binary.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['auc'] });
  await assert.rejects(binary.fit(x, labels.map((l, i) => (i === 6 ? 2 : l))), /fit y: row 6 must be a binary target in \[0, 1\]/);
  await assert.rejects(binary.fit(x, labels.map(() => 1)), /fit y: auc: every target is 1 \(8 samples\), so the ROC area is undefined/);
  assert.throws(() => binary.evaluate(x, labels.map(() => 0)), /evaluate y: auc: every target is 0/);
});

test('a flat y still needs one output: a 3-unit regression asks for rows', async () => {
  const model = sequential([input({ shape: [2] }), dense({ units: 3 })], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await assert.rejects(model.fit(tensor([[0, 1]]), tensor([1])), /this loss expects one row of 3 target values per sample/);
});
