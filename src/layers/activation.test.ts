import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Layer } from '../parts/layer.js';
import { activation } from './activation.js';
import { relu } from './relu.js';
import { leakyRelu } from './leaky-relu.js';
import { softmax } from './softmax.js';
import { backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import { layerFromConfig } from '../registry/lookup.js';

function built(layer: Layer, shape: number[]): Layer {
  layer.build(shape, { backend: backend64() });
  return layer;
}

test('activation layers match float64 central differences on images and vectors, batch 1 and 3', () => {
  const layers = (): Layer[] => [activation({ activation: 'tanh' }), activation({ activation: 'softmax' }), activation({ activation: 'selu' }), relu(), leakyRelu(), leakyRelu({ negativeSlope: 0.05 }), softmax()];
  for (const shape of [[3, 2, 4], [5]]) {
    for (const batch of [1, 3]) {
      for (const layer of layers()) {
        const errors = checkLayerGradients(built(layer, shape), batch, 9 * batch);
        assert.ok(errors.input! < 1e-5, `${layer.className} ${JSON.stringify(layer.getConfig())} [${shape}] batch ${batch}: relative error ${errors.input}`);
      }
    }
  }
});

test('leakyRelu is x above 0 and slope * x below (Keras default slope 0.3); softmax normalises the last axis', () => {
  const b = backend64();
  const x = b.alloc(4);
  x.set([-2, -0.5, 0, 3]);
  assert.deepEqual(Array.from(built(leakyRelu(), [4]).forward(x, 1, EVAL)).map((v) => Number(v.toFixed(12))), [-0.6, -0.15, 0, 3]);
  const s = built(softmax(), [2, 3, 2]);
  const input = b.alloc(12).map((_, i) => i % 5);
  const y = s.forward(input, 1, EVAL);
  for (let r = 0; r < 6; r++) assert.ok(Math.abs(y[2 * r]! + y[2 * r + 1]! - 1) < 1e-12, `pixel ${r} sums to 1 over its channels`);
});

test('activation layer configs round-trip', () => {
  for (const layer of [activation({ activation: 'elu', name: 'a' }), relu({ name: 'r' }), leakyRelu({ negativeSlope: 0.1, name: 'l' }), softmax({ name: 's' })]) {
    assert.deepEqual(layerFromConfig(layer.className, layer.getConfig()).getConfig(), layer.getConfig());
  }
});
