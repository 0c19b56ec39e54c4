/**
 * The playground as a static folder: index.html, style.css, app.js (the page), train-worker.js
 * (training), kernel-worker.js and the kernels, and datasets/ with index.json listing what it
 * holds (mnist-mini always; Fashion-MNIST when its files are given).
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundle, copyKernels } from './library.mjs';

/** The four files of Fashion-MNIST, as published. */
export const FASHION_FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

/** The entries of datasets/index.json. */
export const MNIST_MINI_ENTRY = { name: 'mnist-mini', title: 'mnist-mini: 10,000 MNIST digits (8,000 training, 2,000 validation)', baseUrl: 'datasets/mnist-mini/' };
export const FASHION_ENTRY = { name: 'fashion-mnist', title: 'Fashion-MNIST: 60,000 training and 10,000 test clothing images', baseUrl: 'datasets/fashion-mnist/' };

/** Type-checks the page's sources (they use the DOM, so they have their own tsconfig). */
export function typecheckPage(root) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'src', 'playground', 'page', 'tsconfig.json')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the playground page does not type-check:\n${r.stdout}${r.stderr}`);
}

/**
 * Writes the playground into `out`. `fashionDir`: a folder with Fashion-MNIST's four files, copied
 * in and listed. The library's browser build (dist/browser) must exist (for mnist-mini).
 */
export async function buildPlayground(root, out, { fashionDir } = {}) {
  const page = join(root, 'src', 'playground', 'page');
  await bundle(root, { app: 'src/playground/page/main.ts', 'train-worker': 'src/playground/worker/train-worker.ts', 'kernel-worker': 'src/kernels/wasm/browser/kernel-worker.ts' }, out);
  for (const f of ['index.html', 'style.css']) await copyFile(join(page, f), join(out, f));
  await copyKernels(root, out);
  const mini = join(out, 'datasets', 'mnist-mini');
  await mkdir(mini, { recursive: true });
  const { MNIST_MINI_FILES } = await import(join(root, 'dist', 'data', 'browser', 'load-dataset.js'));
  for (const f of Object.values(MNIST_MINI_FILES)) await copyFile(join(root, 'dist', 'browser', 'mnist-mini', f), join(mini, f));
  const datasets = [MNIST_MINI_ENTRY];
  if (fashionDir) {
    const dir = join(out, 'datasets', 'fashion-mnist');
    await mkdir(dir, { recursive: true });
    for (const f of FASHION_FILES) await copyFile(join(fashionDir, f), join(dir, f));
    datasets.push(FASHION_ENTRY);
  }
  await writeFile(join(out, 'datasets', 'index.json'), `${JSON.stringify({ datasets }, null, 1)}\n`);
  return out;
}
