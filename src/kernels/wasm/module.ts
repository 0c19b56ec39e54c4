/**
 * Loading the compiled kernels (dist/kernels.wasm): compiled once per process, instantiated
 * once per thread against the backend's shared memory.
 */
import { readFileSync } from 'node:fs';
import { NoisenetError } from '../../errors.js';
import type { Kernels } from './kernels.js';
import { api, type Memory, type Module } from './wasm-api.js';

/** Where `npm run build` writes the module, relative to this file in dist/kernels/wasm/. */
export const WASM_URL = new URL('../../kernels.wasm', import.meta.url);

let compiled: Module | undefined;

/** The compiled kernel module (synchronous; cached). */
export function kernelModule(): Module {
  if (!compiled) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(WASM_URL);
    } catch (e) {
      throw new NoisenetError(`wasm backend: cannot read ${WASM_URL.pathname} (run npm run build): ${(e as Error).message}`);
    }
    compiled = new (api().Module)(bytes);
  }
  return compiled;
}

/** Instantiates the kernels on `memory` and returns their exports. */
export function instantiate(module: Module, memory: Memory): Kernels {
  const instance = new (api().Instance)(module, { env: { memory } });
  return instance.exports as unknown as Kernels;
}
