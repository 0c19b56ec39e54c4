/** Holding out a seeded share of the training samples as a validation split, for data without a test split. */
import { DataFileError, invalid } from '../errors.js';
import type { DataSplit, LoadedData } from './loaded-data.js';
import { sampleSize } from './loaded-data.js';
import { mulberry32, seededShuffle } from './seeded-shuffle.js';
import { stratifiedSplit } from './stratified-split.js';

/**
 * `data` with `fraction` of its training samples moved to `test`, recorded as its
 * `validationSplit`. Classification data is split by class (each class keeps its share on both
 * sides, see `stratifiedSplit`); regression data is shuffled and cut. The result depends only on
 * the data and `seed`. Data that already has a test split is returned as it is.
 * @throws InvalidArgumentError when `fraction` is not strictly between 0 and 1.
 * @throws DataFileError when either side would be empty.
 */
export function withValidationSplit(data: LoadedData, fraction: number, seed = 0): LoadedData {
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) throw invalid('withValidationSplit', 'fraction', 'a number between 0 and 1 (exclusive)', fraction);
  if (!Number.isSafeInteger(seed)) throw invalid('withValidationSplit', 'seed', 'an integer', seed);
  if (data.test !== null) return data;
  const { count } = data.train;
  const random = mulberry32(seed);
  let trainIndex: Uint32Array;
  let testIndex: Uint32Array;
  const stratified = data.task === 'classification' && data.classes.length <= 256;
  if (stratified) {
    ({ train: trainIndex, test: testIndex } = stratifiedSplit(Uint8Array.from(data.train.y), fraction, random));
  } else {
    const order = seededShuffle(Uint32Array.from({ length: count }, (_, i) => i), random);
    const held = Math.round(count * fraction);
    testIndex = order.subarray(0, held);
    trainIndex = order.subarray(held);
  }
  if (trainIndex.length === 0 || testIndex.length === 0) {
    throw new DataFileError(`${data.source}: a validation split of ${fraction} of ${count} samples leaves ${trainIndex.length} for training and ${testIndex.length} for validation; both need at least one`);
  }
  const size = sampleSize(data);
  return {
    ...data,
    train: pick(data.train, trainIndex, size),
    test: pick(data.train, testIndex, size),
    validationSplit: { fraction, seed, stratified },
  };
}

/** The samples of `split` at `indices`, in that order. */
export function pick(split: DataSplit, indices: ArrayLike<number>, size: number): DataSplit {
  const x = new (split.x.constructor as Float32ArrayConstructor | Uint8ArrayConstructor)(indices.length * size);
  const y = new (split.y.constructor as Int32ArrayConstructor | Float32ArrayConstructor)(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    x.set(split.x.subarray(i * size, (i + 1) * size), k * size);
    y[k] = split.y[i]!;
  }
  return { x, y, count: indices.length };
}
