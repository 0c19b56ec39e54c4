/**
 * The compiled kernels (dist/kernels.wasm): where they are, and their instantiation, once per
 * thread, against the backend's shared memory. Reading or fetching the file is the platform's
 * part (see platform.ts).
 */
import type { Kernels } from './kernels.js';
import { api, type Memory, type Module } from './wasm-api.js';

/**
 * Where `npm run build` writes the module, relative to this file in dist/kernels/wasm/; `relaxed`:
 * the relaxed-SIMD build of the same kernels (fused multiply-add), for runtimes that support it.
 * A function, not a constant: a script started from a blob: URL (the browser bundle's kernel
 * worker) has no base to resolve a relative URL against, and never asks.
 */
export function wasmUrl(relaxed: boolean): URL {
  return new URL(relaxed ? '../../kernels-relaxed.wasm' : '../../kernels.wasm', import.meta.url);
}

/** Instantiates the kernels on `memory` and returns their exports. */
export function instantiate(module: Module, memory: Memory): Kernels {
  const instance = new (api().Instance)(module, { env: { memory } });
  return instance.exports as unknown as Kernels;
}
