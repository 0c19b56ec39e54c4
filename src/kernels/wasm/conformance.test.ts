import { runConformance } from './conformance/index.js';
import { createWasmBackend } from './wasm-backend.js';

runConformance('wasm, threads=1', () => createWasmBackend({ threads: 1 }));
runConformance('wasm, threads=2', () => createWasmBackend({ threads: 2 }));
