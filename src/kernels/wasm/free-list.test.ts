/** The free list of the wasm allocator: blocks merge with their neighbours, the smallest fit is taken, the last block returns to the top. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { FreeList } from './free-list.js';

it('merges a block with the blocks before and after it into one', () => {
  const f = new FreeList();
  f.give(0, 64);
  f.give(128, 64);
  assert.equal(f.count, 2);
  f.give(64, 64);
  assert.equal(f.count, 1);
  assert.equal(f.bytes, 192);
  assert.equal(f.take(192), 0, 'the merged block holds a buffer as large as the three');
  assert.equal(f.count, 0);
});

it('takes the smallest block that fits and keeps the rest of a larger one', () => {
  const f = new FreeList();
  f.give(0, 256);
  f.give(1024, 64);
  assert.equal(f.take(64), 1024, 'the exact fit, not the first block');
  assert.equal(f.take(64), 0);
  assert.equal(f.take(192), 64, 'the rest of the split block');
  assert.equal(f.take(64), null);
  assert.equal(f.bytes, 0);
});

it('hands the last block back to the top only when it ends there', () => {
  const f = new FreeList();
  f.give(0, 64);
  f.give(192, 64);
  assert.equal(f.endingAt(512), null);
  assert.equal(f.endingAt(256), 192);
  assert.equal(f.count, 1);
  assert.equal(f.bytes, 64);
});
