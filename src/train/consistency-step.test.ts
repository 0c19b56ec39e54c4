import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { flatten } from '../layers/flatten.js';
import { adam } from '../optimizers/adam.js';
import { Tensor } from '../tensor/tensor.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { augmix } from '../augment/augmix.js';
import { jensenShannon } from '../losses/jensen-shannon.js';
import type { AugmentContext, ConsistencyAugmentation } from '../parts/augmentation.js';
import type { FloatArray } from '../kernels/backend.js';
import { loadDataset } from '../data/node/load-dataset.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { sliceRows } from './data-source.js';

const N = 24;
const x = new Tensor(Float32Array.from({ length: N * 16 }, (_, i) => ((i * 37) % 17) / 17), [N, 4, 4, 1]);
const y = new Tensor(Uint8Array.from({ length: N }, (_, i) => i % 3), [N]);

function model(): Sequential {
  const m = sequential([input({ shape: [4, 4, 1] }), flatten(), dense({ units: 6, activation: 'tanh' }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend('float64') });
  m.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

/** Views that copy the batch times `factors`, with the Jensen-Shannon loss: counts its calls. */
class CopyViews implements ConsistencyAugmentation {
  readonly name = 'copies';
  readonly views = 3;
  calls: number[] = [];
  constructor(readonly factors = [1, 1]) {}
  setup(): void {}
  seedRandom(): void {}
  apply<T>(_batch: FloatArray, targets: T): T {
    return targets;
  }
  makeViews(rows: FloatArray, count: number, ctx: AugmentContext): void {
    this.calls.push(count);
    const n = count * ctx.sampleSize;
    for (let i = 0; i < n; i++) {
      rows[n + i] = this.factors[0]! * rows[i]!;
      rows[2 * n + i] = this.factors[1]! * rows[i]!;
    }
  }
  consistencyLoss(out: FloatArray, logits: boolean, count: number, outputs: number, grad: FloatArray, gradScale: number): number {
    return jensenShannon(out, logits, 3, count, outputs, 12, grad, gradScale);
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

test('the consistency step with views equal to the batch trains exactly as the plain step, and makes views for training steps only', async () => {
  const copies = new CopyViews();
  const withViews = await model().fit(x, y, { epochs: 2, batchSize: 10, seed: 3, augment: [copies], validationData: [x, y] });
  const plain = await model().fit(x, y, { epochs: 2, batchSize: 10, seed: 3, validationData: [x, y] });
  for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) {
    withViews.history[key]!.forEach((v, i) => assert.ok(Math.abs(v - plain.history[key]![i]!) < 1e-12, `${key} ${i}: ${v} vs ${plain.history[key]![i]}`));
  }
  assert.deepEqual(copies.calls, [10, 10, 4, 10, 10, 4], '3 steps x 2 epochs; none for validation');
});

test("the consistency step's loss is the cross-entropy on the batch plus the consistency loss over the views", async () => {
  const scale = (f: number) => new Tensor(Float64Array.from(x.data, (v) => f * v), x.shape);
  const h = await model().fit(x, y, { epochs: 1, batchSize: N, seed: 8, augment: [new CopyViews([0.5, 1.5])] });
  // The same weights before the step: predictions on the batch and on both views.
  const m = model();
  m.ensureWeights(8);
  const p = [1, 0.5, 1.5].map((f) => m.predict(scale(f)).toArray() as number[][]);
  const ce = -p[0]!.reduce((s, row, i) => s + Math.log(row[i % 3]!), 0);
  const js = jensenShannon(Float64Array.from(p.flat(2)), false, 3, N, 3, 12, null, 1);
  assert.ok(js / N > 1e-3, 'the views disagree');
  assert.ok(Math.abs(h.history.loss![0]! - (ce + js) / N) < 1e-7, `${h.history.loss![0]} vs ${(ce + js) / N}`);
});

test('AugMix trains reproducibly from its seed, and is off at inference', async () => {
  const run = async (lambda: number) => {
    const m = model();
    const h = await m.fit(x, y, { epochs: 3, batchSize: 8, seed: 5, augment: [augmix({ lambda, severity: 6 })] });
    return { m, loss: h.history.loss! };
  };
  const a = await run(12);
  const again = await run(12);
  assert.deepEqual(a.loss, again.loss, 'reproduced by the seed');
  const b = await run(0);
  assert.notDeepEqual(a.loss, b.loss);
  // Predictions use no views and no randomness: the same twice, and the same as evaluate's.
  const p1 = a.m.predict(x).toArray() as number[][];
  const p2 = a.m.predict(x).toArray() as number[][];
  assert.deepEqual(p1, p2);
  assert.equal(p1.length, N);
  const e = a.m.evaluate(x, y);
  const ce = -p1.reduce((s, row, i) => s + Math.log(row[i % 3]!), 0) / N;
  assert.ok(Math.abs(e.loss - ce) < 1e-9, `evaluate's loss ${e.loss} is the cross-entropy alone, ${ce}`);
});

test('AugMix refuses a model trained without a cross-entropy loss, and data that is not images', async () => {
  const m = sequential([input({ shape: [4, 4, 1] }), flatten(), dense({ units: 3 })], { backend: createRefBackend() });
  m.compile({ optimizer: adam(), loss: 'meanSquaredError' });
  await assert.rejects(m.fit(x, new Tensor(new Float32Array(N * 3), [N, 3]), { augment: [augmix()] }), /augmix: its consistency loss compares predicted class probabilities; train with a cross-entropy loss, not meanSquaredError/);
  const flat = sequential([input({ shape: [16] }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  flat.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy' });
  await assert.rejects(flat.fit(new Tensor(new Float32Array(N * 16), [N, 16]), y, { augment: [augmix()] }), /augmix: images only/);
});

test('AugMix trains an MLP on mnist-mini (a short seeded run)', async () => {
  const data = await loadDataset('mnist-mini');
  const xs = sliceRows(imagesOf(data.train), 0, 2000);
  const ys = sliceRows(labelsOf(data.train), 0, 2000);
  const m = sequential([input({ shape: [28, 28, 1] }), flatten(), dense({ units: 64, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })]);
  m.compile({ optimizer: adam({ learningRate: 0.003 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const h = await m.fit(xs, ys, { epochs: 3, batchSize: 64, seed: 7, augment: [augmix()], validationData: [imagesOf(data.test), labelsOf(data.test)] });
  const acc = h.history.val_accuracy!;
  assert.ok(h.history.loss![2]! < h.history.loss![0]!, `loss ${h.history.loss}`);
  assert.ok(acc[2]! > 0.85, `validation accuracy ${acc}`);
  m.dispose();
});
