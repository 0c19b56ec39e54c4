/**
 * The kernel worker script in browsers (built to kernel-worker.js beside the browser bundle): it
 * says it has loaded, then takes the {@link WorkerInit} of the pool that claims it and runs the
 * shared chunk loop on the backend's memory until it is terminated.
 */
import { KernelWorker, type WorkerInit } from '../worker-loop.js';
import { LOADED } from './worker-spares.js';

interface WorkerScope {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  scope.onmessage = null;
  const worker = new KernelWorker(event.data as WorkerInit, {
    // A worker cannot end itself mid-task: it marks itself dead, asks to close and blocks until it does.
    exit: () => {
      worker.die('worker closed');
      scope.close();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  });
  try {
    worker.loop();
  } catch (e) {
    worker.die(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
};
scope.postMessage(LOADED);
