/**
 * What every wasm kernel wrapper needs: the memory, the main thread's kernels, the pool,
 * per-thread scratch space, and `run`, which runs a kernel over a range on one thread or
 * cut into chunks for all of them.
 */
import type { Kernels } from './kernels.js';
import type { WasmMemory } from './memory.js';
import type { ThreadPool } from './platform.js';
import type { ChunkFn } from './chunks.js';
import { ShapeError } from '../../errors.js';

/** Chunks per thread: enough that a late or slow thread leaves work to the others. */
const CHUNKS_PER_THREAD = 8;

export class WasmContext {
  /** Scratch areas, one per thread (index 0: the main thread), and their size in bytes. */
  private readonly scratch: number[];
  private scratchBytes = 0;
  private intBuf: Int32Array;
  private stageBytes: Uint8Array;
  private stage32: Uint32Array;
  private readonly fns: readonly ChunkFn[];

  constructor(
    readonly mem: WasmMemory,
    readonly k: Kernels,
    readonly pool: ThreadPool | null,
    fns: readonly ChunkFn[],
  ) {
    this.threads = 1 + (pool?.size ?? 0);
    this.scratch = new Array<number>(this.threads).fill(0);
    this.intBuf = mem.ints(256);
    this.stageBytes = new Uint8Array(0);
    this.stage32 = new Uint32Array(0);
    this.fns = fns;
  }

  /** Threads that share a kernel: the main thread and the workers. */
  readonly threads: number;

  /**
   * Runs chunked kernel `op` over `[0, total)`. `cost` estimates the work of one unit; below
   * `minCost` in all, or with one thread, it is one call on the main thread. Otherwise the
   * range is cut into chunks of a multiple of `align` units, shared by all threads.
   */
  run(op: number, total: number, align: number, cost: number, minCost: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0): void {
    const pool = this.pool;
    if (pool === null || total * cost < minCost || total <= align) {
      this.fns[op]!(0, total, this.scratch[0]!, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
      return;
    }
    const target = this.threads * CHUNKS_PER_THREAD;
    const minUnits = Math.ceil(minCost / (2 * CHUNKS_PER_THREAD * cost));
    const step = Math.ceil(Math.max(total / target, minUnits) / align) * align;
    if (step >= total) {
      this.fns[op]!(0, total, this.scratch[0]!, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
      return;
    }
    pool.run(op, total, step, this.scratch[0]!, true, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
  }

  /** Makes every thread's scratch area at least `bytes` long. */
  ensureScratch(bytes: number): void {
    if (bytes <= this.scratchBytes) return;
    const size = Math.max(bytes, 2 * this.scratchBytes, 65536);
    for (let t = 0; t < this.threads; t++) {
      this.scratch[t] = this.mem.allocBytes(size);
      if (t > 0) this.pool!.setScratch(t - 1, this.scratch[t]!);
    }
    this.scratchBytes = size;
  }

  /** A staging area of at least `bytes` bytes in wasm memory (for gathered byte rows), reused. */
  stage(bytes: number): Uint8Array {
    if (this.stageBytes.length < bytes) {
      const size = Math.max(bytes, 2 * this.stageBytes.length, 65536);
      const at = this.mem.allocBytes(size);
      this.stageBytes = new Uint8Array(this.mem.memory.buffer, at, size);
      this.stage32 = new Uint32Array(this.mem.memory.buffer, at, size >> 2);
    }
    return this.stageBytes;
  }

  /** The staging area as 32-bit words. */
  stageWords(): Uint32Array {
    return this.stage32;
  }

  /** Copies `ints[start..start+count)` (labels, row indexes) where the kernels can read them; returns the offset. */
  ints(ints: Int32Array, count: number, start = 0): number {
    if (ints.length < start + count) throw new ShapeError(`wasm backend: ${ints.length} labels or indexes for ${start + count} rows`);
    if (this.intBuf.length < count) this.intBuf = this.mem.ints(Math.max(count, 2 * this.intBuf.length));
    const buf = this.intBuf;
    for (let i = 0; i < count; i++) buf[i] = ints[start + i]!;
    return buf.byteOffset;
  }
}
