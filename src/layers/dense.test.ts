import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Dense, dense } from './dense.js';
import { ACTIVATIONS } from '../kernels/backend.js';
import { backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { layerFromConfig } from '../registry/lookup.js';
import { InvalidArgumentError } from '../errors.js';

function built(units: number, inputs: number, activation: (typeof ACTIVATIONS)[number], seed: number): Dense {
  const layer = dense({ units, activation, name: 'd' });
  layer.build([inputs], { backend: backend64() });
  layer.initializeWeights(new Xoshiro128(seed));
  const bias = layer.bias!.value;
  for (let i = 0; i < bias.length; i++) bias[i] = 0.1 * (i % 3) - 0.1;
  return layer;
}

for (const activation of ACTIVATIONS) {
  test(`dense(${activation}) gradients match central differences for batches of 1, 3 and 7`, () => {
    for (const [batch, inputs, units] of [[1, 4, 3], [3, 5, 2], [7, 3, 5]] as const) {
      const errors = checkLayerGradients(built(units, inputs, activation, batch), batch, 10 * batch);
      for (const [name, err] of Object.entries(errors)) assert.ok(err < 1e-5, `${activation} batch ${batch} ${name}: relative error ${err}`);
    }
  });
}

test('dense kernels start Glorot-uniform within sqrt(6 / (fanIn + fanOut)) and biases at zero', () => {
  const layer = dense({ units: 64 });
  layer.build([128], { backend: backend64() });
  layer.initializeWeights(new Xoshiro128(3));
  const limit = Math.sqrt(6 / (128 + 64));
  const w = layer.kernel.value;
  assert.ok(w.every((v) => Math.abs(v) <= limit));
  let variance = 0;
  for (const v of w) variance += (v * v) / w.length;
  // Uniform(-l, l) has variance l^2 / 3; 8192 draws put the estimate within a few percent.
  assert.ok(Math.abs(variance / (limit * limit / 3) - 1) < 0.05, `variance ${variance}`);
  assert.ok(layer.bias!.value.every((v) => v === 0));
});

test('dense config round-trips through the layer registry', () => {
  const layer = dense({ units: 7, activation: 'tanh', useBias: false, name: 'x' });
  const again = layerFromConfig('Dense', layer.getConfig());
  assert.deepEqual(again.getConfig(), layer.getConfig());
});

test('dense rejects bad options with one-line messages', () => {
  assert.throws(() => dense({ units: 0 }), (e: Error) => e instanceof InvalidArgumentError && /units must be an integer >= 1, received 0/.test(e.message));
  assert.throws(() => dense({ units: 3, activation: 'swish' as never }), /activation must be one of/);
});

test('an L2 kernel regulariser adds l2 * sum(W^2) to the loss and 2 * l2 * W to the kernel gradient', () => {
  const plain = built(3, 4, 'tanh', 9);
  const decayed = dense({ units: 3, activation: 'tanh', name: 'd', kernelRegularizer: { l2: 0.05 } });
  decayed.build([4], { backend: backend64() });
  decayed.kernel.value.set(plain.kernel.value);
  decayed.bias!.value.set(plain.bias!.value);
  const x = Float64Array.from({ length: 8 }, (_, i) => Math.sin(i));
  const dy = () => Float64Array.from({ length: 6 }, (_, i) => Math.cos(i));
  for (const layer of [plain, decayed]) {
    layer.forward(x, 2, { training: true, step: 0, epoch: 0 });
    layer.backward(dy(), 2, false);
  }
  let sumSq = 0;
  plain.kernel.value.forEach((w, i) => {
    sumSq += w * w;
    assert.ok(Math.abs(decayed.kernel.grad[i]! - plain.kernel.grad[i]! - 2 * 0.05 * w) < 1e-12);
  });
  assert.ok(Math.abs(decayed.regularizationLoss() - 0.05 * sumSq) < 1e-12);
  assert.equal(plain.regularizationLoss(), 0);
  assert.deepEqual(layerFromConfig('Dense', decayed.getConfig()).getConfig(), decayed.getConfig());
  assert.throws(() => dense({ units: 2, kernelRegularizer: { l2: -1 } }), /kernelRegularizer.l2 must be a number >= 0, received -1/);
});
