import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyNoiseSpecs } from './apply.js';
import { TECHNIQUES } from './catalogue.js';
import { presetSpec } from '../models/presets.js';
import { buildModel } from '../models/model-spec.js';
import { buildRun } from '../run/build-run.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { ModelSpecError } from '../models/model-spec.js';
import { Tensor } from '../tensor/tensor.js';
import type { ModelSpec } from '../models/model-spec.js';

const convnet = presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 });

test('on the convnet, @hidden counts its conv layers and layer noise goes after each conv block (after the pooling)', () => {
  const plan = applyNoiseSpecs(['dropout:rate=0.25@hidden', 'spatial-dropout:rate=0.2', 'weight:stddev=0.01@hidden', 'dropconnect:rate=0.3@2', 'gaussian:stddev=0.1'], convnet);
  assert.deepEqual(plan.model.layers.map((l) => l.className), [
    'InputLayer', 'GaussianNoise', 'Conv2D', 'MaxPooling2D', 'Dropout', 'SpatialDropout2D', 'Conv2D', 'MaxPooling2D', 'Dropout', 'SpatialDropout2D', 'Flatten', 'Dropout', 'Dense',
  ]);
  const kernels = plan.model.layers.filter((l) => l.className === 'Conv2D' || l.className === 'Dense');
  assert.deepEqual(kernels.map((k) => [k.config['weightNoise'], k.config['dropConnect']]), [[{ stddev: 0.01 }, undefined], [{ stddev: 0.01 }, { rate: 0.3 }], [undefined, undefined]]);
  const one = applyNoiseSpecs(['dropblock:blockSize=3,keepProb=0.9@1'], convnet);
  assert.deepEqual(one.model.layers.slice(1, 5).map((l) => l.className), ['Conv2D', 'MaxPooling2D', 'DropBlock2D', 'Conv2D']);
  assert.equal(buildModel(one.model).layers.length, 9);
});

test('every technique builds on a conv model and trains a step; feature-map noise on vectors is refused before training', async () => {
  const small: ModelSpec = {
    layers: [
      { className: 'InputLayer', config: { shape: [8, 8, 1] } },
      { className: 'Conv2D', config: { filters: 3, kernelSize: 3, activation: 'relu' } },
      { className: 'BatchNormalization', config: {} },
      { className: 'Conv2D', config: { filters: 3, kernelSize: 3, activation: 'relu' } },
      { className: 'AveragePooling2D', config: {} },
      { className: 'Flatten', config: {} },
      { className: 'Dense', config: { units: 3, activation: 'softmax' } },
    ],
  };
  const x = new Tensor(Float32Array.from({ length: 6 * 64 }, (_, i) => (i % 5) / 5), [6, 8, 8, 1]);
  for (const t of TECHNIQUES) {
    // Branch techniques act on residual blocks: a resnet instead.
    const { model, fitOptions } = buildRun({ model: t.kind === 'branch' ? presetSpec('resnet', { inputShape: [8, 8, 1], classes: 3 }) : small, hidden: [], activation: 'relu', noise: [t.example], optimizer: 'adam', lr: 0.01, momentum: 0 }, { inputShape: [8, 8, 1], classes: 3, imageShape: [8, 8] }, { backend: createRefBackend() });
    const h = await model.fit(x, [0, 1, 2, 0, 1, 2], { epochs: 2, batchSize: 3, seed: 2, ...fitOptions });
    assert.ok(h.history.loss!.every(Number.isFinite), t.name);
  }
  const mlp = presetSpec('mlp', { inputShape: [28, 28, 1], classes: 10 });
  for (const t of TECHNIQUES.filter((d) => d.definition.featureMaps)) {
    const plan = applyNoiseSpecs([t.example], mlp);
    assert.throws(() => buildModel(plan.model, {}, 'mlp'), (e: Error) => e instanceof ModelSpecError && /^mlp: layers\[2\]: .* expected images \[height, width, channels\] \(rank 3, without batch\), received shape \[128\]/.test(e.message), t.name);
  }
});
