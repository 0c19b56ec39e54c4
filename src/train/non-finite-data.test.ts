/**
 * Data enters fit, evaluate and predict checked: a NaN or infinite input value (or a value that
 * is not a number at all, such as a string in a plain array) is refused before any work, naming
 * the row and the column; training that turns the weights non-finite stops with a
 * TrainingError; a loss that explodes is reported once, in one line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { adam } from '../optimizers/adam.js';
import { sgd } from '../optimizers/sgd.js';
import type { Optimizer } from '../parts/optimizer.js';
import { Tensor, tensor } from '../tensor/tensor.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { InvalidArgumentError, TrainingError } from '../errors.js';
import { clusters } from '../testing/synthetic.js';

const data = clusters(64, 4, 2, 3);

function model(loss: 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy' = 'sparseCategoricalCrossentropy', optimizer: Optimizer = adam()): ReturnType<typeof sequential> {
  const m = sequential([input({ shape: [4] }), dense({ units: 8, activation: 'relu' }), dense({ units: 2, activation: 'softmax' })], { backend: createRefBackend() });
  m.compile({ optimizer, loss, metrics: ['accuracy'] });
  return m;
}

/** `data.x` with `value` at (row, column). */
function withValue(row: number, column: number, value: number): Tensor {
  const x = Float32Array.from(data.x.data as Float32Array);
  x[row * 4 + column] = value;
  return new Tensor(x, [64, 4]);
}

const refused = (message: RegExp) => (e: unknown): boolean => e instanceof InvalidArgumentError && message.test(e.message);

test('fit refuses a NaN or infinite input value before training, naming the row and the column', async () => {
  const m = model();
  let batches = 0;
  const count = { onBatchEnd: () => void batches++ };
  await assert.rejects(m.fit(withValue(40, 2, Number.NaN), data.y, { seed: 1, callbacks: [count] }), refused(/^fit x: row 40, column 2 must be a finite number, received NaN$/));
  await assert.rejects(m.fit(data.x, data.y, { seed: 1, validationData: [withValue(3, 0, Infinity), data.y], callbacks: [count] }), refused(/^fit validation x: row 3, column 0 must be a finite number, received Infinity$/));
  assert.equal(batches, 0, 'no step was taken');
});

test('evaluate and predict refuse non-finite inputs, and one-hot targets are checked too', async () => {
  const m = model();
  assert.throws(() => m.evaluate(withValue(7, 3, -Infinity), data.y), refused(/^evaluate x: row 7, column 3 must be a finite number, received -Infinity$/));
  assert.throws(() => m.predict(withValue(0, 1, Number.NaN)), refused(/^predict x: row 0, column 1 must be a finite number, received NaN$/));
  const c = model('categoricalCrossentropy');
  const onehot = tensor([[1, 0], [0, Number.NaN]]);
  await assert.rejects(c.fit(tensor([[0, 0, 0, 0], [1, 1, 1, 1]]), onehot, { seed: 1 }), refused(/^fit y: row 1, column 1 must be a finite number, received NaN$/));
});

test('predict and fit refuse values that are not numbers in plain arrays, naming the row and the column', async () => {
  const m = model();
  assert.throws(() => m.predict([[0.1, 0.2, 'x' as never, 0.4]]), refused(/^predict x: row 0, column 2 must be a number, received "x"$/));
  assert.throws(() => m.predict([[0.1, 0.2, 0.3, 0.4], ['1', '2', '3', '4'] as never]), refused(/^predict x: row 1, column 0 must be a number, received "1"$/));
  assert.throws(() => m.predict([[0.1, null as never, 0.3, 0.4]]), refused(/^predict x: row 0, column 1 must be a number, received null$/));
  await assert.rejects(m.fit([[0, 0, 0, 0]], ['a' as never]), refused(/^fit y: value 0 must be a number, received "a"$/));
  assert.throws(() => tensor([[1, 2], [3, true as never]]), refused(/^tensor: row 1, column 1 must be a number, received true$/));
  assert.throws(() => new Tensor(new Uint8Array(4), [1, 4], Number.NaN), refused(/^tensor: scale must be a finite number, received NaN$/));
});

test('weights that became non-finite stop fit with a TrainingError even when the loss stayed finite', async () => {
  // One step of SGD with a learning rate past float32's range: the loss of that step is finite,
  // the weights after it are not, and no later step would have seen them.
  const m = model('sparseCategoricalCrossentropy', sgd({ learningRate: 1e39 }));
  let epochEnds = 0;
  await assert.rejects(
    m.fit(data.x, data.y, { batchSize: 64, epochs: 1, seed: 2, callbacks: [{ onEpochEnd: () => void epochEnds++ }] }),
    (e: unknown) => e instanceof TrainingError && /^weights became non-finite in epoch 1 \(dense\/kernel holds (NaN|Infinity|-Infinity) at index \d+\) while the loss stayed finite: lower the learning rate \(1e\+39\) or the noise$/.test((e as Error).message),
  );
  assert.equal(epochEnds, 0, 'the epoch with broken weights is not reported as finished');
});

test('a loss that explodes is reported once, in one line, and training goes on', async () => {
  const warnings: string[] = [];
  const m = model('sparseCategoricalCrossentropy', adam({ learningRate: 1e6 }));
  const h = await m.fit(data.x, data.y, { batchSize: 8, epochs: 4, seed: 3, warn: (w) => warnings.push(w) });
  assert.equal(h.history.loss!.length, 4);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /^fit: the loss exploded from \d\.\d{4} at the first step to \S+ in epoch \d+ \(over 100 times larger\): lower the learning rate \(1e\+6\) or the noise$/);
  const quiet: string[] = [];
  await model().fit(data.x, data.y, { batchSize: 8, epochs: 4, seed: 3, warn: (w) => quiet.push(w) });
  assert.deepEqual(quiet, [], 'a healthy run warns nothing');
});
