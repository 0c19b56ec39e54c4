import { runConformance } from '../../testing/conformance/index.js';
import { createWasmBackend } from './wasm-backend.js';
import { nodeWasmPlatformWith, relaxedSimdAvailable } from './node/platform.js';

// Both builds of the kernels: plain SIMD, and relaxed SIMD (fused multiply-add) where V8 compiles it.
for (const arithmetic of relaxedSimdAvailable() ? (['simd', 'relaxed-simd'] as const) : (['simd'] as const)) {
  const platform = nodeWasmPlatformWith(arithmetic);
  runConformance(`wasm ${arithmetic}, threads=1`, () => createWasmBackend({ threads: 1 }, platform));
  runConformance(`wasm ${arithmetic}, threads=2`, () => createWasmBackend({ threads: 2 }, platform));
}
