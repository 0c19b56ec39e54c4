/** A seeded subset of the training samples of the user's own data, each class keeping its share. */
import { DataFileError, invalid } from '../errors.js';
import type { LoadedData } from './loaded-data.js';
import { sampleSize } from './loaded-data.js';
import { mulberry32, seededShuffle } from './seeded-shuffle.js';
import { stratifiedSplit } from './stratified-split.js';
import { pick } from './validation-split.js';

/**
 * `data` with its training split cut to `count` samples drawn with `seed`: stratified by class for
 * classification data (each class keeps its share, see `stratifiedSplit`), a plain seeded draw
 * otherwise. The test split stays as it is; the result depends only on the data and `seed`.
 * @throws DataFileError when `count` is more than the training samples.
 */
export function stratifiedSubset(data: LoadedData, count: number, seed: number): LoadedData {
  if (!Number.isSafeInteger(count) || count < 1) throw invalid('stratifiedSubset', 'count', 'an integer >= 1', count);
  const total = data.train.count;
  if (count > total) throw new DataFileError(`${data.source}: a training subset of ${count} samples is more than the ${total} training samples`);
  if (count === total) return data;
  const random = mulberry32(seed);
  const indices = data.task === 'classification' && data.classes.length <= 256
    ? stratifiedSplit(Uint8Array.from(data.train.y), count / total, random).test
    : seededShuffle(Uint32Array.from({ length: total }, (_, i) => i), random).subarray(0, count);
  return { ...data, train: pick(data.train, indices, sampleSize(data)) };
}
