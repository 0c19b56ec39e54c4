/**
 * The Node thread pool: worker_threads that share the backend's memory, started once (the
 * protocol is the runtime-independent {@link SharedPool}).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ThreadPoolFactory } from '../platform.js';
import { SharedPool } from '../shared-pool.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** The process's Node options, less those that only apply to the main script or the test runner. */
const WORKER_EXEC_ARGV = process.execArgv.filter((a) => !a.startsWith('--input-type') && !a.startsWith('--test'));

/** Starts a pool of worker_threads: the wasm platform's `threadPool` in Node. */
export const startThreadPool: ThreadPoolFactory = (count, module, mem, fns) =>
  new SharedPool(count, module, mem, fns, (init) => {
    const worker = new Worker(WORKER_URL, { workerData: init, execArgv: WORKER_EXEC_ARGV });
    worker.unref();
    worker.on('error', () => {}); // reported through the slot
    return { terminate: () => void worker.terminate() };
  });

/** Threads of a wasm backend when not given: every core the process may use. */
export function defaultThreadCount(): number {
  return availableParallelism();
}
