import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetSpec } from './presets.js';
import { buildModel } from './model-spec.js';
import { sequential } from './sequential.js';
import { input } from '../layers/input.js';
import { conv2d } from '../layers/conv2d.js';
import { batchNormalization } from '../layers/batch-normalization.js';
import { relu } from '../layers/relu.js';
import { globalAveragePooling2d } from '../layers/global-average-pooling2d.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { InvalidArgumentError } from '../errors.js';

test("the convnet preset is Keras' simple MNIST convnet, and summary() prints Keras' table for it", () => {
  const model = buildModel(presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend: createRefBackend() });
  const rows = model.summary().split('\n').filter((l) => /\(None, /.test(l)).map((l) => l.trim().split(/\s{2,}/));
  assert.deepEqual(rows, [
    ['conv2d (Conv2D)', '(None, 26, 26, 32)', '320'],
    ['max_pooling2d (MaxPooling2D)', '(None, 13, 13, 32)', '0'],
    ['conv2d_1 (Conv2D)', '(None, 11, 11, 64)', '18496'],
    ['max_pooling2d_1 (MaxPooling2D)', '(None, 5, 5, 64)', '0'],
    ['flatten (Flatten)', '(None, 1600)', '0'],
    ['dropout (Dropout)', '(None, 1600)', '0'],
    ['dense (Dense)', '(None, 10)', '16010'],
  ]);
  assert.match(model.summary(), /Total params: 34,826\nTrainable params: 34,826\nNon-trainable params: 0/);
  assert.deepEqual(buildModel(presetSpec('convnet', { inputShape: [32, 32], classes: 3 })).outputShape, [3], 'images without channels get one');
  assert.throws(() => presetSpec('convnet', { inputShape: [784], classes: 10 }), (e: Error) => e instanceof InvalidArgumentError && /convnet input shape must be images \[height, width, channels\]/.test(e.message));
});

test('summary() counts batch norm moving statistics as non-trainable and keeps long names apart', () => {
  const model = sequential([input({ shape: [8, 8, 3] }), conv2d({ filters: 4, kernelSize: 3, padding: 'same' }), batchNormalization(), relu(), globalAveragePooling2d(), dense({ units: 2 })], { backend: createRefBackend() });
  const text = model.summary();
  assert.match(text, /Total params: 138\nTrainable params: 130\nNon-trainable params: 8/);
  assert.match(text, / global_average_pooling2d \(GlobalAveragePooling2D\) +\(None, 4\) +0/);
  assert.match(text, / batch_normalization \(BatchNormalization\) +\(None, 8, 8, 4\) +16/);
  const rows = text.split('\n').filter((l) => l.includes('(None'));
  assert.equal(new Set(rows.map((l) => l.indexOf('(None'))).size, 1, 'the shape column starts at one place on every row');
});

test('the convnet preset sizes its Flatten for any image size and channel count, and refuses images smaller than 10x10 in one line', () => {
  const spec = presetSpec('convnet', { inputShape: [32, 24, 3], classes: 5 });
  const model = buildModel(spec);
  assert.deepEqual(model.inputShape, [32, 24, 3]);
  assert.equal(model.layers.at(-1)!.outputShape.at(-1), 5);
  assert.doesNotThrow(() => buildModel(presetSpec('convnet', { inputShape: [10, 10, 1], classes: 2 })));
  assert.throws(() => presetSpec('convnet', { inputShape: [9, 12, 1], classes: 2 }), /^InvalidArgumentError: model: convnet input shape must be images of at least 10x10 pixels .*received \[9, 12, 1\]$/);
});
