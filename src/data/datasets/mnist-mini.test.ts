/**
 * mnist-mini's JSON values enter as pixel bytes: anything that is not a plain number from 0 to 1
 * (NaN, Infinity, negative, exponent, empty) is refused naming the file, the row (image) and the
 * column (pixel). The IDX loaders read unsigned bytes only (other IDX types are refused), so no
 * float can enter there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataFileError } from '../../errors.js';
import { mnistDigitsSplit } from './mnist-mini.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Ten files of one image each; file 3 gets `bad` at pixel 700 of its second image. */
function files(bad?: string): Uint8Array[] {
  const image = Array.from({ length: 784 }, (_, i) => ((i % 5) / 4).toString());
  return Array.from({ length: 10 }, (_, d) => {
    if (d !== 3 || bad === undefined) return enc(JSON.stringify({ data: image.map(Number) }));
    const second = [...image];
    second[700] = bad;
    return enc(`{"data": [${[...image, ...second].join(', ')}]}`);
  });
}

test('mnistDigitsSplit reads ten files of values from 0 to 1 into bytes', () => {
  const split = mnistDigitsSplit(files());
  assert.deepEqual([split.count, split.height, split.width], [10, 28, 28]);
  assert.deepEqual(Array.from(split.images.subarray(0, 5)), [0, 64, 128, 191, 255]);
  assert.deepEqual(Array.from(split.labels), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('non-finite and out-of-range values are refused naming the file, row and column', () => {
  for (const bad of ['NaN', 'Infinity', '-Infinity', '-0.5', '1e3', '1.5', '']) {
    assert.throws(() => mnistDigitsSplit(files(bad)), (err: unknown) => {
      assert.ok(err instanceof DataFileError, `${bad}: ${String(err)}`);
      assert.match(err.message, new RegExp(`^3\\.json: value ${784 + 700} \\(row 1, column 700\\) must be a number from 0 to 1, found ${JSON.stringify(JSON.stringify(bad)).slice(1, -1).replace(/[.+-]/g, '\\$&')} at offset \\d+$`));
      return true;
    });
  }
});
