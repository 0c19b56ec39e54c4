import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from './build-model.js';

test("the default model is the article's: noise, 128 relu, 64 relu, 10 softmax", () => {
  const model = buildModel({ inputSize: 784, classes: 10, hidden: [128, 64], activation: 'relu', noiseStddev: 0.1 });
  assert.deepEqual(model.getConfig().layers.map((l) => [l.className, l.config['units'] ?? l.config['stddev'] ?? l.config['shape'], l.config['activation']]), [
    ['InputLayer', [784], undefined],
    ['GaussianNoise', 0.1, undefined],
    ['Dense', 128, 'relu'],
    ['Dense', 64, 'relu'],
    ['Dense', 10, 'softmax'],
  ]);
  assert.equal(model.params().reduce((n, p) => n + p.value.length, 0), 109_386);
});

test('noise 0 adds no noise layer; no hidden layers is a softmax regression', () => {
  const model = buildModel({ inputSize: 4, classes: 3, hidden: [], activation: 'tanh', noiseStddev: 0 });
  assert.deepEqual(model.layers.map((l) => l.className), ['InputLayer', 'Dense']);
  assert.deepEqual(model.outputShape, [3]);
});
