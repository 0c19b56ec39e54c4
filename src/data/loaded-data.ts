/**
 * A dataset read from the user's own files (a table, a folder of images, NumPy arrays, IDX
 * files): its samples and targets, and what it is: the sample shape, the task, the class names
 * and the preprocessing applied while reading it.
 */

/** What the targets are: class indices, or continuous values. */
export type DataTask = 'classification' | 'regression';

/** Which loader read the data. */
export type DataKind = 'table' | 'images' | 'arrays' | 'idx';

/** One split: `count` samples of `sampleShape`, row-major, and one target each. */
export interface DataSplit {
  /**
   * The samples, row-major, `count * prod(sampleShape)` values: bytes for images (read them
   * scaled by {@link LoadedData.xScale}), floats otherwise.
   */
  readonly x: Float32Array | Uint8Array;
  /** Class indices (classification) or target values (regression), one per sample. */
  readonly y: Int32Array | Float32Array;
  readonly count: number;
}

/** How the validation split was made, for data that came without a test split. */
export interface ValidationSplitRecord {
  /** Share of the samples held out, 0 to 1. */
  readonly fraction: number;
  /** Seed of the shuffle. */
  readonly seed: number;
  /** Whether each class kept its share on both sides (classification), or the split was a plain shuffle (regression). */
  readonly stratified: boolean;
}

/** The categories of a categorical table column, one-hot encoded in that order. */
export interface CategoricalColumn {
  readonly name: string;
  readonly categories: readonly string[];
}

/** A dataset from the user's files. */
export interface LoadedData {
  readonly kind: DataKind;
  /** Where it came from, one line, e.g. `table /data/iris.csv`. */
  readonly source: string;
  readonly task: DataTask;
  /** Shape of one sample: `[features]` for tables, `[height, width, channels]` for images. */
  readonly sampleShape: readonly number[];
  /** Factor the values of `x` are read with: `1 / 255` for byte images, 1 otherwise. */
  readonly xScale: number;
  /** Class names, index = class (sorted, as read); empty for regression. */
  readonly classes: readonly string[];
  readonly train: DataSplit;
  /** The test split the data came with, or the validation split made from the training data; null when neither. */
  readonly test: DataSplit | null;
  /** Set when `test` was split off the training data. */
  readonly validationSplit?: ValidationSplitRecord;
  /** Feature names (tables: after one-hot encoding, `column=category`). */
  readonly featureNames?: readonly string[];
  /** Categorical columns and their categories (tables). */
  readonly categorical?: readonly CategoricalColumn[];
  /** What was done to the data while reading it, one line each (e.g. `resized bilinear to 32x32`). */
  readonly preprocessing: readonly string[];
  /** Things the user should know (dropped alpha channels, skipped files), one line each. */
  readonly warnings: readonly string[];
}

/** How the loaders' messages advise reading a target as values (a command line names its flag instead). */
export const REGRESSION_ADVICE = "pass task 'regression'";

/** Values per sample. */
export function sampleSize(data: Pick<LoadedData, 'sampleShape'>): number {
  return data.sampleShape.reduce((a, b) => a * b, 1);
}
