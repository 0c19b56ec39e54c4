/**
 * The wasm backend's platform in Node: the kernels read from dist/ with fs (compiled once per
 * process) and a worker_threads pool, every core by default. The relaxed-SIMD build (fused
 * multiply-add) is used where V8 compiles it: on Node 22 and later by default, on Node 20
 * once the V8 flag `--experimental-wasm-relaxed-simd` is set, which this adapter does before
 * compiling. `NOISENET_RELAXED_SIMD=0` in the environment keeps the plain-SIMD build.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { NoisenetError } from '../../../errors.js';
import { wasmUrl } from '../module.js';
import type { WasmPlatform } from '../platform.js';
import { relaxedSimdSupported } from '../support.js';
import { api, type Module } from '../wasm-api.js';
import type { WasmArithmetic } from '../wasm-backend.js';
import { defaultThreadCount, startThreadPool } from './thread-pool.js';
import { collectGarbage } from './collect-garbage.js';

const compiled = new Map<WasmArithmetic, Module>();

/** Whether V8 compiles relaxed SIMD, after switching it on where it is behind a flag. */
export function relaxedSimdAvailable(): boolean {
  if (relaxedSimdSupported()) return true;
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return relaxedSimdSupported();
}

/** The build the Node platform uses: relaxed SIMD when available, unless NOISENET_RELAXED_SIMD=0. */
export function defaultArithmetic(): WasmArithmetic {
  return process.env['NOISENET_RELAXED_SIMD'] !== '0' && relaxedSimdAvailable() ? 'relaxed-simd' : 'simd';
}

/** The compiled kernel module of one build (synchronous; cached). */
export function kernelModule(arithmetic: WasmArithmetic = defaultArithmetic()): Module {
  let module = compiled.get(arithmetic);
  if (!module) {
    if (arithmetic === 'relaxed-simd' && !relaxedSimdAvailable()) throw new NoisenetError('wasm backend: this runtime does not compile relaxed SIMD');
    const url = wasmUrl(arithmetic === 'relaxed-simd');
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(url);
    } catch (e) {
      throw new NoisenetError(`wasm backend: cannot read ${url.pathname} (run npm run build): ${(e as Error).message}`);
    }
    module = new (api().Module)(bytes);
    compiled.set(arithmetic, module);
  }
  return module;
}

/** The Node platform with the kernels of one build (`simd` or `relaxed-simd`), e.g. to compare them. */
export function nodeWasmPlatformWith(arithmetic: WasmArithmetic): WasmPlatform {
  return { kernels: () => kernelModule(arithmetic), defaultThreads: defaultThreadCount, threadPool: startThreadPool, collectGarbage };
}

/** The platform the Node entry gives the wasm backend. */
export const nodeWasmPlatform: WasmPlatform = {
  kernels: () => kernelModule(),
  defaultThreads: defaultThreadCount,
  threadPool: startThreadPool,
  collectGarbage,
};
