import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeModel } from './describe-model.js';
import { presetSpec } from '../models/presets.js';

test('describeModel names the mlp by its hidden layers, other presets by name, and specs by their layer classes', () => {
  assert.equal(describeModel({ model: 'mlp', hidden: [128, 64], activation: 'relu' }), 'mlp 128,64 relu');
  assert.equal(describeModel({ model: 'mlp', hidden: [], activation: 'relu' }), 'mlp, no hidden layer (softmax regression)');
  assert.equal(describeModel({ model: 'convnet', hidden: [128, 64], activation: 'relu' }), 'convnet');
  const spec = presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 });
  assert.equal(describeModel({ model: spec, hidden: [128, 64], activation: 'relu' }), 'spec: InputLayer, Conv2D, MaxPooling2D, Conv2D, MaxPooling2D, Flatten, Dropout, Dense');
});
