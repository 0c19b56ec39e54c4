/** Accuracy under corruptions: clean accuracy equals evaluate, chunks do not change results, the table and bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corruptionRobustness, formatCorruptionTable } from './corruption-robustness.js';
import { evaluateCalibration } from './calibration.js';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { flatten } from '../layers/flatten.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Tensor } from '../tensor/tensor.js';
import { InvalidArgumentError } from '../errors.js';

/** 200 images of 12 x 12: class 0 bright on the left half, class 1 on the right. */
function halves(): { x: Tensor; y: Tensor } {
  const n = 200;
  const x = new Uint8Array(n * 144);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let r = 2; r < 10; r++) for (let c = 1; c < 5; c++) x[i * 144 + r * 12 + (y[i] === 0 ? c : 11 - c)] = 150 + ((i * 7 + r * 3 + c) % 100);
  }
  return { x: new Tensor(x, [n, 12, 12, 1], 1 / 255), y: new Tensor(y, [n]) };
}

async function trained(): Promise<ReturnType<typeof sequential>> {
  const data = halves();
  const model = sequential([input({ shape: [12, 12, 1] }), flatten(), dense({ units: 2, activation: 'softmax' })], { backend: createRefBackend() });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.x, data.y, { epochs: 5, seed: 1, batchSize: 20 });
  return model;
}

test('clean accuracy equals evaluate; the chunk size does not change the results; severities as asked', async () => {
  const model = await trained();
  const { x, y } = halves();
  const options = { corruptions: ['stripe', 'impulse_noise', 'translate'], seed: 2 } as const;
  const a = await corruptionRobustness(model, x, y, { ...options, chunkSize: 1000 });
  const b = await corruptionRobustness(model, x, y, { ...options, chunkSize: 13, batchSize: 7 });
  assert.deepEqual(a, b);
  assert.equal(a.cleanAccuracy, model.evaluate(x, y).accuracy);
  assert.deepEqual(a.corruptions.map((c) => [c.corruption, c.severity]), [['stripe', null], ['impulse_noise', 4], ['translate', 3]]);
  assert.ok(Math.abs(a.meanAccuracy - (a.corruptions[0]!.accuracy + a.corruptions[1]!.accuracy + a.corruptions[2]!.accuracy) / 3) < 1e-12);
  assert.equal(a.meanError, 1 - a.meanAccuracy);
  assert.equal(a.cleanAccuracy, 1, 'the halves are easy');
  assert.equal(a.relativeError, null, 'no clean error to compare with');
  const table = formatCorruptionTable(a);
  assert.match(table, /^corruption +severity +accuracy +error \/ clean error\n\(clean\) +- +1\.0000 +1\.00\nstripe +- /);
  assert.match(table.split('\n').at(-1)!, /^mean corruption +default +\d\.\d{4} +-$/);
  const severe = await corruptionRobustness(model, x, y, { corruptions: ['impulse_noise'], severity: 5, seed: 2 });
  assert.equal(severe.corruptions[0]!.severity, 5);
});

test('the calibration of a trained model: its accuracy is evaluate\'s, and its numbers are in range', async () => {
  const model = await trained();
  const { x, y } = halves();
  const c = evaluateCalibration(model, x, y);
  assert.equal(c.accuracy, model.evaluate(x, y).accuracy);
  assert.ok(c.ece >= 0 && c.ece <= 1 && c.nll >= 0 && c.brier >= 0 && c.brier <= 2);
  assert.equal(c.bins.reduce((n, b) => n + b.count, 0), 200);
  assert.throws(() => evaluateCalibration(model, new Tensor(x.data.subarray(0, 144), [1, 12, 12, 1], 1 / 255), new Tensor(Int32Array.of(0), [1])), /at least 2 samples expected/);
});

test('bad input: an unknown corruption, severity 0 or 6, and samples that are not images', async () => {
  const model = await trained();
  const { x, y } = halves();
  await assert.rejects(corruptionRobustness(model, x, y, { corruptions: ['frost'] }), (e: unknown) => e instanceof InvalidArgumentError && /unknown corruption 'frost'; the corruptions are shot_noise/.test(e.message));
  await assert.rejects(corruptionRobustness(model, x, y, { severity: 0 }), /severity/);
  await assert.rejects(corruptionRobustness(model, x, y, { severity: 6 }), /severity must be an integer from 0 to 5/);
  await assert.rejects(corruptionRobustness(model, new Tensor(x.data, [200, 144], 1 / 255), y), /images of shape \[count, height, width, channels\] expected/);
});
