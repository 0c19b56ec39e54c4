/** A seeded, stratified subset of own data's training samples. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoadedData } from './loaded-data.js';
import { stratifiedSubset } from './stratified-subset.js';

/** 100 samples of one feature (its index), classes 0, 1, 2 in shares 50, 30, 20. */
function data(): LoadedData {
  const y = Int32Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : i < 80 ? 1 : 2));
  return {
    kind: 'table', source: 'table t.csv', task: 'classification', sampleShape: [1], xScale: 1, classes: ['a', 'b', 'c'],
    train: { x: Float32Array.from({ length: 100 }, (_, i) => i), y, count: 100 }, test: null, preprocessing: [], warnings: [],
  };
}

test('a subset of N keeps each class its share, follows its samples, and depends only on the seed', () => {
  const sub = stratifiedSubset(data(), 20, 7);
  assert.equal(sub.train.count, 20);
  const counts = [0, 0, 0];
  for (let i = 0; i < 20; i++) {
    counts[sub.train.y[i]!]!++;
    const x = sub.train.x[i]!;
    assert.equal(sub.train.y[i], x < 50 ? 0 : x < 80 ? 1 : 2, 'each sample keeps its label');
  }
  assert.deepEqual(counts, [10, 6, 4]);
  assert.deepEqual(stratifiedSubset(data(), 20, 7).train.x, sub.train.x);
  assert.notDeepEqual(stratifiedSubset(data(), 20, 8).train.x, sub.train.x);
});

test('a subset of every sample is the data itself; more samples than there are is refused naming the source', () => {
  const d = data();
  assert.equal(stratifiedSubset(d, 100, 1), d);
  assert.throws(() => stratifiedSubset(d, 101, 1), /^DataFileError: table t\.csv: a training subset of 101 samples is more than the 100 training samples$/);
});
