/** Accuracy under FGSM and PGD of a small MLP trained on mnist-mini. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../data/node/load-dataset.js';
import { subsetSplit } from '../data/subset-split.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { sliceRows } from '../train/data-source.js';
import { buildRun } from '../run/build-run.js';
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import { InvalidArgumentError } from '../errors.js';
import { adversarialCurve } from './adversarial.js';

let model: Sequential;
let x: Tensor;
let y: Tensor;

before(async () => {
  const data = await loadDataset('mnist-mini', { seed: 42 });
  const train = subsetSplit(data.train, 1000, 42);
  x = sliceRows(imagesOf(data.test), 0, 300);
  y = sliceRows(labelsOf(data.test), 0, 300);
  model = buildRun({ model: 'mlp', hidden: [64], activation: 'relu', optimizer: 'adam', lr: 0.001, momentum: 0, noise: [] }, { inputShape: [784], classes: 10, imageShape: [28, 28] }).model;
  await model.fit(imagesOf(train), labelsOf(train), { epochs: 3, batchSize: 32, seed: 1 });
});

test('at eps 0 the accuracy is the clean one evaluate gives, and FGSM lowers it as eps grows', async () => {
  const curve = await adversarialCurve(model, x, y, { method: 'fgsm', epsilons: [0, 0.05, 0.1, 0.2] });
  const acc = curve.points.map((p) => p.accuracy);
  assert.equal(acc[0], model.evaluate(x, y).accuracy);
  assert.ok(acc[0]! > 0.8, `clean accuracy ${acc[0]}`);
  for (let i = 1; i < acc.length; i++) assert.ok(acc[i]! < acc[i - 1]!, `accuracy falls with eps: ${acc}`);
  assert.deepEqual(curve.settings, { method: 'fgsm', norm: 'linf', steps: 1, stepSize: 0.2, randomStart: false, restarts: 1, clip: { min: 0, max: 1 } });
  assert.equal(curve.samples, 300);
});

test("PGD's accuracy is at most FGSM's on the same model, and restarts only lower it", async () => {
  for (const norm of ['linf', 'l2'] as const) {
    const eps = norm === 'linf' ? 0.1 : 1.5;
    const fgsm = (await adversarialCurve(model, x, y, { method: 'fgsm', norm, epsilons: [eps] })).points[0]!.accuracy;
    const pgd = (await adversarialCurve(model, x, y, { method: 'pgd', norm, epsilons: [eps], steps: 10 })).points[0]!.accuracy;
    const restarts = (await adversarialCurve(model, x, y, { method: 'pgd', norm, epsilons: [eps], steps: 10, restarts: 3 })).points[0]!.accuracy;
    assert.ok(pgd <= fgsm, `${norm}: PGD ${pgd} <= FGSM ${fgsm}`);
    assert.ok(restarts <= pgd, `${norm}: PGD with 3 restarts ${restarts} <= one start ${pgd}`);
    assert.ok(pgd < fgsm, `${norm}: PGD ${pgd} is a stronger attack than FGSM ${fgsm}`);
  }
});

test('the same seed gives the same PGD accuracy; every setting is checked before the first attack', async () => {
  const a = await adversarialCurve(model, x, y, { method: 'pgd', epsilons: [0.05], steps: 3, seed: 9 });
  const b = await adversarialCurve(model, x, y, { method: 'pgd', epsilons: [0.05], steps: 3, seed: 9 });
  assert.deepEqual(a, b);
  let progress = 0;
  await assert.rejects(adversarialCurve(model, x, y, { epsilons: [0.1, 2], onProgress: () => progress++ }), (e: Error) => e instanceof InvalidArgumentError && e.message === 'adversarialCurve: eps must be at most 1 (the width of the value range 0..1), received 2');
  await assert.rejects(adversarialCurve(model, x, y, { epsilons: [-1] }), /adversarialCurve: epsilons\[0\] must be a number >= 0, received -1/);
  await assert.rejects(adversarialCurve(model, x, y, { method: 'pgd', steps: 0 }), /adversarialCurve: steps must be an integer >= 1, received 0/);
  assert.equal(progress, 0);
});

test("a yes/no model's one output is right on its target's side of 0.5: at eps 0 the clean accuracy, and FGSM lowers it", async () => {
  // Digits 0 and 1 of the test rows, a logistic regression on them.
  const keep = Array.from({ length: y.count }, (_, i) => i).filter((i) => y.at(i) <= 1);
  const size = x.sampleSize;
  const xs = new (x.data.constructor as new (n: number) => typeof x.data)(keep.length * size);
  keep.forEach((row, i) => xs.set(x.data.subarray(row * size, (row + 1) * size), i * size));
  const bx = new (x.constructor as new (d: typeof xs, s: number[], scale: number) => Tensor)(xs, [keep.length, size], x.scale);
  const by = new (x.constructor as new (d: Float32Array, s: number[]) => Tensor)(Float32Array.from(keep, (row) => y.at(row)), [keep.length, 1]);
  const binary = buildRun({ model: 'mlp', hidden: [], activation: 'relu', optimizer: 'adam', lr: 0.01, momentum: 0, noise: [] }, { inputShape: [784], classes: 2, task: 'binary', imageShape: [28, 28] }).model;
  await binary.fit(bx, by, { epochs: 5, batchSize: 16, seed: 1 });
  const curve = await adversarialCurve(binary, bx, by, { method: 'fgsm', epsilons: [0, 0.3] });
  assert.equal(curve.points[0]!.accuracy, binary.evaluate(bx, by).accuracy);
  assert.ok(curve.points[0]!.accuracy > 0.9, `clean accuracy ${curve.points[0]!.accuracy}`);
  assert.ok(curve.points[1]!.accuracy < curve.points[0]!.accuracy - 0.2, `FGSM at eps 0.3: ${curve.points[1]!.accuracy}`);
});
