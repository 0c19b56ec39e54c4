/** The wasm allocator gives memory back: freed buffers are reused zeroed, a freed buffer is refused, dropped buffers are found before the memory grows. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmBackend } from './wasm-backend.js';
import { nodeWasmPlatform } from './node/platform.js';
import { WasmMemory } from './memory.js';
import { collectGarbage } from './node/collect-garbage.js';
import { NoisenetError } from '../../errors.js';

it('reuses a freed buffer zeroed, and refuses the freed view in a kernel', () => {
  const b = createWasmBackend({ threads: 1 }, nodeWasmPlatform);
  try {
    const a = b.alloc(1000);
    a.fill(7);
    const top = b.reservedBytes;
    b.free!(a);
    assert.ok(b.reservedBytes < top, 'the top falls when its last block is freed');
    const again = b.alloc(1000);
    assert.equal(again.byteOffset, a.byteOffset, 'the same block');
    assert.ok(again.every((v) => v === 0), 'zeroed again');
    assert.throws(() => b.sum(a, 1000), (e: Error) => e instanceof NoisenetError && /was freed/.test(e.message));
    b.free!(a); // a second free of the same view does nothing
    assert.equal(b.sum(again, 1000), 0);
  } finally {
    b.dispose();
  }
});

it('finds buffers nobody holds before growing the memory', async () => {
  const mem = new WasmMemory(undefined, collectGarbage);
  const size = mem.memory.buffer.byteLength;
  for (let i = 0; i < 50; i++) {
    mem.floats(size / 8); // dropped at once: each would take an eighth of the memory for good
    await new Promise((resolve) => setTimeout(resolve, 0)); // a view is only collected once the event loop turns
  }
  assert.ok(mem.memory.buffer.byteLength <= 2 * size, `the memory grew from ${size} to ${mem.memory.buffer.byteLength} bytes`);
});

it('frees blocks next to each other into one that a larger buffer reuses', () => {
  const mem = new WasmMemory();
  const a = mem.floats(1024);
  const b = mem.floats(1024);
  mem.floats(16); // keeps the top above them
  const top = mem.used;
  mem.freeView(a);
  mem.freeView(b);
  const c = mem.floats(2048);
  assert.equal(c.byteOffset, a.byteOffset);
  assert.equal(mem.used, top);
});
