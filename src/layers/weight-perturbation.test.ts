import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dense, type Dense, type DenseOptions } from './dense.js';
import { layerFromConfig } from '../registry/lookup.js';
import { sgd } from '../optimizers/sgd.js';
import { TRAIN, backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { EVAL, fractionEqual, moments } from '../testing/noise-harness.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import type { Activation } from '../kernels/backend.js';

function built(inputs: number, options: Omit<DenseOptions, 'units'> & { units?: number }, seed = 1): Dense {
  const layer = dense({ units: 6, ...options, name: 'd' });
  layer.build([inputs], { backend: backend64() });
  layer.initializeWeights(new Xoshiro128(seed));
  layer.bias?.value.forEach((_, i, b) => (b[i] = 0.1 * ((i % 3) - 1)));
  layer.seedRandom(seed);
  return layer;
}

/** The effective kernel and bias of one forward pass: with x = I and a linear activation, row i of y is W'[i] + b'. */
function effective(layer: Dense, ctx = TRAIN): Float64Array {
  const n = layer.inputSize;
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) x[i * n + i] = 1;
  return Float64Array.from(layer.forward(x, n, ctx));
}

const ACTS: Activation[] = ['selu', 'elu', 'leakyRelu', 'gelu', 'relu', 'tanh', 'softmax'];

for (const activation of ACTS) {
  test(`dense(${activation}) with weight noise and DropConnect: gradients with fixed draws match central differences`, () => {
    for (const [batch, inputs] of [[1, 4], [5, 3]] as const) {
      const layer = built(inputs, { activation, weightNoise: { stddev: 0.3 }, dropConnect: { rate: 0.3 } }, batch);
      const errors = checkLayerGradients(layer, batch, 3 * batch, TRAIN, () => layer.seedRandom(11));
      // The reference GELU's erf approximation (1.5e-7 absolute) caps agreement near 1e-5 (see activations.test.ts).
      const tolerance = activation === 'gelu' ? 5e-5 : 1e-7;
      for (const [name, err] of Object.entries(errors)) assert.ok(err < tolerance, `${activation} batch ${batch} ${name}: relative error ${err}`);
    }
  });
}

test('weight noise: forward and backward use W + e with e ~ N(0, s^2) per batch; the update goes to the clean W', () => {
  const inputs = 160;
  const layer = built(inputs, { units: 250, activation: 'linear', weightNoise: { stddev: 0.05 } });
  const clean = Float64Array.from(layer.kernel.value);
  const y = effective(layer);
  const e = y.map((v, i) => v - clean[i]! - layer.bias!.value[i % 250]!);
  const { mean, variance } = moments(e);
  // 4e4 draws: standard error of the mean 0.05 / sqrt(4e4) = 2.5e-4, of the variance
  // 0.0025 * sqrt(2 / 4e4) = 1.8e-5. Bounds at 5 of them.
  assert.ok(Math.abs(mean) < 5 * 2.5e-4, `mean ${mean}`);
  assert.ok(Math.abs(variance - 0.0025) < 5 * 1.8e-5, `variance ${variance}`);
  // Backward: dx = dy W'^T with the same noisy W'; the kernel gradient is x^T dy = dy.
  const dy = Float64Array.from({ length: inputs * 250 }, (_, i) => ((i * 7) % 5) - 2);
  const dx = layer.backward(Float64Array.from(dy), inputs, true)!;
  for (const [r, i] of [[0, 0], [3, 17], [159, 159]] as const) {
    let s = 0;
    for (let j = 0; j < 250; j++) s += dy[r * 250 + j]! * (y[i * 250 + j]! - layer.bias!.value[j]!);
    assert.ok(Math.abs(dx[r * inputs + i]! - s) < 1e-9);
  }
  sgd({ learningRate: 0.1 }).apply(layer.params(), backend64());
  for (let i = 0; i < clean.length; i += 97) assert.ok(Math.abs(layer.kernel.value[i]! - (clean[i]! - 0.1 * dy[i]!)) < 1e-12);
  const small = built(5, { weightNoise: { stddev: 0.1 } });
  assert.notDeepEqual(effective(small), effective(small, { ...TRAIN, step: 1 }), 'each step draws new noise');
  assert.deepEqual(effective(small), effective(small), 'the same step draws the same noise');
  const b = small.bias!.value;
  assert.ok(effective(small, EVAL).every((v, i) => Math.abs(v - b[i % 6]! - small.kernel.value[i]!) < 1e-15), 'inference uses the clean W');
});

test('DropConnect drops a fraction p of weights and biases in training and uses (1 - p) W, (1 - p) b at inference', () => {
  const layer = built(300, { units: 300, activation: 'linear', useBias: false, dropConnect: { rate: 0.4 } });
  const y = effective(layer);
  // 9e4 Bernoulli(0.4) draws: standard error sqrt(0.24 / 9e4) = 1.6e-3; bound at 5 of them.
  assert.ok(Math.abs(fractionEqual(y, 0) - 0.4) < 5 * 1.7e-3);
  const w = layer.kernel.value;
  assert.ok(y.every((v, i) => v === 0 || v === w[i]));
  const inference = effective(layer, EVAL);
  assert.ok(inference.every((v, i) => Math.abs(v - 0.6 * w[i]!) < 1e-15));
  const withBias = built(3, { units: 1000, activation: 'linear', dropConnect: { rate: 0.5 } });
  withBias.bias!.value.fill(1);
  const out = withBias.forward(new Float64Array(3), 1, TRAIN);
  // Biases masked too (Wan et al. 2013): 1000 draws, standard error 0.016.
  assert.ok(Math.abs(fractionEqual(out, 0) - 0.5) < 5 * 0.016);
  assert.ok(withBias.forward(new Float64Array(3), 1, EVAL).every((v) => v === 0.5));
});

test('dense keeps weightNoise and dropConnect in its config, and validates them', () => {
  const layer = dense({ units: 3, weightNoise: { stddev: { from: 0.1, to: 0 } }, dropConnect: { rate: 0.5 }, name: 'w' });
  const again = layerFromConfig('Dense', layer.getConfig());
  assert.deepEqual(again.getConfig(), layer.getConfig());
  assert.deepEqual(layer.getConfig()['dropConnect'], { rate: 0.5 });
  assert.deepEqual(layer.getConfig()['weightNoise'], { stddev: { from: 0.1, to: 0, schedule: 'linear', per: 'step' } });
  assert.equal('weightNoise' in dense({ units: 3 }).getConfig(), false);
  assert.throws(() => dense({ units: 3, weightNoise: { stddev: -1 } }), /dense: weightNoise.stddev must be a number >= 0, received -1/);
  assert.throws(() => dense({ units: 3, dropConnect: { rate: 1 } }), /dense: dropConnect.rate must be a number >= 0 and < 1, received 1/);
  assert.throws(() => dense({ units: 3, weightNoise: 0.1 as never }), /dense: weightNoise must be an object \{ stddev \}, received 0.1/);
});

test('weight noise draws are reproduced by the seed', () => {
  const opts = { units: 20, weightNoise: { stddev: 0.1 }, dropConnect: { rate: 0.2 } };
  assert.deepEqual(effective(built(10, opts, 4)), effective(built(10, opts, 4)));
  assert.notDeepEqual(effective(built(10, opts, 4)), effective(built(10, { ...opts }, 5)));
});
