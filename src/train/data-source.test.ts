import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureSource } from './data-source.js';
import { Tensor } from '../tensor/tensor.js';
import { imagesOf } from '../data/split-tensors.js';
import { ShapeError } from '../errors.js';

const split = { images: new Uint8Array(3 * 28 * 28), labels: new Uint8Array(3), count: 3, height: 28, width: 28 };

test('image datasets keep their geometry: [count, height, width, 1] bytes feed a conv input and an MLP of 784 values alike', () => {
  const images = imagesOf(split);
  assert.deepEqual(images.shape, [3, 28, 28, 1]);
  assert.equal(images.sampleSize, 784);
  for (const shape of [[28, 28, 1], [784], [28, 28]]) assert.equal(new FeatureSource(images, shape).count, 3, `[${shape}]`);
  const rows = new Tensor(new Float32Array(3 * 784), [3, 784]);
  assert.equal(new FeatureSource(rows, [28, 28, 1]).count, 3, '784-value rows feed [28, 28, 1]');
});

test('images fed to a model whose input has another geometry or size are refused in one line', () => {
  const images = imagesOf(split);
  assert.throws(() => new FeatureSource(images, [14, 56, 1]), (e: Error) => e instanceof ShapeError && e.message === 'x: samples of shape [28, 28, 1] do not fit the model\'s input shape [14, 56, 1]: the same 784 values in another geometry');
  assert.throws(() => new FeatureSource(images, [32, 32, 3], 'validation x'), /^ShapeError: validation x: samples of shape \[28, 28, 1\] \(784 values\) do not fit the model's input of 3072 values \(shape \[32, 32, 3\]\)$/);
});
