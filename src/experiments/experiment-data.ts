/**
 * The data an experiment trains and validates every run on: one training set and one
 * validation set, chosen once, so every configuration and seed sees the same samples. This is
 * the part that runs anywhere; loading a dataset by name from files is in `data.ts`.
 */
import type { Dataset } from '../data/types.js';
import type { LoadedDataRecord } from '../data/loaded-data-record.js';
import type { ModelSpec } from '../models/model-spec.js';
import { subsetSplit } from '../data/subset-split.js';
import { deriveSeed } from '../random/xoshiro.js';
import { type Tensor } from '../tensor/tensor.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import type { ExperimentConfig } from './config.js';
import { ExperimentConfigError } from './config.js';

/** Inputs and labels (class indices). */
export interface LabeledSet {
  x: Tensor;
  y: Tensor;
}

/** What every run of an experiment is trained and validated on. */
export interface ExperimentData {
  /** The dataset's name, e.g. `mnist-mini`. */
  name: string;
  /** Where the data came from, one line. */
  source: string;
  /** Class names, index = label. */
  classes: readonly string[];
  /** A yes/no target (one sigmoid output) or a value (a regression, one linear output); absent for classes. */
  task?: 'binary' | 'regression';
  train: LabeledSet;
  validation: LabeledSet;
  /** `[height, width]` when the samples are images (flattened row-major). */
  imageShape?: [number, number];
  /** Layers every run's model gets right after its input (a Normalization adapted on the training set). */
  preprocessing?: ModelSpec['layers'];
  /** The record of the user's own data as read (kind, shape, classes, counts, SHA-256): `dataset.data` in results.json. */
  dataRecord?: LoadedDataRecord;
}

/**
 * The experiment's sets from a loaded dataset: its training split, or a seeded subset of
 * `trainSize` samples (the subset `noisenet train --train-size N --seed dataSeed` uses), and its
 * test split, or a seeded subset of `valSize`, for validation.
 * @throws ExperimentConfigError when a size exceeds the split.
 */
export function experimentData(dataset: Dataset, config: Pick<ExperimentConfig, 'trainSize' | 'valSize' | 'dataSeed'>): ExperimentData {
  const { trainSize, valSize, dataSeed } = config;
  if (trainSize !== undefined && trainSize > dataset.train.count) {
    throw new ExperimentConfigError('config', 'trainSize', `must be at most ${dataset.train.count} (the training samples of ${dataset.name}), received ${trainSize}`);
  }
  if (valSize !== undefined && valSize > dataset.test.count) {
    throw new ExperimentConfigError('config', 'valSize', `must be at most ${dataset.test.count} (the test samples of ${dataset.name}), received ${valSize}`);
  }
  const train = trainSize === undefined ? dataset.train : subsetSplit(dataset.train, trainSize, dataSeed);
  const validation = valSize === undefined ? dataset.test : subsetSplit(dataset.test, valSize, deriveSeed(dataSeed, 'validation'));
  return {
    name: dataset.name,
    source: dataset.source,
    classes: dataset.classes,
    train: { x: imagesOf(train), y: labelsOf(train) },
    validation: { x: imagesOf(validation), y: labelsOf(validation) },
    imageShape: [dataset.train.height, dataset.train.width],
  };
}

