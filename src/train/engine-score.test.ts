/**
 * The engine counts a batch's correct predictions once: in `fit` and `evaluate` the accuracy
 * metric counts them, and the scored batch counts them itself only when its `correct` is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallModel, trainData, valData } from '../testing/seeded-run.js';

/**
 * Counts the calls of `countCorrect` on a model's backend. Installed before the model's first
 * step: the model's view of its backend binds each method once, at its first use.
 */
function countingCorrect(backend: { countCorrect: (...args: never[]) => number }): { readonly calls: number } {
  const own = backend.countCorrect;
  const counter = { calls: 0 };
  backend.countCorrect = ((...args: never[]) => {
    counter.calls++;
    return own.apply(backend, args);
  }) as typeof own;
  return counter;
}

/** Argmax accuracy of `scores` (rows x cols) against `labels`, by hand. */
function accuracyOf(scores: ArrayLike<number>, labels: ArrayLike<number>, cols: number): number {
  let right = 0;
  for (let r = 0; r < labels.length; r++) {
    let a = 0;
    for (let j = 1; j < cols; j++) if (scores[r * cols + j]! > scores[r * cols + a]!) a = j;
    if (a === labels[r]) right++;
  }
  return right / labels.length;
}

test('fit and evaluate with an accuracy metric count each batch\'s correct predictions once, and record the same accuracy', async () => {
  const m = smallModel();
  const counter = countingCorrect(m.backend);
  const epochs = 2;
  const batchSize = 50;
  const h = await m.fit(trainData.x, trainData.y, { epochs, batchSize, seed: 4, validationData: [valData.x, valData.y] });
  const calls = counter.calls;
  const trainBatches = Math.ceil(trainData.x.shape[0]! / batchSize);
  const valBatches = Math.ceil(valData.x.shape[0]! / 256); // validation runs at evaluate's default batch size
  assert.equal(calls, epochs * (trainBatches + valBatches), `${calls} counts for ${epochs} epochs of ${trainBatches} training and ${valBatches} validation batches`);
  const predicted = m.predict(valData.x);
  const byHand = accuracyOf(predicted.data, valData.y.data, 3);
  assert.equal(h.history.val_accuracy!.at(-1), byHand);
  const before = counter.calls;
  const e = m.evaluate(valData.x, valData.y, { batchSize: 16 });
  assert.equal(counter.calls - before, Math.ceil(valData.x.shape[0]! / 16));
  assert.equal(e.accuracy, byHand);
});

test('a scored batch read without metrics still counts its correct predictions, once however often it is read', async () => {
  const m = smallModel();
  const counter = countingCorrect(m.backend);
  await m.fit(trainData.x, trainData.y, { epochs: 1, batchSize: 50, seed: 4 });
  const engine = m.engine();
  const rows = 5;
  const scores = new Float32Array([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8]);
  const labels = Int32Array.from([0, 1, 1, 2, 2]);
  const before = counter.calls;
  const r = engine.score(scores, { kind: 'sparse', labels }, rows, false);
  assert.equal(counter.calls, before, 'not counted before it is read');
  assert.deepEqual([r.correct, r.correct], [3, 3]);
  assert.equal(counter.calls - before, 1);
});
