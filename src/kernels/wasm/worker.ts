/**
 * A kernel worker: instantiates the kernels on the backend's shared memory, then runs the
 * jobs the main thread posts in its slot, forever. Between jobs it spins briefly (jobs come
 * every few microseconds during training) and then sleeps in Atomics.wait.
 */
import { workerData } from 'node:worker_threads';
import { instantiate } from './module.js';
import { OPS } from './kernels.js';
import type { Memory, Module } from './wasm-api.js';
import { SEQ, DONE, OP_INDEX, STATUS, READY, OK, FAILED, DEAD, slotViews, writeMessage } from './slots.js';

interface WorkerData {
  module: Module;
  memory: Memory;
  slot: number;
  spin: number;
}

type Job = (...args: number[]) => unknown;

const data = workerData as WorkerData;
const slot = slotViews(data.memory.buffer, data.slot);
const { ctl, args } = slot;
let seq = Atomics.load(ctl, SEQ);

/** Marks the worker dead with a message and wakes the main thread (also on process.exit). */
function die(message: string): void {
  if (Atomics.load(ctl, STATUS) === DEAD) return;
  writeMessage(slot, message);
  Atomics.store(ctl, STATUS, DEAD);
  Atomics.store(ctl, DONE, Atomics.load(ctl, SEQ));
  Atomics.notify(ctl, DONE);
}

process.on('exit', (code) => die(`worker thread exited (code ${code})`));

const kernels = instantiate(data.module, data.memory) as unknown as Record<string, Job>;
const jobs: Job[] = OPS.map((name) => {
  if (name === 'throw') return () => { throw new Error('test fault: worker threw'); };
  if (name === 'exit') return () => process.exit(70);
  return kernels[name]!;
});

Atomics.store(ctl, READY, 1);
Atomics.notify(ctl, READY);

for (;;) {
  let spins = 0;
  while (Atomics.load(ctl, SEQ) === seq) {
    if (++spins > data.spin) {
      Atomics.wait(ctl, SEQ, seq);
      spins = 0;
    }
  }
  seq = Atomics.load(ctl, SEQ);
  try {
    const a = args;
    jobs[Atomics.load(ctl, OP_INDEX)]!(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!);
    Atomics.store(ctl, STATUS, OK);
  } catch (e) {
    writeMessage(slot, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    Atomics.store(ctl, STATUS, FAILED);
  }
  Atomics.store(ctl, DONE, seq);
  Atomics.notify(ctl, DONE);
}

export type { WorkerData };
