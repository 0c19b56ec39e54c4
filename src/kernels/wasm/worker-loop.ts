/**
 * What a kernel worker runs, in any runtime: it instantiates the kernels on the backend's shared
 * memory, then takes chunks of every job the calling thread posts, forever. Between jobs it
 * spins briefly (jobs come every few microseconds during training), then sleeps in
 * Atomics.wait. The runtime's worker script (`node/worker.ts`, `browser/kernel-worker.ts`) gets
 * the {@link WorkerInit} and reports the thread's end with {@link KernelWorker.die}.
 */
import { instantiate } from './module.js';
import { chunkFunctions } from './kernels.js';
import { runChunks, type ChunkFn } from './chunks.js';
import type { Memory, Module } from './wasm-api.js';
import { SEQ, DONE, STATUS, READY, SCRATCH, FAILED, DEAD, poolViews, slotViews, writeMessage, type PoolViews, type SlotViews } from './layout.js';

/** What the pool passes to a worker. */
export interface WorkerInit {
  module: Module;
  memory: Memory;
  /** Byte offsets of the pool block and of this worker's slot. */
  pool: number;
  /** Threads of the pool, the calling thread included, and this worker's index (the calling thread is 0). */
  threads: number;
  index: number;
  slot: number;
  /** Milliseconds to spin waiting for the next job before sleeping. */
  spinMs: number;
}

/** The test faults of a worker's runtime: `exit` ends the thread in the middle of a chunk. */
export interface WorkerFaults {
  exit: () => void;
}

export class KernelWorker {
  private readonly pool: PoolViews;
  private readonly slot: SlotViews;
  /** Whether the thread is ending in the middle of a chunk (its death then counts the chunk as done). */
  private busy = false;

  constructor(private readonly init: WorkerInit, private readonly faults: WorkerFaults) {
    this.pool = poolViews(init.memory.buffer, init.pool, init.threads);
    this.slot = slotViews(init.memory.buffer, init.slot);
  }

  /** Marks the worker dead with a message and wakes the calling thread (call it when the thread ends). */
  die(message: string): void {
    const { pool, slot } = this;
    if (Atomics.load(slot.ctl, STATUS) === DEAD) return;
    writeMessage(slot, message);
    Atomics.store(slot.ctl, STATUS, DEAD);
    if (this.busy) Atomics.add(pool.ctl, DONE, 1); // the chunk it held will not be finished
    Atomics.notify(pool.ctl, DONE);
    Atomics.notify(slot.ctl, READY);
  }

  /** Instantiates the kernels, signals readiness, then runs chunks of every job; never returns. */
  loop(): void {
    const { pool, slot, init } = this;
    const fns: ChunkFn[] = chunkFunctions(instantiate(init.module, init.memory), {
      throw: () => {
        throw new Error('test fault: worker threw');
      },
      exit: () => {
        this.busy = true;
        this.faults.exit();
      },
    });
    const onError = (e: unknown): void => {
      writeMessage(slot, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      Atomics.store(slot.ctl, STATUS, FAILED);
    };
    // Read before READY is set: the calling thread posts the first job only after seeing READY.
    let seen = Atomics.load(pool.ctl, SEQ);
    Atomics.store(slot.ctl, READY, 1);
    Atomics.notify(slot.ctl, READY);
    for (;;) {
      let spins = 0;
      let since = performance.now();
      while (Atomics.load(pool.ctl, SEQ) === seen) {
        if ((++spins & 1023) !== 0) continue;
        if (performance.now() - since < init.spinMs) continue;
        Atomics.wait(pool.ctl, SEQ, seen);
        since = performance.now();
      }
      seen = Atomics.load(pool.ctl, SEQ);
      runChunks(pool, seen, init.index, fns, Atomics.load(slot.ctl, SCRATCH), onError);
    }
  }
}
