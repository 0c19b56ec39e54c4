import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchNormalization, type BatchNormalization } from './batch-normalization.js';
import { TRAIN, backend64, checkLayerGradients, randomBuffer } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import { layerFromConfig } from '../registry/lookup.js';
import { InvalidArgumentError } from '../errors.js';

function built(shape: number[], options = {}): BatchNormalization {
  const layer = batchNormalization({ ...options, name: 'bn' });
  layer.build(shape, { backend: backend64() });
  // Away from the initial gamma 1, beta 0, so that their gradients are tested in general.
  layer.gamma?.value.forEach((_, i, g) => (g[i] = 0.5 + 0.25 * i));
  layer.beta?.value.forEach((_, i, b) => (b[i] = 0.1 * i - 0.2));
  return layer;
}

test('batchNormalization gradients in training (batch statistics) match float64 central differences', () => {
  for (const [shape, batch, options] of [[[3, 4, 2], 2, {}], [[5], 7, {}], [[2, 3, 3], 1, { center: false }], [[4, 2, 1], 3, { scale: false, epsilon: 0.1 }]] as const) {
    const errors = checkLayerGradients(built([...shape], options), batch, 5 * batch);
    for (const [name, err] of Object.entries(errors)) assert.ok(err < 1e-6, `[${shape}] batch ${batch} ${JSON.stringify(options)} ${name}: relative error ${err}`);
  }
});

test('batchNormalization trains on batch statistics, moves its statistics by Keras formula, and infers with the moving ones', () => {
  const layer = built([2, 2, 3], { momentum: 0.9, epsilon: 0.01 });
  const b = backend64();
  const x = randomBuffer(b, 4 * 12, 3, 2);
  const rows = 4 * 4;
  const mean = [0, 1, 2].map((j) => Array.from({ length: rows }, (_, r) => x[r * 3 + j]!).reduce((s, v) => s + v, 0) / rows);
  const variance = [0, 1, 2].map((j) => Array.from({ length: rows }, (_, r) => (x[r * 3 + j]! - mean[j]!) ** 2).reduce((s, v) => s + v, 0) / rows);
  const y = Array.from(layer.forward(x, 4, TRAIN));
  y.forEach((v, i) => {
    const j = i % 3;
    const expected = layer.gamma!.value[j]! * (x[i]! - mean[j]!) / Math.sqrt(variance[j]! + 0.01) + layer.beta!.value[j]!;
    assert.ok(Math.abs(v - expected) < 1e-12, `training output ${i}`);
  });
  // moving = momentum * moving + (1 - momentum) * batch, from mean 0 and variance 1; the biased variance, as Keras 3.
  [0, 1, 2].forEach((j) => {
    assert.ok(Math.abs(layer.movingMean.value[j]! - 0.1 * mean[j]!) < 1e-12);
    assert.ok(Math.abs(layer.movingVariance.value[j]! - (0.9 + 0.1 * variance[j]!)) < 1e-12);
  });
  const inferred = Array.from(layer.forward(x, 4, EVAL));
  inferred.forEach((v, i) => {
    const j = i % 3;
    const expected = layer.gamma!.value[j]! * (x[i]! - layer.movingMean.value[j]!) / Math.sqrt(layer.movingVariance.value[j]! + 0.01) + layer.beta!.value[j]!;
    assert.ok(Math.abs(v - expected) < 1e-12, `inference output ${i}`);
  });
  assert.deepEqual(layer.weights().map((w) => w.name), ['bn/gamma', 'bn/beta', 'bn/moving_mean', 'bn/moving_variance']);
  assert.deepEqual(layer.params().map((w) => w.name), ['bn/gamma', 'bn/beta']);
  assert.equal(layer.countParams(), 12);
  assert.equal(layer.countTrainableParams(), 6);
});

test('batchNormalization defaults are Keras: momentum 0.99, epsilon 1e-3; bad options are refused; config round-trips', () => {
  const layer = batchNormalization({ name: 'n' });
  assert.deepEqual(layer.getConfig(), { name: 'n', momentum: 0.99, epsilon: 1e-3, center: true, scale: true });
  assert.deepEqual(layerFromConfig('BatchNormalization', layer.getConfig()).getConfig(), layer.getConfig());
  assert.throws(() => batchNormalization({ momentum: 1.5 }), (e: Error) => e instanceof InvalidArgumentError && /batchNormalization: momentum must be a number >= 0 and <= 1, received 1.5/.test(e.message));
  assert.throws(() => batchNormalization({ epsilon: 0 }), /epsilon must be a number > 0/);
});
