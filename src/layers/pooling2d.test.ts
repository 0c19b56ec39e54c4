import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Layer } from '../parts/layer.js';
import { maxPooling2d } from './max-pooling2d.js';
import { averagePooling2d } from './average-pooling2d.js';
import { globalAveragePooling2d } from './global-average-pooling2d.js';
import type { Pooling2DOptions } from './pooling2d.js';
import { backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import { layerFromConfig } from '../registry/lookup.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';

const CASES: [Pooling2DOptions, number[], number][] = [
  [{}, [6, 6, 2], 1],
  [{}, [7, 5, 3], 2],
  [{ poolSize: 3, strides: 2, padding: 'same' }, [7, 9, 2], 2],
  [{ poolSize: [2, 3], strides: 1 }, [4, 5, 1], 3],
  [{ poolSize: 3, strides: [2, 1], padding: 'same' }, [5, 4, 2], 1],
];

function built(layer: Layer, shape: number[]): Layer {
  layer.build(shape, { backend: backend64() });
  return layer;
}

test('maxPooling2d and averagePooling2d gradients match float64 central differences: odd sizes, overlapping windows, same padding, batch 1', () => {
  for (const [options, shape, batch] of CASES) {
    for (const make of [maxPooling2d, averagePooling2d]) {
      const layer = built(make(options), shape);
      // Average pooling is linear: a large step leaves only rounding. Random inputs have no
      // ties, so max pooling is linear around them, but only for steps below their gaps.
      const linear = layer.className === 'AveragePooling2D';
      const errors = checkLayerGradients(layer, batch, 3 * batch, undefined, undefined, linear ? 1e-3 : 1e-6);
      assert.ok(errors.input! < (linear ? 1e-9 : 1e-6), `${layer.className} ${JSON.stringify(options)} [${shape}] batch ${batch}: relative error ${errors.input}`);
    }
  }
});

test('pooling output shapes follow Keras: strides default to the pool size, same gives ceil(size / stride)', () => {
  assert.deepEqual(maxPooling2d().computeOutputShape([26, 26, 32]), [13, 13, 32]);
  assert.deepEqual(maxPooling2d().computeOutputShape([11, 11, 64]), [5, 5, 64]);
  assert.deepEqual(averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }).computeOutputShape([7, 8, 3]), [4, 4, 3]);
  assert.deepEqual(maxPooling2d({ poolSize: 2, strides: 1 }).computeOutputShape([3, 5, 1]), [2, 4, 1]);
  assert.deepEqual(globalAveragePooling2d().computeOutputShape([5, 7, 9]), [9]);
});

test('average pooling with same padding divides by the pixels inside the image; max pooling takes the maximum', () => {
  const avg = built(averagePooling2d({ poolSize: 2, padding: 'same' }), [3, 3, 1]);
  const x = backend64().alloc(9).map((_, i) => i + 1); // 1..9, row-major
  assert.deepEqual(Array.from(avg.forward(x, 1, EVAL)), [(1 + 2 + 4 + 5) / 4, (3 + 6) / 2, (7 + 8) / 2, 9]);
  const max = built(maxPooling2d({ poolSize: 2, padding: 'same' }), [3, 3, 1]);
  assert.deepEqual(Array.from(max.forward(x, 1, EVAL)), [5, 6, 8, 9]);
});

test('globalAveragePooling2d is the mean of each channel, and its gradient spreads evenly', () => {
  const layer = built(globalAveragePooling2d(), [2, 3, 2]);
  const x = backend64().alloc(12).map((_, i) => i);
  assert.deepEqual(Array.from(layer.forward(x, 1, EVAL)), [5, 6]);
  for (const batch of [1, 3]) {
    const l = built(globalAveragePooling2d(), [3, 5, 4]);
    assert.ok(checkLayerGradients(l, batch, batch).input! < 1e-8);
  }
});

test('pooling refuses bad sizes and windows larger than the image', () => {
  assert.throws(() => maxPooling2d({ poolSize: 0 }), (e: Error) => e instanceof InvalidArgumentError && /maxPooling2d: poolSize must be a positive integer or a pair of them \[height, width\], received 0/.test(e.message));
  assert.throws(() => averagePooling2d({ strides: [2, 0] }), /averagePooling2d: strides must be a positive integer or a pair/);
  assert.throws(() => built(maxPooling2d({ poolSize: 4 }), [3, 8, 1]), (e: Error) => e instanceof ShapeError && /a 4x4 window needs images of at least 4x4 pixels with padding 'valid', received shape \[3, 8, 1\]/.test(e.message));
  assert.throws(() => built(globalAveragePooling2d(), [10]), /expected images \[height, width, channels\]/);
});

test('pooling configs round-trip; strides stay unset when they default to the pool size', () => {
  for (const layer of [maxPooling2d({ poolSize: 3, name: 'p' }), averagePooling2d({ poolSize: [2, 3], strides: 1, padding: 'same', name: 'q' }), globalAveragePooling2d({ name: 'g' })]) {
    assert.deepEqual(layerFromConfig(layer.className, layer.getConfig()).getConfig(), layer.getConfig());
  }
  assert.deepEqual(maxPooling2d({ poolSize: 3, name: 'p' }).getConfig(), { name: 'p', poolSize: [3, 3], padding: 'valid' });
});
