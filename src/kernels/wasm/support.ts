/**
 * Whether this runtime can run the wasm backend: WebAssembly SIMD and shared memory with
 * Atomics (worker threads are the platform's part, see platform.ts). Nothing runs at import:
 * the registry asks when it first needs a backend.
 */
import { wasmApi } from './wasm-api.js';
/** The smallest module that uses a v128 instruction: validates only where SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

/** The smallest module that uses a relaxed-SIMD instruction (f32x4.relaxed_madd of three v128 constants). */
const RELAXED_PROBE = ((): Uint8Array => {
  const constant = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const body = [0x00, ...constant, ...constant, ...constant, 0xfd, 0x85, 0x02, 0x0b];
  return new Uint8Array([...SIMD_PROBE.subarray(0, 19), 0x0a, body.length + 2, 0x01, body.length, ...body]);
})();

/** Whether this runtime compiles relaxed SIMD (fused multiply-add) now. */
export function relaxedSimdSupported(): boolean {
  return wasmApi?.validate(RELAXED_PROBE) ?? false;
}

/**
 * Why the wasm backend cannot run here, or null when it can. `shared: false` asks about the
 * single-threaded backend on unshared memory, which needs no SharedArrayBuffer.
 */
export function wasmUnsupportedReason(options: { shared?: boolean } = {}): string | null {
  if (!wasmApi) return 'WebAssembly is not available';
  if (!wasmApi.validate(SIMD_PROBE)) return 'WebAssembly SIMD is not supported';
  if (options.shared === false) return null;
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return 'SharedArrayBuffer/Atomics are not available';
  try {
    new wasmApi.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    return 'shared WebAssembly memory is not supported';
  }
  return null;
}
