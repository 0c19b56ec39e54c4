/** A kernel worker thread in Node: the shared loop of `../worker-loop.ts`, started with its `workerData`. */
import { workerData } from 'node:worker_threads';
import { KernelWorker, type WorkerInit } from '../worker-loop.js';

const worker = new KernelWorker(workerData as WorkerInit, { exit: () => process.exit(70) });
process.on('exit', (code) => worker.die(`worker thread exited (code ${code})`));
worker.loop();
