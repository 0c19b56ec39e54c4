/** The ResNet-20 preset: its structure, training bit for bit on any thread count, and noise placed in its graph. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetSpec } from './presets.js';
import { buildModel } from './model-spec.js';
import { createWasmBackend } from '../kernels/wasm/wasm-backend.js';
import { nodeWasmPlatform } from '../kernels/wasm/node/platform.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { buildRun } from '../run/build-run.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { Tensor } from '../tensor/tensor.js';
import { Xoshiro128 } from '../random/xoshiro.js';

test('the resnet preset is ResNet-20: 19 3x3 convolutions in 9 residual blocks, 2 strided projections, 0.27M parameters', () => {
  const m = buildModel(presetSpec('resnet', { inputShape: [28, 28], classes: 10 }), { backend: createRefBackend() });
  const convs = m.layers.filter((l) => l.className === 'Conv2D');
  assert.equal(convs.filter((l) => (l.getConfig()['kernelSize'] as number[])[0] === 3).length, 19);
  assert.deepEqual(convs.filter((l) => (l.getConfig()['strides'] as number[])[0] === 2).map((l) => l.name), ['s2b1_conv1', 's2b1_proj', 's3b1_conv1', 's3b1_proj']);
  assert.equal(m.layers.filter((l) => l.className === 'Add').length, 9);
  assert.equal(m.layers.filter((l) => l.className === 'BatchNormalization').length, 21);
  assert.deepEqual(m.outputShape, [10]);
  assert.deepEqual(m.layers.find((l) => l.name === 'pool')!.inputShape, [7, 7, 64]);
  assert.equal(m.params().reduce((n, p) => n + p.value.length, 0), 272_186);
  assert.equal(m.getConfig().layers.find((l) => l.config.name === 's1b2_add')!.inputs!.join(), 's1b2_bn2,s1b1_out', 'identity shortcut');
  const colour = buildModel(presetSpec('resnet', { inputShape: [32, 32, 3], classes: 10 }), { backend: createRefBackend() });
  assert.equal(colour.params().reduce((n, p) => n + p.value.length, 0), 272_474);
  assert.deepEqual(buildModel(presetSpec('resnet', { inputShape: [3, 5, 2], classes: 2 }), { backend: createRefBackend() }).outputShape, [2]);
  assert.throws(() => presetSpec('resnet', { inputShape: [784], classes: 10 }), /resnet input shape must be images \[height, width, channels\]/);
});

test('layer noise placed in a resnet goes between a layer and every layer that reads it', () => {
  const spec = presetSpec('resnet', { inputShape: [8, 8], classes: 3 });
  const plan = applyNoiseSpecs(['gaussian:stddev=0.1@input', 'dropout:rate=0.2@2'], spec);
  const byName = new Map(plan.model.layers.map((l) => [l.config.name, l]));
  assert.deepEqual(byName.get('stem_conv')!.inputs, ['input_gaussian_noise']);
  // Kernel layer 2 is s1b1_conv1; its block ends at s1b1_relu1, which s1b1_conv2 reads.
  assert.deepEqual(byName.get('s1b1_conv2')!.inputs, ['s1b1_relu1_dropout']);
  const m = buildModel(plan.model, { backend: createRefBackend() });
  assert.deepEqual(m.getConfig().layers.find((l) => l.config.name === 's1b1_relu1_dropout')!.inputs, ['s1b1_relu1']);
});

/** Blurry quadrant images: the class is the bright quadrant. */
function data(count: number, seed: number, side: number): [Tensor, Tensor] {
  const g = new Xoshiro128(seed);
  const x = new Float32Array(count * side * side);
  const y = new Int32Array(count);
  const half = side / 2;
  for (let i = 0; i < count; i++) {
    y[i] = g.int(4);
    for (let p = 0; p < side * side; p++) {
      const q = (Math.floor(p / (side * half)) << 1) | (p % side >= half ? 1 : 0);
      x[i * side * side + p] = (q === y[i] ? 0.6 : 0.2) + 0.3 * g.uniform();
    }
  }
  return [new Tensor(x, [count, side, side, 1]), new Tensor(y, [count])];
}

test('a resnet trains to the same history and weights, bit for bit, on 1, 2 and 3 threads', async () => {
  const [x, y] = data(96, 1, 8);
  const [vx, vy] = data(48, 2, 8);
  const runs = [];
  for (const threads of [1, 2, 3]) {
    const backend = createWasmBackend({ threads }, nodeWasmPlatform);
    const { model, fitOptions } = buildRun({ model: 'resnet', hidden: [], activation: 'relu', noise: ['dropout:rate=0.1@hidden'], optimizer: 'adam', lr: 0.003, momentum: 0 }, { inputShape: [8, 8, 1], classes: 4, imageShape: [8, 8] }, { backend });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 16, seed: 7, validationData: [vx, vy], ...fitOptions });
    runs.push({ history: history.history, weights: model.getWeights().map((w) => Array.from(w.data)) });
    backend.dispose();
  }
  assert.ok(runs[0]!.history.val_accuracy!.at(-1)! > 0.5, `it learns: ${runs[0]!.history.val_accuracy}`);
  assert.deepEqual(runs[1], runs[0], '2 threads');
  assert.deepEqual(runs[2], runs[0], '3 threads');
});
