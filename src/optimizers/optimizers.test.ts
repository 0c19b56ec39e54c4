import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adam } from './adam.js';
import { sgd } from './sgd.js';
import { getOptimizer } from '../registry/lookup.js';
import type { Param } from '../parts/layer.js';
import { backend64 } from '../testing/gradcheck.js';

const b = backend64();

function param(values: number[], grads: number[]): Param {
  return { name: 'w', shape: [values.length], value: Float64Array.from(values), grad: Float64Array.from(grads) };
}

test('one Adam step matches the value worked out by hand', () => {
  // Step 1: m = 0.1 g, v = 0.001 g^2, lr_t = 0.001 * sqrt(0.001) / 0.1 = 0.000316227766;
  // w -= lr_t * m / (sqrt(v) + 1e-7). For g = 0.5: m = 0.05, sqrt(v) = 0.0158113883,
  // step = 0.000316227766 * 0.05 / 0.0158114883 = 0.00099999368.
  const p = param([1, -2], [0.5, 0]);
  adam().apply([p], b);
  assert.ok(Math.abs(p.value[0]! - (1 - 0.00099999368)) < 1e-10, String(p.value[0]));
  assert.equal(p.value[1], -2);
  // Step 2 with g = -1: m = 0.9*0.05 - 0.1 = -0.055; v = 0.999*0.00025 + 0.001 = 0.00124975;
  // lr_t = 0.001 * sqrt(1 - 0.999^2) / (1 - 0.81) = 0.000235330; step = lr_t * -0.055 / (0.0353518 + 1e-7).
  const opt = adam();
  const q = param([1], [0.5]);
  opt.apply([q], b);
  q.grad[0] = -1;
  opt.apply([q], b);
  const lrT = (0.001 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
  const expected = 1 - 0.00099999368 - (lrT * -0.055) / (Math.sqrt(0.00124975) + 1e-7);
  assert.ok(Math.abs(q.value[0]! - expected) < 1e-9, `${q.value[0]} vs ${expected}`);
});

test('SGD with momentum matches Keras update rule by hand', () => {
  const opt = sgd({ learningRate: 0.1, momentum: 0.9 });
  const p = param([1], [2]);
  opt.apply([p], b); // v = -0.2, w = 0.8
  assert.ok(Math.abs(p.value[0]! - 0.8) < 1e-12);
  p.grad[0] = 1;
  opt.apply([p], b); // v = 0.9 * -0.2 - 0.1 = -0.28, w = 0.52
  assert.ok(Math.abs(p.value[0]! - 0.52) < 1e-12);
  const nesterov = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
  const q = param([1], [2]);
  nesterov.apply([q], b); // v = -0.2, w += 0.9 * -0.2 - 0.2 = -0.38
  assert.ok(Math.abs(q.value[0]! - 0.62) < 1e-12);
  const plain = sgd({ learningRate: 0.5 });
  const r = param([1], [2]);
  plain.apply([r], b);
  assert.equal(r.value[0], 0);
});

test('optimizers validate their options and are found by name', () => {
  assert.throws(() => adam({ learningRate: -1 }), /adam: learningRate must be a number > 0, received -1/);
  assert.throws(() => sgd({ momentum: 1 }), /sgd: momentum must be a number >= 0 and < 1, received 1/);
  assert.equal(getOptimizer('adam').className, 'Adam');
  assert.deepEqual(adam().getConfig(), { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  assert.throws(() => getOptimizer('adagrad'), /unknown optimizer 'adagrad'; known: adam, sgd, rmsprop, adamw, gradientNoise/);
});
