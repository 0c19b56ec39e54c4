/**
 * The thread pool: workers that share the backend's memory, started once. The main thread
 * posts a job in a worker's slot, runs its own part, then waits: a short spin, then
 * Atomics.wait with a timeout, checking for a failed or dead worker at every wake, so a
 * kernel call stays synchronous and never hangs on a worker that is gone.
 */
import { Worker } from 'node:worker_threads';
import { NoisenetError } from '../../errors.js';
import type { WasmMemory } from './memory.js';
import { SLOT_BYTES, SEQ, DONE, OP_INDEX, STATUS, READY, FAILED, DEAD, slotViews, readMessage, type SlotViews } from './slots.js';
import type { WorkerData } from './worker.js';
import type { Module } from './wasm-api.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Spins before a thread sleeps: enough to bridge the gaps between kernels of a training step. */
const SPIN = 20000;
const START_TIMEOUT_MS = 15000;
const WAIT_SLICE_MS = 20;

export class ThreadPool {
  private readonly workers: Worker[] = [];
  private readonly slots: SlotViews[] = [];
  /** Workers posted to since the last wait. */
  private pending = 0;
  private broken: string | null = null;

  /** Starts `count` workers on the memory and waits until each has loaded the kernels. */
  constructor(count: number, module: Module, mem: WasmMemory) {
    for (let i = 0; i < count; i++) {
      const at = mem.allocBytes(SLOT_BYTES);
      const data: WorkerData = { module, memory: mem.memory, slot: at, spin: SPIN };
      const worker = new Worker(WORKER_URL, { workerData: data });
      worker.unref();
      worker.on('error', () => {}); // reported through the slot
      this.workers.push(worker);
      this.slots.push(slotViews(mem.memory.buffer, at));
    }
    try {
      for (let i = 0; i < count; i++) this.awaitReady(i);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Number of workers (the main thread is not counted). */
  get size(): number {
    return this.workers.length;
  }

  /** Posts job `op` with arguments to worker `w`; {@link wait} collects it. */
  post(w: number, op: number, a0: number, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0): void {
    if (this.broken !== null) throw new NoisenetError(this.broken);
    const { ctl, args } = this.slots[w]!;
    this.check(w);
    args[0] = a0; args[1] = a1; args[2] = a2; args[3] = a3; args[4] = a4; args[5] = a5;
    args[6] = a6; args[7] = a7; args[8] = a8; args[9] = a9; args[10] = a10; args[11] = a11;
    ctl[OP_INDEX] = op;
    Atomics.add(ctl, SEQ, 1);
    Atomics.notify(ctl, SEQ);
    this.pending = Math.max(this.pending, w + 1);
  }

  /** Waits for every posted job; throws the first worker error. */
  wait(): void {
    const n = this.pending;
    this.pending = 0;
    let error: string | null = null;
    for (let w = 0; w < n; w++) {
      const { ctl } = this.slots[w]!;
      const seq = Atomics.load(ctl, SEQ);
      let spins = 0;
      let done: number;
      while ((done = Atomics.load(ctl, DONE)) !== seq) {
        if (++spins < SPIN) continue;
        if (Atomics.load(ctl, STATUS) === DEAD) break;
        Atomics.wait(ctl, DONE, done, WAIT_SLICE_MS);
      }
      try {
        this.check(w);
      } catch (e) {
        error ??= (e as Error).message;
      }
    }
    if (error !== null) throw new NoisenetError(error);
  }

  /** Ends the workers. */
  dispose(): void {
    this.broken = 'wasm backend: used after dispose()';
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }

  /** Throws if worker `w` failed its last job or has ended. */
  private check(w: number): void {
    const slot = this.slots[w]!;
    const status = Atomics.load(slot.ctl, STATUS);
    if (status === FAILED) {
      Atomics.store(slot.ctl, STATUS, 0);
      throw new NoisenetError(`wasm backend: worker ${w + 1} failed: ${readMessage(slot)}`);
    }
    if (status === DEAD) {
      this.broken = `wasm backend: worker ${w + 1} died: ${readMessage(slot)}`;
      throw new NoisenetError(this.broken);
    }
  }

  private awaitReady(w: number): void {
    const { ctl } = this.slots[w]!;
    const start = Date.now();
    while (Atomics.load(ctl, READY) === 0) {
      if (Atomics.load(ctl, STATUS) === DEAD) this.check(w);
      if (Date.now() - start > START_TIMEOUT_MS) {
        throw new NoisenetError(`wasm backend: worker ${w + 1} did not start within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(ctl, READY, 0, WAIT_SLICE_MS);
    }
  }
}
