/** A run's robustness card: a fixed seeded subset, every measure with its setting, and measures that do not apply skipped with why. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARD_CERTIFY, cardRows, cardSettings, measureCard } from './run-card.js';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { flatten } from '../layers/flatten.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Tensor } from '../tensor/tensor.js';

/** 60 images of 8 x 8: class 0 bright on the left half, class 1 on the right. */
function halves(): { x: Tensor; y: Tensor } {
  const n = 60;
  const x = new Uint8Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let r = 1; r < 7; r++) for (let c = 0; c < 3; c++) x[i * 64 + r * 8 + (y[i] === 0 ? c : 7 - c)] = 160 + ((i * 5 + r + c) % 90);
  }
  return { x: new Tensor(x, [n, 64], 1 / 255), y: new Tensor(y, [n]) };
}

async function trained(units = 2): Promise<ReturnType<typeof sequential>> {
  const data = halves();
  const model = sequential([input({ shape: [64] }), flatten(), dense({ units, activation: 'softmax' })], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.x, data.y, { epochs: 5, seed: 1, batchSize: 10 });
  return model;
}

test('the card subset is seeded, sorted and distinct, the whole set when it is smaller', () => {
  const a = cardRows(100, 10, 3);
  assert.deepEqual([...a], [...cardRows(100, 10, 3)]);
  assert.notDeepEqual([...a], [...cardRows(100, 10, 4)]);
  assert.equal(new Set(a).size, 10);
  assert.deepEqual([...a], [...a].sort((p, q) => p - q));
  assert.deepEqual([...cardRows(5, 10, 3)], [0, 1, 2, 3, 4]);
});

test('on images every measure is made on the subset and states its setting; the same settings give the same card', async () => {
  const model = await trained();
  const data = { validation: halves(), classes: ['left', 'right'], imageShape: [8, 8] as [number, number] };
  const settings = { ...cardSettings({ seed: 0 }), samples: 24 };
  assert.deepEqual(settings, { measures: ['corruption', 'adversarial', 'certified'], samples: 24, eps: 0.1, seed: 0 });
  const { card } = await measureCard(model, data, settings);
  assert.equal(card.corruption!.corruptions, 15);
  assert.equal(card.corruption!.samples, 24);
  const accuracies = Object.values(card.corruption!.accuracies!);
  assert.equal(accuracies.length, 15);
  assert.ok(Math.abs(card.corruption!.meanAccuracy - accuracies.reduce((a, b) => a + b, 0) / 15) < 1e-12);
  assert.deepEqual({ ...card.adversarial, accuracy: 0 }, { accuracy: 0, attack: 'fgsm', eps: 0.1, samples: 24 });
  assert.deepEqual({ ...card.certified, accuracy: 0 }, { accuracy: 0, radius: CARD_CERTIFY.radius, sigma: CARD_CERTIFY.sigma, samples: 24, draws: CARD_CERTIFY.n });
  for (const v of [card.adversarial!.accuracy, card.certified!.accuracy, ...accuracies]) assert.ok(v >= 0 && v <= 1);
  assert.equal(card.skipped, undefined);
  assert.deepEqual((await measureCard(model, data, settings)).card, card);
});

test('feature vectors skip the corruptions with the reason; a model without one output per class skips every measure', async () => {
  const model = await trained();
  const features = { validation: halves(), classes: ['left', 'right'] };
  const { card } = await measureCard(model, features, { measures: ['corruption', 'adversarial'], samples: 20, eps: 0.5, seed: 1 });
  assert.equal(card.corruption, undefined);
  assert.equal(card.adversarial!.eps, 0.5);
  assert.deepEqual(card.skipped, [{ measure: 'corruption', reason: 'the inputs are feature vectors: the corruptions apply to images only' }]);

  const three = await trained(3);
  const other = await measureCard(three, { ...features, imageShape: [8, 8] }, { measures: ['adversarial', 'certified'], samples: 20, eps: 0.1, seed: 1 });
  assert.deepEqual(other.card.skipped!.map((s) => s.measure), ['adversarial', 'certified']);
  assert.match(other.card.skipped![0]!.reason, /outputs 3 values for 2 classes/);
  assert.equal(other.card.adversarial, undefined);
});

test("a yes/no model's one output is read as the probability of class 1: its card is measured; a regression's is skipped with why", async () => {
  const data = halves();
  const binary = sequential([input({ shape: [64] }), dense({ units: 1, activation: 'sigmoid' })], { backend: createRefBackend() });
  binary.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await binary.fit(data.x, new Tensor(Float32Array.from(data.y.data), [60, 1]), { epochs: 20, seed: 1, batchSize: 10 });
  const clean = binary.evaluate(data.x, new Tensor(Float32Array.from(data.y.data), [60, 1])).accuracy!;
  assert.ok(clean > 0.9, `clean accuracy ${clean}`);
  const { card } = await measureCard(binary, { validation: data, classes: ['left', 'right'], imageShape: [8, 8] }, { measures: ['corruption', 'adversarial', 'certified'], samples: 60, eps: 0.01, seed: 1 });
  assert.equal(card.skipped, undefined);
  assert.ok(card.corruption!.meanAccuracy > 0.3 && card.corruption!.meanAccuracy <= 1);
  // A tiny FGSM step changes few answers: near the clean accuracy, not 1 whatever the model says.
  assert.ok(Math.abs(card.adversarial!.accuracy - clean) <= 0.1, `FGSM at eps 0.01: ${card.adversarial!.accuracy} against clean ${clean}`);
  assert.ok(card.certified!.accuracy > 0.5, `certified ${card.certified!.accuracy}`);

  const regression = sequential([input({ shape: [64] }), dense({ units: 1 })], { backend: createRefBackend() });
  regression.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mae'] });
  const values = await measureCard(regression, { validation: data, classes: [] }, { measures: ['adversarial', 'certified'], samples: 10, eps: 0.1, seed: 1 });
  assert.deepEqual(values.card.skipped, ['adversarial', 'certified'].map((measure) => ({ measure, reason: 'the model predicts a value (a regression): the card measures classifiers; its robustness is its error under input noise' })));
});
