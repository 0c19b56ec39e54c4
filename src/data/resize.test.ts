import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resizeBilinear } from './resize.js';

test('bilinear resizing samples at half-pixel centres, clamped to the edges, as tf.image.resize does', () => {
  // One row [0, 100] to 4 columns: sample points -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
  assert.deepEqual([...resizeBilinear(Uint8Array.of(0, 100), 1, 2, 1, 1, 4)], [0, 25, 75, 100]);
  // 4 columns to 2: sample points 0.5 and 2.5, between neighbours.
  assert.deepEqual([...resizeBilinear(Uint8Array.of(0, 40, 80, 120), 1, 4, 1, 1, 2)], [20, 100]);
  // Channels stay apart; the same size is a copy.
  const rgb = Uint8Array.of(10, 20, 30, 50, 60, 70);
  assert.deepEqual([...resizeBilinear(rgb, 1, 2, 3, 1, 1)], [30, 40, 50]);
  const same = resizeBilinear(rgb, 1, 2, 3, 1, 2);
  assert.deepEqual(same, rgb);
  assert.notEqual(same, rgb);
  // Rows and columns together: a 2x2 block to 1 pixel is the mean of the four.
  assert.deepEqual([...resizeBilinear(Uint8Array.of(0, 100, 200, 100), 2, 2, 1, 1, 1)], [100]);
});
