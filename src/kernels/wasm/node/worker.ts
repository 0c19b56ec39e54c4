/**
 * A kernel worker: instantiates the kernels on the backend's shared memory, then takes
 * chunks of every job the main thread posts, forever. Between jobs it spins briefly (jobs
 * come every few microseconds during training), then sleeps in Atomics.wait.
 */
import { workerData } from 'node:worker_threads';
import { instantiate } from '../module.js';
import { chunkFunctions } from '../kernels.js';
import { runChunks } from '../chunks.js';
import type { Memory, Module } from '../wasm-api.js';
import { SEQ, DONE, STATUS, READY, SCRATCH, FAILED, DEAD, poolViews, slotViews, writeMessage } from '../layout.js';

/** What the pool passes to a worker. */
export interface WorkerData {
  module: Module;
  memory: Memory;
  /** Byte offsets of the pool block and of this worker's slot. */
  pool: number;
  /** Threads of the pool, the main thread included, and this worker's index (the main thread is 0). */
  threads: number;
  index: number;
  slot: number;
  /** Milliseconds to spin waiting for the next job before sleeping. */
  spinMs: number;
}

const data = workerData as WorkerData;
const pool = poolViews(data.memory.buffer, data.pool, data.threads);
const slot = slotViews(data.memory.buffer, data.slot);
let busy = false;

/** Marks the worker dead with a message and wakes the main thread (also on process.exit). */
function die(message: string): void {
  if (Atomics.load(slot.ctl, STATUS) === DEAD) return;
  writeMessage(slot, message);
  Atomics.store(slot.ctl, STATUS, DEAD);
  if (busy) Atomics.add(pool.ctl, DONE, 1); // the chunk it held will not be finished
  Atomics.notify(pool.ctl, DONE);
  Atomics.notify(slot.ctl, READY);
}

process.on('exit', (code) => die(`worker thread exited (code ${code})`));

const fns = chunkFunctions(instantiate(data.module, data.memory), {
  throw: () => {
    throw new Error('test fault: worker threw');
  },
  exit: () => {
    busy = true;
    process.exit(70);
  },
});
const onError = (e: unknown): void => {
  writeMessage(slot, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  Atomics.store(slot.ctl, STATUS, FAILED);
};

// Read before READY is set: the main thread posts the first job only after seeing READY.
let seen = Atomics.load(pool.ctl, SEQ);
Atomics.store(slot.ctl, READY, 1);
Atomics.notify(slot.ctl, READY);

for (;;) {
  let spins = 0;
  let since = performance.now();
  while (Atomics.load(pool.ctl, SEQ) === seen) {
    if ((++spins & 1023) !== 0) continue;
    if (performance.now() - since < data.spinMs) continue;
    Atomics.wait(pool.ctl, SEQ, seen);
    since = performance.now();
  }
  seen = Atomics.load(pool.ctl, SEQ);
  runChunks(pool, seen, data.index, fns, Atomics.load(slot.ctl, SCRATCH), onError);
}
