import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from '../errors.js';
import { selectSamples, subsetSplit } from './subset-split.js';
import type { ImageSplit } from './types.js';

/** 50 one-pixel-row images whose pixels equal their index, labelled index % 10. */
const split: ImageSplit = {
  images: Uint8Array.from({ length: 50 * 2 }, (_, i) => i >> 1),
  labels: Uint8Array.from({ length: 50 }, (_, i) => i % 10),
  count: 50,
  height: 1,
  width: 2,
};

test('subsetSplit draws n distinct samples, pixels and labels kept together', () => {
  const sub = subsetSplit(split, 20, 7);
  assert.equal(sub.count, 20);
  assert.equal(sub.images.length, 40);
  const picked = Array.from({ length: 20 }, (_, k) => sub.images[2 * k]!);
  assert.equal(new Set(picked).size, 20);
  picked.forEach((index, k) => {
    assert.equal(sub.images[2 * k + 1], index);
    assert.equal(sub.labels[k], index % 10);
  });
});

test('subsetSplit is deterministic for a seed and differs across seeds', () => {
  assert.deepEqual(subsetSplit(split, 10, 1), subsetSplit(split, 10, 1));
  assert.notDeepEqual(subsetSplit(split, 10, 1).images, subsetSplit(split, 10, 2).images);
});

test('subsetSplit rejects n larger than the split, zero, or fractional', () => {
  assert.throws(() => subsetSplit(split, 51, 1), (err: unknown) => err instanceof InvalidArgumentError && /n must be an integer from 1 to 50.*received 51/.test(err.message));
  assert.throws(() => subsetSplit(split, 0, 1), InvalidArgumentError);
  assert.throws(() => subsetSplit(split, 2.5, 1), InvalidArgumentError);
  assert.throws(() => subsetSplit(split, 5, 0.5), InvalidArgumentError);
});

test('selectSamples rejects an index outside the split', () => {
  assert.throws(() => selectSamples(split, [0, 50]), InvalidArgumentError);
});
