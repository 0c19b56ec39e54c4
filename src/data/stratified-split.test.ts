import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from './seeded-shuffle.js';
import { stratifiedSplit } from './stratified-split.js';

test('stratifiedSplit keeps each class share and rounds quotas to the exact total', () => {
  // class sizes 7, 3, 5 -> 20% is 1.4, 0.6, 1.0: floors 1, 0, 1 and one more for class 1 (largest remainder)
  const labels = new Uint8Array([...new Array(7).fill(0), ...new Array(3).fill(1), ...new Array(5).fill(2)]);
  const { train, test: held } = stratifiedSplit(labels, 0.2, mulberry32(3));
  assert.equal(held.length, 3);
  assert.equal(train.length, 12);
  assert.deepEqual([...held].map((i) => labels[i]).sort(), [0, 1, 2]);
  assert.deepEqual(new Set([...train, ...held]).size, 15);
});

test('mulberry32 is reproducible and in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
});
