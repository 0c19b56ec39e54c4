/** The WebAssembly SIMD backend: factory and feature check. */
export { createWasmBackend, type WasmBackend } from './wasm-backend.js';
export { wasmUnsupportedReason } from './support.js';
