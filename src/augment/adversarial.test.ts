/** Adversarial training: what one batch gets, the refusals, and the robustness it buys on mnist-mini. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../data/node/load-dataset.js';
import { subsetSplit } from '../data/subset-split.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { sliceRows } from '../train/data-source.js';
import { buildRun } from '../run/build-run.js';
import { adversarialCurve } from '../experiments/adversarial.js';
import { augmentContext, images } from '../testing/augment-harness.js';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import type { FloatArray } from '../kernels/backend.js';
import { Tensor } from '../tensor/tensor.js';
import { InputGradientError, InvalidArgumentError } from '../errors.js';
import { expandSpecSets } from '../techniques/value-sets.js';
import { parseNoiseSpec } from '../techniques/parse.js';
import { Adversarial, adversarial } from './adversarial.js';

test('one batch: share 0.5 perturbs the first half of the rows by eps times the sign of the gradient, and leaves the targets', () => {
  const ctx = augmentContext(4, 2);
  const batch = ctx.backend.alloc(16);
  batch.set(images(4, 4).map((v) => 0.25 + v / 2));
  const before = Float64Array.from(batch);
  const targets = { kind: 'sparse' as const, labels: Int32Array.from([0, 1, 0, 1]) };
  let rowsAsked = -1;
  const withGradient = { ...ctx, inputGradient: (_x: FloatArray, t: typeof targets, n: number, grad: FloatArray) => { rowsAsked = n; assert.equal(t.labels.length, n); for (let i = 0; i < n * 4; i++) grad[i] = i % 3 === 0 ? -1 : 1; } };
  const out = adversarial({ eps: 0.1, start: 'input', share: 0.5 }).apply(batch, targets, 4, withGradient);
  assert.equal(out, targets);
  assert.equal(rowsAsked, 2);
  for (let i = 0; i < 16; i++) {
    const want = i < 8 ? before[i]! + (i % 3 === 0 ? -0.1 : 0.1) : before[i]!;
    assert.ok(Math.abs(batch[i]! - want) < 1e-12, `value ${i}: ${batch[i]} vs ${want}`);
  }
});

test('eps follows its schedule (eps=0->0.1 ramps up), and eps 0 leaves the batch alone', () => {
  const a = new Adversarial({ eps: { from: 0, to: 0.1 } });
  const ctx = { ...augmentContext(4, 2, undefined, 0), totalSteps: 11, inputGradient: () => assert.fail('no gradient at eps 0') };
  const batch = ctx.backend.alloc(8);
  a.apply(batch, { kind: 'sparse', labels: Int32Array.from([0, 1]) }, 2, ctx);
  assert.equal(a.lastEps, 0);
  const late = { ...augmentContext(4, 2, undefined, 10), totalSteps: 11, inputGradient: (_x: FloatArray, _t: unknown, n: number, g: FloatArray) => g.fill(1, 0, n * 4) };
  a.apply(late.backend.alloc(8), { kind: 'sparse', labels: Int32Array.from([0, 1]) }, 2, late);
  assert.ok(Math.abs(a.lastEps - 0.1) < 1e-12);
});

test('adversarial refuses eps above the pixel range, and a batch without an input gradient', () => {
  assert.throws(() => adversarial({ eps: 1.5 }), (e: Error) => e instanceof InvalidArgumentError && e.message === 'adversarial: eps must be at most 1 (the width of the pixel range [0, 1]; clip=none for other data), received 1.5');
  assert.throws(() => adversarial({ eps: -0.1 }), InvalidArgumentError);
  assert.throws(() => adversarial({ share: 0 }), InvalidArgumentError);
  assert.throws(() => adversarial({ method: 'pgd', steps: 0 }), InvalidArgumentError);
  assert.doesNotThrow(() => adversarial({ eps: 2, clip: 'none' }));
  const ctx = augmentContext(4, 2);
  assert.throws(() => adversarial().apply(ctx.backend.alloc(8), { kind: 'sparse', labels: Int32Array.from([0, 1]) }, 2, ctx), InputGradientError);
});

test('adversarial specs take value sets (sweeps) and schedules, and name a bad value', () => {
  assert.deepEqual(expandSpecSets('adversarial:eps={0.05,0.1},method={fgsm,pgd}').map((e) => e.spec.text), [
    'adversarial:eps=0.05,method=fgsm',
    'adversarial:eps=0.05,method=pgd',
    'adversarial:eps=0.1,method=fgsm',
    'adversarial:eps=0.1,method=pgd',
  ]);
  assert.deepEqual(parseNoiseSpec('adversarial:eps=0->0.1,share=0.5').params, { eps: { from: 0, to: 0.1, schedule: 'linear', per: 'step' }, method: 'fgsm', norm: 'linf', start: 'random', steps: 7, stepSize: 0, share: 0.5, clip: 'pixels' });
  assert.throws(() => parseNoiseSpec('adversarial:method=cw'), /method must be one of 'fgsm', 'pgd', received "cw"/);
});

class Opaque extends Layer {
  readonly className = 'Opaque';
  forward(x: FloatArray): FloatArray {
    return x;
  }
  backward(): FloatArray | null {
    return null;
  }
  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

test('adversarial training of a model with a layer that has no input gradient stops at the first step, naming the layer', async () => {
  const model = sequential([input({ shape: [4] }), new Opaque('black_box'), dense({ units: 2, activation: 'softmax' })]);
  model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  await assert.rejects(model.fit(new Tensor(new Float32Array(8).fill(0.5), [2, 4]), [0, 1], { epochs: 1, augment: [adversarial()] }), (e: Error) => e instanceof InputGradientError && /layer 'black_box' \(Opaque\) gives no gradient with respect to its input/.test(e.message));
});

test('adversarial training (--noise adversarial:eps=0.1) on mnist-mini raises FGSM accuracy at eps 0.1 well above the baseline', async () => {
  const data = await loadDataset('mnist-mini', { seed: 42 });
  const train = subsetSplit(data.train, 2000, 42);
  const x = sliceRows(imagesOf(data.test), 0, 500);
  const y = sliceRows(labelsOf(data.test), 0, 500);
  const measured: Record<string, number[]> = {};
  for (const noise of [[], ['adversarial:eps=0.1']]) {
    const { model, fitOptions } = buildRun({ model: 'mlp', hidden: [128, 64], activation: 'relu', optimizer: 'adam', lr: 0.001, momentum: 0, noise }, { inputShape: [784], classes: 10, imageShape: [28, 28] });
    await model.fit(imagesOf(train), labelsOf(train), { epochs: 4, batchSize: 32, seed: 1, ...fitOptions });
    const curve = await adversarialCurve(model, x, y, { method: 'fgsm', epsilons: [0, 0.1] });
    measured[noise.join() || 'baseline'] = curve.points.map((p) => p.accuracy);
  }
  const [cleanBase, fgsmBase] = measured['baseline']!;
  const [cleanAdv, fgsmAdv] = measured['adversarial:eps=0.1']!;
  assert.ok(cleanBase! > 0.85 && cleanAdv! > 0.8, `clean accuracy: baseline ${cleanBase}, adversarial ${cleanAdv}`);
  assert.ok(fgsmAdv! > fgsmBase! + 0.25, `FGSM accuracy at eps 0.1: baseline ${fgsmBase}, adversarial training ${fgsmAdv}`);
});
