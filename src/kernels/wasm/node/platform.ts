/**
 * The wasm backend's platform in Node: the kernels read from dist/kernels.wasm with fs
 * (compiled once per process) and a worker_threads pool, every core by default.
 */
import { readFileSync } from 'node:fs';
import { NoisenetError } from '../../../errors.js';
import { WASM_URL } from '../module.js';
import type { WasmPlatform } from '../platform.js';
import { api, type Module } from '../wasm-api.js';
import { defaultThreadCount, startThreadPool } from './thread-pool.js';

let compiled: Module | undefined;

/** The compiled kernel module (synchronous; cached). */
export function kernelModule(): Module {
  if (!compiled) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(WASM_URL);
    } catch (e) {
      throw new NoisenetError(`wasm backend: cannot read ${WASM_URL.pathname} (run npm run build): ${(e as Error).message}`);
    }
    compiled = new (api().Module)(bytes);
  }
  return compiled;
}

/** The platform the Node entry gives the wasm backend. */
export const nodeWasmPlatform: WasmPlatform = {
  kernels: kernelModule,
  defaultThreads: defaultThreadCount,
  threadPool: startThreadPool,
};
