#!/usr/bin/env node
/**
 * Compiles the AssemblyScript kernels (assembly/index.ts) with the AssemblyScript compiler
 * API: SIMD on, the memory imported, the stub runtime (the kernels use raw memory only, no
 * managed objects). Three builds: dist/kernels.wasm (threads, a shared memory, plain SIMD:
 * multiply then add), dist/kernels-relaxed.wasm (the same with relaxed SIMD: fused
 * multiply-add in the hot loops, see assembly/fma.ts), which platforms use where the runtime
 * supports it, and dist/kernels-unshared.wasm (plain SIMD importing an unshared memory, for
 * runtimes without shared memory: a page that is not cross-origin isolated runs them on one
 * thread). Usage: node scripts/build-wasm.mjs [--text] (--text also writes the .wat files).
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
  '--enable', 'threads',
  '--sharedMemory',
  '--maximumMemory', '65536', // must match MAX_PAGES in src/kernels/wasm/memory.ts
];
const builds = [
  ['kernels', shared],
  ['kernels-relaxed', [...shared, '--enable', 'relaxed-simd']],
  ['kernels-unshared', []],
];

for (const [name, extra] of builds) {
  const args = [...common, ...extra, '--outFile', join(out, `${name}.wasm`)];
  if (process.argv.includes('--text')) args.push('--textFile', join(out, `${name}.wat`));
  const { error, stderr } = await asc.main(args, {});
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build-wasm: ${name}: ${error.message}\n`);
    process.exit(1);
  }
}
