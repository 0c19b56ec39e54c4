import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dense, dense } from './dense.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { activation } from './activation.js';
import { leakyRelu } from './leaky-relu.js';
import { rescaling } from './rescaling.js';
import { backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import type { Layer } from '../parts/layer.js';

/** One value through a built layer. */
function through(layer: Layer, x: number[]): number[] {
  layer.build([x.length], { backend: backend64() });
  return Array.from(layer.forward(Float64Array.from(x), 1, EVAL));
}

test('relu6 and softplus compute Keras values, in Dense and as an Activation layer', () => {
  const x = [-2, 0.5, 7, -40, 40];
  const softplus = x.map((v) => Math.log1p(Math.exp(v)));
  for (const [act, expected] of [['relu6', [0, 0.5, 6, 0, 6]], ['softplus', softplus]] as const) {
    const got = through(activation({ activation: act }), x);
    got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `${act}(${x[i]}) = ${v}, expected ${expected[i]}`));
  }
  assert.ok(Number.isNaN(through(activation({ activation: 'softplus' }), [NaN])[0]), 'NaN propagates');
  const leaky = through(leakyRelu(), [-2, 3]);
  assert.ok(Math.abs(leaky[0]! + 0.6) < 1e-15 && leaky[1] === 3, String(leaky));
  assert.deepEqual(through(rescaling({ scale: 0.5, offset: -1 }), [4, -2]), [1, -2]);
});

test('Activation, LeakyReLU, Rescaling and dense(relu6 / softplus) gradients match central differences in float64', () => {
  const layers: [string, () => Layer][] = [
    ...(['relu6', 'softplus', 'gelu', 'softmax', 'tanh'] as const).map((a): [string, () => Layer] => [`activation ${a}`, () => activation({ activation: a })]),
    ['leakyRelu', () => leakyRelu({ negativeSlope: 0.25 })],
    ['rescaling', () => rescaling({ scale: -1.5, offset: 2 })],
    ['dense relu6', () => dense({ units: 3, activation: 'relu6' })],
    ['dense softplus', () => dense({ units: 3, activation: 'softplus' })],
  ];
  for (const [name, make] of layers) {
    const layer = make();
    layer.build([5], { backend: backend64() });
    if (layer instanceof Dense) {
      layer.initializeWeights(new Xoshiro128(3));
      // Weights large enough that relu6's outputs reach past 6 (inputs are in [-1, 1]).
      layer.kernel.value.forEach((v, i, w) => (w[i] = 12 * v));
    }
    const errors = checkLayerGradients(layer, 4, 7);
    const tolerance = name.includes('gelu') ? 5e-5 : 1e-7;
    for (const [what, err] of Object.entries(errors)) assert.ok(err < tolerance, `${name} ${what}: ${err}`);
  }
});
