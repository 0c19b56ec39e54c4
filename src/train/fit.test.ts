import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { sgd } from '../optimizers/sgd.js';
import { earlyStopping } from '../callbacks/early-stopping.js';
import { seededHistory, smallModel, trainData, valData } from '../testing/seeded-run.js';
import { Tensor } from '../tensor/tensor.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { ShapeError, TrainingError } from '../errors.js';
import type { Logs } from './callback.js';

const model = smallModel;
const data = trainData;
const val = valData;

test('the same seed gives the same history to the last digit, in this process and in a new one', async () => {
  const a = await seededHistory();
  const b = await seededHistory();
  assert.deepEqual(a, b);
  const helper = fileURLToPath(new URL('../testing/seeded-run.js', import.meta.url));
  const script = `import(${JSON.stringify(helper)}).then(async (m) => console.log(JSON.stringify(await m.seededHistory())))`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString();
  assert.deepEqual(JSON.parse(out), a);
  assert.notDeepEqual((await seededHistory(12)).loss, a.loss);
});

test('fit learns, takes a partial last batch, and reports batch-size-weighted running means', async () => {
  const m = model();
  const sizes: number[] = [];
  const batchLogs: Logs[] = [];
  const h = await m.fit(data.x, data.y, {
    epochs: 8,
    batchSize: 50,
    seed: 3,
    validationData: [val.x, val.y],
    callbacks: [{ onBatchEnd: (_b, logs) => void batchLogs.push({ ...logs }), onBatchBegin: (_b, logs) => void sizes.push(logs.size!) }],
  });
  assert.deepEqual(sizes.slice(0, 5), [50, 50, 50, 50, 3]);
  assert.equal(batchLogs[4]!.loss, h.history.loss![0]);
  assert.deepEqual(Object.keys(h.history).sort(), ['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  assert.ok(h.history.val_accuracy![7]! > 0.9, `val_accuracy ${h.history.val_accuracy}`);
  // val_* are computed after the epoch with the final weights and no noise: evaluate agrees.
  const e = m.evaluate(val.x, val.y, { batchSize: 7 });
  assert.ok(Math.abs(e.loss - h.history.val_loss![7]!) < 1e-5);
  assert.equal(e.accuracy, h.history.val_accuracy![7]);
});

test('evaluate and predict never add noise', async () => {
  const m = model(1.0);
  await m.fit(data.x, data.y, { epochs: 1, seed: 1 });
  assert.deepEqual(m.predict(val.x).data, m.predict(val.x).data);
  assert.deepEqual(m.evaluate(val.x, val.y), m.evaluate(val.x, val.y));
  const p = m.predict(val.x);
  assert.deepEqual(p.shape, [60, 3]);
  for (let r = 0; r < 60; r++) {
    const s = p.data[r * 3]! + p.data[r * 3 + 1]! + p.data[r * 3 + 2]!;
    assert.ok(Math.abs(s - 1) < 1e-5, 'softmax rows sum to 1');
  }
});

test('callbacks see train, epoch and batch hooks in order, and early stopping ends training', async () => {
  const events: string[] = [];
  const m = model();
  await m.fit(data.x, data.y, {
    epochs: 2,
    batchSize: 128,
    seed: 1,
    callbacks: [{
      onTrainBegin: () => void events.push('train+'),
      onEpochBegin: (e) => void events.push(`epoch${e}+`),
      onBatchEnd: (b) => void events.push(`batch${b}`),
      onEpochEnd: (e) => void events.push(`epoch${e}-`),
      onTrainEnd: () => void events.push('train-'),
    }],
  });
  assert.deepEqual(events, ['train+', 'epoch0+', 'batch0', 'batch1', 'epoch0-', 'epoch1+', 'batch0', 'batch1', 'epoch1-', 'train-']);
  const stopper = earlyStopping({ monitor: 'loss', patience: 0, minDelta: 10 });
  const h = await model().fit(data.x, data.y, { epochs: 10, seed: 1, callbacks: [stopper] });
  assert.equal(h.history.loss!.length, 2, 'stops at the first epoch that does not improve by minDelta');
  assert.equal(stopper.stoppedEpoch, 1);
});

test('a loss that becomes NaN stops training with the epoch and step', async () => {
  const m = sequential([input({ shape: [12] }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
  // A weight turned NaN after step 2 (NaN data is refused before training, see non-finite-data.test).
  const poison = { onBatchEnd: (b: number) => void (b === 1 && m.params()[0]!.value.fill(Number.NaN, 0, 1)) };
  await assert.rejects(m.fit(data.x, data.y, { batchSize: 16, shuffle: false, seed: 1, callbacks: [poison] }), (e: Error) => e instanceof TrainingError && /loss became NaN at epoch 1, step 3/.test(e.message));
});

test('data that does not fit the model is rejected before training', async () => {
  const m = model();
  await assert.rejects(m.fit(new Tensor(new Float32Array(20), [2, 10]), new Tensor(new Uint8Array(2), [2])), (e: Error) => e instanceof ShapeError && /do not fit the model's input of 12 values/.test(e.message));
  await assert.rejects(m.fit(data.x, new Tensor(new Uint8Array(203).fill(5), [203])), /label 5 at index 0 is not a class index in \[0, 3\)/);
  await assert.rejects(m.fit(data.x, val.y), /60 targets for 203 samples/);
  await assert.rejects(m.fit(data.x, data.y, { batchSize: 0 }), /fit: batchSize must be an integer >= 1, received 0/);
});

test('unknown fit options, missing targets and class indices for a one-hot loss get one-line errors', async () => {
  const m = model();
  await assert.rejects(m.fit(data.x, data.y, { epoch: 3 } as never), /fit: each option must be one of batchSize, epochs, .*, received "epoch"/);
  assert.throws(() => m.evaluate(data.x, undefined as never), /evaluate y: data must be a Tensor or an array of numbers .*received "nothing"/);
  const c = sequential([input({ shape: [12] }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  c.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await assert.rejects(c.fit(data.x, data.y), /one row of 3 target values per sample .* use sparseCategoricalCrossentropy/);
});

test('fit, evaluate and predict take plain arrays as Keras users pass them', async () => {
  const m = model();
  const rows = data.x.toArray();
  const labels = Array.from(data.y.data);
  const h = await m.fit(rows, labels, { epochs: 2, seed: 4, validationData: [val.x.toArray(), Array.from(val.y.data)] });
  const viaTensors = await model().fit(data.x, data.y, { epochs: 2, seed: 4, validationData: [val.x, val.y] });
  assert.deepEqual(h.history, viaTensors.history);
  assert.deepEqual(m.predict(rows.slice(0, 2)).shape, [2, 3]);
  assert.equal(typeof m.evaluate(rows, labels).loss, 'number');
  assert.throws(() => m.predict(undefined as never), /predict x: data must be a Tensor or an array/);
});

test('the loss fit and evaluate report includes the L2 penalty, as Keras reports it', async () => {
  const make = (l2: number) => {
    const m = sequential([input({ shape: [12] }), dense({ units: 3, activation: 'softmax', kernelRegularizer: { l2 } })], { backend: createRefBackend() });
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    return m;
  };
  const decayed = make(0.01);
  await decayed.fit(data.x, data.y, { epochs: 1, seed: 2 });
  const plain = make(0);
  plain.setWeights(decayed.getWeights());
  let sumSq = 0;
  for (const w of decayed.getWeights()[0]!.data) sumSq += w * w;
  const diff = decayed.evaluate(val.x, val.y).loss - plain.evaluate(val.x, val.y).loss;
  assert.ok(Math.abs(diff - 0.01 * sumSq) < 1e-9, `penalty ${diff} vs ${0.01 * sumSq}`);
});
