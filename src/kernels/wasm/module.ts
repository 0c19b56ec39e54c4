/**
 * The compiled kernels (dist/kernels.wasm): where they are, and their instantiation, once per
 * thread, against the backend's shared memory. Reading or fetching the file is the platform's
 * part (see platform.ts).
 */
import type { Kernels } from './kernels.js';
import { api, type Memory, type Module } from './wasm-api.js';

/** Where `npm run build` writes the module, relative to this file in dist/kernels/wasm/. */
export const WASM_URL = new URL('../../kernels.wasm', import.meta.url);
/** The relaxed-SIMD build of the same kernels (fused multiply-add), for runtimes that support it. */
export const RELAXED_WASM_URL = new URL('../../kernels-relaxed.wasm', import.meta.url);

/** Instantiates the kernels on `memory` and returns their exports. */
export function instantiate(module: Module, memory: Memory): Kernels {
  const instance = new (api().Instance)(module, { env: { memory } });
  return instance.exports as unknown as Kernels;
}
