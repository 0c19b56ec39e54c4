/**
 * What every wasm kernel wrapper needs: the memory, the main thread's kernels, the pool,
 * per-thread scratch space and the rule that splits work between threads.
 */
import type { Kernels } from './kernels.js';
import type { WasmMemory } from './memory.js';
import type { ThreadPool } from './pool.js';
import { ShapeError } from '../../errors.js';

export class WasmContext {
  /** Scratch areas, one per thread (index 0: the main thread), and their sizes in bytes. */
  private readonly scratch: number[];
  private readonly scratchBytes: number[];
  private intBuf: Int32Array;

  constructor(
    readonly mem: WasmMemory,
    readonly k: Kernels,
    readonly pool: ThreadPool | null,
  ) {
    const threads = 1 + (pool?.size ?? 0);
    this.scratch = new Array<number>(threads).fill(0);
    this.scratchBytes = new Array<number>(threads).fill(0);
    this.intBuf = mem.ints(256);
  }

  /** Threads that can work on one kernel: the main thread and the workers. */
  get threads(): number {
    return 1 + (this.pool?.size ?? 0);
  }

  /**
   * How many threads to use for `units` independent pieces of work of `cost` each: one
   * unless the total is worth a dispatch (`minCost`), never more than there are pieces.
   */
  parts(units: number, cost: number, minCost: number): number {
    if (this.threads === 1 || units * cost < minCost) return 1;
    return Math.max(1, Math.min(this.threads, units));
  }

  /** A scratch area of at least `bytes` for thread `t`, reused across calls. */
  scratchFor(t: number, bytes: number): number {
    if (this.scratchBytes[t]! < bytes) {
      const size = Math.max(bytes, 2 * this.scratchBytes[t]!, 65536);
      this.scratch[t] = this.mem.allocBytes(size);
      this.scratchBytes[t] = size;
    }
    return this.scratch[t]!;
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

/** Start of part `t` of `parts` over `n` units, on multiples of `align` (the last part ends at n). */
export function cut(n: number, parts: number, t: number, align: number): number {
  if (t >= parts) return n;
  return Math.min(n, Math.round((n * t) / parts / align) * align);
}
