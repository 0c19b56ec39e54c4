/**
 * The thread pool over the backend's shared memory, for any runtime that has workers: the
 * runtime's adapter only starts the workers (`node/thread-pool.ts`: worker_threads;
 * `browser/thread-pool.ts`: Web Workers) and this class does the rest. A job is a kernel cut into
 * chunks; the calling thread posts it, takes chunks itself, then waits for the chunks other
 * threads hold (a short spin, then Atomics.wait with a timeout, checking for a dead worker at
 * every wake), so kernel calls stay synchronous and never hang. The calling thread must be one
 * that may block (not a page's main thread).
 */
import { NoisenetError } from '../../errors.js';
import type { WasmMemory } from './memory.js';
import type { ThreadPool } from './platform.js';
import type { WorkerInit } from './worker-loop.js';
import type { Module } from './wasm-api.js';
import { runChunks, counterTag, type ChunkFn } from './chunks.js';
import * as L from './layout.js';

/**
 * How long an idle worker spins before it sleeps: longer than the gaps between the kernels of
 * a training step, so workers stay awake through training (a sleeping thread takes tens of
 * microseconds to wake), short enough to leave an idle process quiet.
 */
const WORKER_SPIN_MS = 3;
/** Spin iterations of the calling thread waiting for other threads' chunks before it sleeps. */
const SPIN = 50_000;
const START_TIMEOUT_MS = 10_000;
const WAIT_SLICE_MS = 10;

/** A started worker, as the pool needs it. */
export interface PoolWorker {
  /** Ends the worker (it may be in the middle of a chunk). */
  terminate(): void;
}

/** Starts worker `init.index` (1-based) running {@link WorkerInit}'s loop; the pool waits for it to be ready. */
export type StartWorker = (init: WorkerInit) => PoolWorker;

export class SharedPool implements ThreadPool {
  private readonly workers: PoolWorker[] = [];
  private readonly slots: L.SlotViews[] = [];
  private readonly pool: L.PoolViews;
  private seq = 0;
  private broken: string | null = null;
  private mainError: unknown = null;
  private readonly onMainError = (e: unknown): void => {
    this.mainError ??= e;
  };

  /** Starts `count` workers on the memory with `start` and waits until each has loaded the kernels. */
  constructor(count: number, module: Module, mem: WasmMemory, private readonly fns: readonly ChunkFn[], start: StartWorker) {
    const poolAt = mem.allocBytes(L.poolBytes(count + 1));
    this.pool = L.poolViews(mem.memory.buffer, poolAt, count + 1);
    try {
      for (let i = 0; i < count; i++) {
        const slot = mem.allocBytes(L.SLOT_BYTES);
        this.slots.push(L.slotViews(mem.memory.buffer, slot));
        this.workers.push(start({ module, memory: mem.memory, pool: poolAt, threads: count + 1, index: i + 1, slot, spinMs: WORKER_SPIN_MS }));
      }
      for (let i = 0; i < count; i++) this.awaitReady(i);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Number of workers (the calling thread is not counted). */
  get size(): number {
    return this.workers.length;
  }

  /** Sets the scratch area worker `w` passes to the kernels. */
  setScratch(w: number, at: number): void {
    Atomics.store(this.slots[w]!.ctl, L.SCRATCH, at);
  }

  /**
   * Runs kernel `op` over `[0, total)` in chunks of `step` on every thread; the calling thread
   * takes part (with `scratch`) unless `mainJoins` is false. Throws what a thread threw.
   */
  run(op: number, total: number, step: number, scratch: number, mainJoins: boolean, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0): void {
    if (this.broken !== null) throw new NoisenetError(this.broken);
    const { ctl, f64 } = this.pool;
    const seq = (this.seq = (this.seq + 1) & 0x3fffffff);
    const j = L.jobIndex(seq);
    const chunks = Math.ceil(total / step);
    if (chunks > L.MAX_CHUNKS) throw new RangeError(`thread pool: ${chunks} chunks, at most ${L.MAX_CHUNKS}`);
    ctl[j + L.JOB_OP] = op;
    ctl[j + L.JOB_TOTAL] = total;
    ctl[j + L.JOB_STEP] = step;
    ctl[j + L.JOB_CHUNKS] = chunks;
    const a = (j * 4 + L.JOB_ARGS_BYTE) / 8;
    f64[a] = a0; f64[a + 1] = a1; f64[a + 2] = a2; f64[a + 3] = a3; f64[a + 4] = a4;
    f64[a + 5] = a5; f64[a + 6] = a6; f64[a + 7] = a7; f64[a + 8] = a8; f64[a + 9] = a9; f64[a + 10] = a10; f64[a + 11] = a11;
    Atomics.store(ctl, L.DONE, 0);
    const tag = counterTag(seq);
    for (let t = 0; t < this.pool.threads; t++) Atomics.store(ctl, L.counterIndex(t), tag + L.shareStart(chunks, this.pool.threads, t));
    Atomics.store(ctl, L.SEQ, seq);
    Atomics.notify(ctl, L.SEQ);
    this.mainError = null;
    if (mainJoins) runChunks(this.pool, seq, 0, this.fns, scratch, this.onMainError);
    this.awaitDone(chunks);
    if (this.mainError !== null) throw this.mainError;
    for (let w = 0; w < this.slots.length; w++) this.check(w);
  }

  /** Ends the workers. */
  dispose(): void {
    this.broken = 'wasm backend: used after dispose()';
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }

  private awaitDone(chunks: number): void {
    const { ctl } = this.pool;
    let spins = 0;
    let done: number;
    while ((done = Atomics.load(ctl, L.DONE)) < chunks) {
      if (++spins < SPIN) continue;
      for (let w = 0; w < this.slots.length; w++) if (Atomics.load(this.slots[w]!.ctl, L.STATUS) === L.DEAD) this.check(w);
      Atomics.wait(ctl, L.DONE, done, WAIT_SLICE_MS);
    }
  }

  /** Throws if worker `w` failed a chunk or has ended. */
  private check(w: number): void {
    const slot = this.slots[w]!;
    const status = Atomics.load(slot.ctl, L.STATUS);
    if (status === L.OK) return;
    if (status === L.FAILED) {
      Atomics.store(slot.ctl, L.STATUS, L.OK);
      throw new NoisenetError(`wasm backend: worker ${w + 1} failed: ${L.readMessage(slot)}`);
    }
    this.broken = `wasm backend: worker ${w + 1} died: ${L.readMessage(slot)}`;
    throw new NoisenetError(this.broken);
  }

  private awaitReady(w: number): void {
    const { ctl } = this.slots[w]!;
    const start = Date.now();
    while (Atomics.load(ctl, L.READY) === 0) {
      this.check(w);
      if (Date.now() - start > START_TIMEOUT_MS) throw new NoisenetError(`wasm backend: worker ${w + 1} did not start within ${START_TIMEOUT_MS / 1000} s`);
      Atomics.wait(ctl, L.READY, 0, WAIT_SLICE_MS);
    }
  }
}
