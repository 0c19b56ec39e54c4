/** A convolutional model on the wasm backend: the same seed gives the same history and weights on 1, 2 and 3 threads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmBackend } from './wasm-backend.js';
import { nodeWasmPlatform } from './node/platform.js';
import { buildRun } from '../../run/build-run.js';
import { Tensor } from '../../tensor/tensor.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import type { ModelSpec } from '../../models/model-spec.js';

const SPEC: ModelSpec = {
  layers: [
    { className: 'InputLayer', config: { shape: [12, 12, 1] } },
    { className: 'Conv2D', config: { filters: 8, kernelSize: 3, activation: 'relu', padding: 'same' } },
    { className: 'BatchNormalization', config: { momentum: 0.9 } },
    { className: 'MaxPooling2D', config: {} },
    { className: 'Conv2D', config: { filters: 16, kernelSize: 3, activation: 'relu' } },
    { className: 'MaxPooling2D', config: {} },
    { className: 'Flatten', config: {} },
    { className: 'Dense', config: { units: 32, activation: 'relu' } },
    { className: 'Dense', config: { units: 4, activation: 'softmax' } },
  ],
};

/** Blurry quadrant images: the class is the bright quadrant. */
function data(count: number, seed: number): [Tensor, Tensor] {
  const g = new Xoshiro128(seed);
  const x = new Float32Array(count * 144);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = g.int(4);
    for (let p = 0; p < 144; p++) {
      const q = (Math.floor(p / 72) << 1) | (p % 12 >= 6 ? 1 : 0);
      x[i * 144 + p] = (q === y[i] ? 0.6 : 0.2) + 0.3 * g.uniform();
    }
  }
  return [new Tensor(x, [count, 12, 12, 1]), new Tensor(y, [count])];
}

test('a convnet with noise trains to the same history and weights, bit for bit, on 1, 2 and 3 threads', async () => {
  const [x, y] = data(200, 1);
  const [vx, vy] = data(80, 2);
  const runs = [];
  for (const threads of [1, 2, 3]) {
    const backend = createWasmBackend({ threads }, nodeWasmPlatform);
    const noise = ['gaussian:stddev=0.1', 'spatial-dropout:rate=0.2@1', 'dropblock:blockSize=2,keepProb=0.9@1', 'weight:stddev=0.01@hidden', 'dropout:rate=0.3@2', 'cutmix:alpha=1'];
    const { model, fitOptions } = buildRun({ model: SPEC, hidden: [], activation: 'relu', noise, optimizer: 'adam', lr: 0.003, momentum: 0 }, { inputShape: [12, 12, 1], classes: 4, imageShape: [12, 12] }, { backend });
    const history = await model.fit(x, y, { epochs: 4, batchSize: 32, seed: 7, validationData: [vx, vy], ...fitOptions });
    runs.push({ history: history.history, weights: model.getWeights().map((w) => Array.from(w.data)) });
    backend.dispose();
  }
  assert.ok(runs[0]!.history.val_accuracy!.at(-1)! > 0.5, `it learns: ${runs[0]!.history.val_accuracy}`);
  assert.deepEqual(runs[1], runs[0], '2 threads');
  assert.deepEqual(runs[2], runs[0], '3 threads');
});
