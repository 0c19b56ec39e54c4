import { runConformance } from '../../testing/conformance/index.js';
import { createWasmBackend } from './wasm-backend.js';
import { nodeWasmPlatform } from './node/platform.js';

runConformance('wasm, threads=1', () => createWasmBackend({ threads: 1 }, nodeWasmPlatform));
runConformance('wasm, threads=2', () => createWasmBackend({ threads: 2 }, nodeWasmPlatform));
