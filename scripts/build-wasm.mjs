#!/usr/bin/env node
/**
 * Compiles the AssemblyScript kernels (assembly/index.ts) with the AssemblyScript compiler
 * API: SIMD and threads on, the memory imported and shared (the JS side creates it), the stub
 * runtime (the kernels use raw memory only, no managed objects). Two builds: dist/kernels.wasm
 * (plain SIMD: multiply then add) and dist/kernels-relaxed.wasm (relaxed SIMD as well: fused
 * multiply-add in the hot loops, see assembly/fma.ts), which platforms use where the runtime
 * supports it. Usage: node scripts/build-wasm.mjs [--text] (--text also writes the .wat files).
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
  '--enable', 'threads',
  '--importMemory', '--sharedMemory',
  '--maximumMemory', '65536', // must match MAX_PAGES in src/kernels/wasm/memory.ts
  '--noExportMemory',
];

for (const [name, extra] of [['kernels', []], ['kernels-relaxed', ['--enable', 'relaxed-simd']]]) {
  const args = [...common, ...extra, '--outFile', join(out, `${name}.wasm`)];
  if (process.argv.includes('--text')) args.push('--textFile', join(out, `${name}.wat`));
  const { error, stderr } = await asc.main(args, {});
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build-wasm: ${name}: ${error.message}\n`);
    process.exit(1);
  }
}
