#!/usr/bin/env node
/**
 * Compiles the AssemblyScript kernels (assembly/index.ts) to dist/kernels.wasm with the
 * AssemblyScript compiler API: SIMD and threads on, the memory imported and shared (the JS
 * side creates it), the stub runtime (the kernels use raw memory only, no managed objects).
 * Also dist/kernels-unshared.wasm, the same kernels importing an unshared memory, for runtimes
 * without shared memory (a page that is not cross-origin isolated runs them on one thread).
 * Usage: node scripts/build-wasm.mjs [--text] (--text also writes dist/kernels.wat).
 */
import asc from 'assemblyscript/asc';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
mkdirSync(out, { recursive: true });

const common = [
  join(root, 'assembly', 'index.ts'),
  '-O3', '--noAssert', '--converge',
  '--runtime', 'stub',
  '--use', 'abort=',
  '--enable', 'simd',
  '--importMemory',
  '--noExportMemory',
];
const shared = [
  ...common,
  '--outFile', join(out, 'kernels.wasm'),
  '--enable', 'threads',
  '--sharedMemory',
  '--maximumMemory', '65536', // must match MAX_PAGES in src/kernels/wasm/memory.ts
];
if (process.argv.includes('--text')) shared.push('--textFile', join(out, 'kernels.wat'));
const unshared = [...common, '--outFile', join(out, 'kernels-unshared.wasm')];

for (const args of [shared, unshared]) {
  const { error, stderr } = await asc.main(args, {});
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build-wasm: ${error.message}\n`);
    process.exit(1);
  }
}
