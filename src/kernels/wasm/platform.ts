/**
 * What the wasm backend needs from the runtime it runs in, supplied from outside so that the
 * backend itself uses web-standard APIs only: the compiled kernels, and optionally a pool of
 * worker threads that share the backend's memory. Without a pool the backend runs every kernel
 * on the calling thread. The Node entry supplies both (the kernels read from
 * `dist/kernels.wasm`, a worker_threads pool); elsewhere `loadWasmKernels()` fetches the kernels.
 */
import { NoisenetError } from '../../errors.js';
import type { ChunkFn } from './chunks.js';
import type { WasmMemory } from './memory.js';
import { wasmUrl } from './module.js';
import { relaxedSimdSupported } from './support.js';
import { api, type Module } from './wasm-api.js';

/** Worker threads that take chunks of the kernels (see `chunks.ts` and `layout.ts` for the protocol). */
export interface ThreadPool {
  /** Number of workers (the calling thread is not counted). */
  readonly size: number;
  /** Sets the scratch area worker `w` passes to the kernels. */
  setScratch(w: number, at: number): void;
  /**
   * Runs kernel `op` over `[0, total)` in chunks of `step` on every thread; the calling thread
   * takes part (with `scratch`) unless `mainJoins` is false. Throws what a thread threw.
   */
  run(op: number, total: number, step: number, scratch: number, mainJoins: boolean, a0?: number, a1?: number, a2?: number, a3?: number, a4?: number, a5?: number, a6?: number, a7?: number, a8?: number, a9?: number, a10?: number, a11?: number): void;
  /** Ends the workers. */
  dispose(): void;
}

/** Starts `count` workers on `mem`, each instantiating `module`; returns once all are ready. */
export type ThreadPoolFactory = (count: number, module: Module, mem: WasmMemory, fns: readonly ChunkFn[]) => ThreadPool;

/** The runtime services of the wasm backend. */
export interface WasmPlatform {
  /** The compiled kernels (synchronous; the platform caches them). Throws when they cannot be had. */
  kernels(): Module;
  /** Threads a backend uses when its options do not say; default 1. */
  defaultThreads?(): number;
  /** Starts worker threads; without it the backend is single-threaded and `threads` must be 1. */
  threadPool?: ThreadPoolFactory;
  /**
   * For runtimes without shared memory (a page that is not cross-origin isolated): the backend
   * then runs on one thread on an unshared memory of this many 64 KiB pages, allocated at once
   * (it cannot grow), and `kernels()` must be the build for unshared memory
   * (`kernels-unshared.wasm`). Absent: a shared memory that grows as needed.
   */
  unsharedPages?: number;
  /**
   * Runs a full garbage collection, called before the memory grows so that buffers of models
   * dropped without `dispose()` are found and reused first. Absent: they are found when the
   * runtime's own collections have taken them.
   */
  collectGarbage?: () => void;
}

let loaded: Module | undefined;

/**
 * Fetches and compiles the kernels, for runtimes without the Node entry (a browser, a worker,
 * Deno): `source` is their URL or their bytes; by default the build beside the package's
 * `dist/index.js` that the runtime supports: `kernels-relaxed.wasm` (fused multiply-add) where
 * relaxed SIMD compiles, else `kernels.wasm`. Afterwards the default platform serves them, so
 * the wasm backend can start.
 */
export async function loadWasmKernels(source?: URL | string | ArrayBuffer | Uint8Array): Promise<void> {
  source ??= wasmUrl(relaxedSimdSupported());
  const bytes = source instanceof ArrayBuffer || source instanceof Uint8Array ? source : await fetchBytes(source);
  loaded = await api().compile(bytes);
}

async function fetchBytes(url: URL | string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new NoisenetError(`wasm backend: cannot fetch ${String(url)} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

/** The platform of runtimes without an adapter: the kernels `loadWasmKernels` loaded, one thread. */
export const defaultWasmPlatform: WasmPlatform = {
  kernels() {
    if (!loaded) throw new NoisenetError(`wasm backend: the kernels are not loaded (${inWebRuntime() ? 'await useBrowserPlatform() before building models' : 'await loadWasmKernels() first, or import the Node entry'})`);
    return loaded;
  },
};

/** Whether this runs on a web page or in a Web Worker (where the advice is the browser entry's). */
function inWebRuntime(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document !== undefined || g.WorkerGlobalScope !== undefined;
}
