/** Picking samples out of an {@link ImageSplit}. */
import { invalid } from '../errors.js';
import { mulberry32, seededShuffle } from './seeded-shuffle.js';
import type { ImageSplit } from './types.js';

/**
 * A new split holding the samples at `indices`, in that order (pixels and labels copied).
 * @throws InvalidArgumentError when an index is outside the split.
 */
export function selectSamples(split: ImageSplit, indices: ArrayLike<number>): ImageSplit {
  const size = split.height * split.width;
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= split.count) {
      throw invalid('selectSamples', `indices[${k}]`, `an integer from 0 to ${split.count - 1}`, i);
    }
    images.set(split.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = split.labels[i]!;
  }
  return { images, labels, count: indices.length, height: split.height, width: split.width };
}

/**
 * `n` samples drawn at random without replacement (not stratified), in random order; the same
 * seed gives the same subset. Used for `--train-size N`.
 * @throws InvalidArgumentError when `n` is not an integer from 1 to `split.count`, or `seed` is not an integer.
 */
export function subsetSplit(split: ImageSplit, n: number, seed: number): ImageSplit {
  if (!Number.isInteger(n) || n < 1 || n > split.count) {
    throw invalid('subsetSplit', 'n', `an integer from 1 to ${split.count} (the number of samples)`, n);
  }
  const order = seededShuffle(Uint32Array.from({ length: split.count }, (_, i) => i), mulberry32(seed));
  return selectSamples(split, order.subarray(0, n));
}
