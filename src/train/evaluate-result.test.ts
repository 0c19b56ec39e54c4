/**
 * `evaluate` returns `{ loss, accuracy }` with both typed `number`: `model.evaluate(x, y).accuracy`
 * needs no `!` (this file does not compile otherwise), and accuracy is the fraction of samples
 * whose largest output is their class.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { tensor } from '../tensor/tensor.js';

test('evaluate(...).accuracy is a number, compiled in or not', () => {
  const model = sequential([input({ shape: [2] }), dense({ units: 2, activation: 'softmax' })], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  model.setWeights([new Float32Array([1, 0, 0, 1]), new Float32Array([0, 0])]);
  const x = tensor([[1, 0], [0, 1], [1, 0], [0, 2]]);
  const y = tensor([0, 1, 1, 1]);
  const accuracy: number = model.evaluate(x, y).accuracy;
  assert.equal(accuracy, 0.75);
  const plain = sequential([input({ shape: [2] }), dense({ units: 2, activation: 'softmax' })], { backend: createRefBackend() });
  plain.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  plain.setWeights([new Float32Array([1, 0, 0, 1]), new Float32Array([0, 0])]);
  const result: { loss: number; accuracy: number } = plain.evaluate(x, y);
  assert.equal(result.accuracy, 0.75);
  assert.ok(Math.abs(result.loss - model.evaluate(x, y).loss) < 1e-12);
});
