import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { adam } from '../optimizers/adam.js';
import { gradientNoise } from '../optimizers/gradient-noise.js';
import type { Optimizer } from '../parts/optimizer.js';
import { cutout } from './cutout.js';
import { Tensor } from '../tensor/tensor.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import type { Augmentation, AugmentContext } from '../parts/augmentation.js';
import type { BatchTargets } from '../parts/loss.js';
import type { FloatArray } from '../kernels/backend.js';

const N = 40;
const D = 4;
// Sample i holds the value i in every feature and the label i % 3.
const x = new Tensor(Float32Array.from({ length: N * D }, (_, k) => Math.floor(k / D)), [N, D]);
const y = new Tensor(Uint8Array.from({ length: N }, (_, i) => i % 3), [N]);

function model(optimizer: Optimizer = adam()): Sequential {
  const m = sequential([input({ shape: [D] }), dense({ units: 5, activation: 'tanh' }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  m.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  return m;
}

test('fit applies augmentations to every gathered training batch only, telling them the step and the totals', async () => {
  const seen: { step: number; epoch: number; totalSteps?: number; totalEpochs?: number; training: boolean; count: number }[] = [];
  let seeded = -1;
  const spy: Augmentation = {
    name: 'spy',
    setup: (info) => assert.deepEqual(info, { sampleSize: D, outputs: 3, imageShape: undefined, task: 'multiclass' }),
    seedRandom: (s) => void (seeded = s),
    apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
      const { step, epoch, totalSteps, totalEpochs, training } = ctx;
      seen.push({ step, epoch, totalSteps, totalEpochs, training, count });
      assert.equal(targets.kind, 'sparse');
      for (let r = 0; r < count; r++) assert.equal(targets.kind === 'sparse' && targets.labels[r], batch[r * D]! % 3, 'rows and labels gathered together');
      return targets;
    },
    getConfig: () => ({}),
  };
  const m = model();
  await m.fit(x, y, { epochs: 2, batchSize: 16, seed: 4, augment: [spy], validationData: [x, y] });
  assert.equal(seen.length, 6, '3 steps x 2 epochs, none for validation');
  assert.deepEqual(seen.map((s) => [s.step, s.epoch, s.count]), [[0, 0, 16], [1, 0, 16], [2, 0, 8], [3, 1, 16], [4, 1, 16], [5, 1, 8]]);
  assert.ok(seen.every((s) => s.training && s.totalSteps === 6 && s.totalEpochs === 2));
  assert.ok(seeded >= 0);
});

test('image augmentations on data that is not images fail before training with one line', async () => {
  let began = false;
  await assert.rejects(
    model().fit(x, y, { augment: [cutout({ size: 2 })], callbacks: [{ onTrainBegin: () => void (began = true) }] }),
    (e: Error) => e.message === 'cutout: needs images: pass imageShape [height, width] to fit or shape to cutout; the inputs have 4 values per sample',
  );
  assert.equal(began, false);
  await assert.rejects(model().fit(x, y, { augment: [cutout({ size: 2 })], imageShape: [3, 3] }), /cutout: images of 3x3 pixels need a multiple of 9 values per sample, the inputs have 4/);
  await assert.rejects(model().fit(x, y, { imageShape: [2, 0] as never }), /fit: shape must be two positive integers \[height, width\], received \[2, 0\]/);
  await model().fit(x, y, { augment: [cutout({ size: 1 })], imageShape: [2, 2], seed: 1 });
});

test('fit seeds gradient noise from its seed', async () => {
  const run = async (seed: number): Promise<number[]> => (await model(gradientNoise(adam(), { eta: 0.5 })).fit(x, y, { epochs: 2, batchSize: 8, seed, shuffle: false })).history.loss!;
  assert.deepEqual(await run(1), await run(1));
  assert.notDeepEqual(await run(1), await run(2));
});
