/** The WebAssembly SIMD backend: factory, feature check, and the platform hooks it runs on. */
export { createWasmBackend, type WasmBackend } from './wasm-backend.js';
export { wasmUnsupportedReason } from './support.js';
export { defaultWasmPlatform, loadWasmKernels, type WasmPlatform, type ThreadPool, type ThreadPoolFactory } from './platform.js';
