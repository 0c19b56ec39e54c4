/**
 * An experiment on the user's own data (a table, image folders, arrays): the training and
 * validation sets every run sees, the normalization layer a model of features gets first, and
 * the loader's options of a config's `data`. Reading the files is `data.ts`.
 */
import type { LoadedData } from '../data/loaded-data.js';
import { splitTensors } from '../data/split-tensors.js';
import { stratifiedSubset } from '../data/stratified-subset.js';
import { Normalization } from '../layers/normalization.js';
import type { ModelSpec } from '../models/model-spec.js';
import { deriveSeed } from '../random/xoshiro.js';
import { ExperimentConfigError, type ExperimentConfig, type OwnDataConfig } from './config.js';
import type { ExperimentData } from './experiment-data.js';

/** The options of the data loader (`loadData`) that a config's `data` gives, without the seed. */
export interface OwnDataLoadOptions {
  target?: string | number;
  features?: (string | number)[];
  exclude?: (string | number)[];
  size?: [number, number];
  resize?: 'bilinear' | 'refuse';
  channels?: 1 | 3;
  valSplit?: number;
  task?: 'classification' | 'regression';
}

/** The loader's options of `data`. */
export function ownDataLoadOptions(data: OwnDataConfig): OwnDataLoadOptions {
  const o: OwnDataLoadOptions = {};
  if (data.target !== undefined) o.target = data.target;
  if (data.features !== undefined) o.features = [...data.features];
  if (data.exclude !== undefined) o.exclude = [...data.exclude];
  if (data.imageSize !== undefined) o.size = [data.imageSize[0], data.imageSize[1]];
  if (data.resize !== undefined) o.resize = data.resize;
  if (data.channels !== undefined) o.channels = data.channels;
  if (data.valSplit !== undefined) o.valSplit = data.valSplit;
  if (data.task !== undefined) o.task = data.task === 'binary' ? 'classification' : data.task;
  return o;
}

/** Whether the samples are feature vectors (a table, or 1-D arrays): those get standardised. */
export function isFeatureData(data: Pick<LoadedData, 'sampleShape'>): boolean {
  return data.sampleShape.length === 1;
}

/**
 * The Normalization layer a model of feature data gets first: the mean and variance of each
 * feature of the training split, so that the model standardises its inputs itself, in training
 * and at inference alike (its input noise then lands on standardised features).
 */
export function normalizationLayers(data: LoadedData): ModelSpec['layers'] {
  const { mean, variance } = new Normalization().adapt(splitTensors(data, data.train).x).statistics();
  return [{ className: 'Normalization', config: { mean, variance } }];
}

/**
 * The training set of `data`: all its training samples, or a seeded subset of `trainSize`
 * (stratified by class), the subset `noisenet train --data PATH --train-size N --seed S` uses.
 */
export function ownTrainingData(data: LoadedData, trainSize: number | undefined, seed: number): LoadedData {
  return trainSize === undefined ? data : stratifiedSubset(data, trainSize, seed);
}

/**
 * The experiment's sets of the user's own `data` (already split: its test split, or a validation
 * split held out when read): the training split or a seeded stratified subset of `trainSize`,
 * the test split or a seeded subset of `valSize`, and a normalization layer adapted on the
 * training set for feature data unless `standardize` is false.
 * @throws ExperimentConfigError when the data has no test split or a size exceeds a split.
 */
export function ownExperimentData(data: LoadedData, name: string, config: Pick<ExperimentConfig, 'trainSize' | 'valSize' | 'dataSeed' | 'data'>): ExperimentData {
  const { trainSize, valSize, dataSeed } = config;
  if (data.test === null) throw new ExperimentConfigError('config', 'data.valSplit', `${data.source} has no test split: give a share of the training samples to hold out for validation (e.g. 0.2)`);
  const binary = config.data?.task === 'binary';
  if (binary && (data.task !== 'classification' || data.classes.length !== 2)) throw new ExperimentConfigError('config', 'data.task', `binary takes a target of two classes; ${data.source} has ${data.task === 'regression' ? 'a continuous target (regression)' : `${data.classes.length}`}`);
  if (trainSize !== undefined && trainSize > data.train.count) throw new ExperimentConfigError('config', 'trainSize', `must be at most ${data.train.count} (the training samples of ${name}), received ${trainSize}`);
  if (valSize !== undefined && valSize > data.test.count) throw new ExperimentConfigError('config', 'valSize', `must be at most ${data.test.count} (the validation samples of ${name}), received ${valSize}`);
  const trained = ownTrainingData(data, trainSize, dataSeed);
  const validation = valSize === undefined ? data.test : stratifiedSubset({ ...data, train: data.test }, valSize, deriveSeed(dataSeed, 'validation')).train;
  const standardize = config.data?.standardize !== false && isFeatureData(data);
  const train = splitTensors(data, trained.train);
  const val = splitTensors(data, validation);
  const shape = data.sampleShape;
  return {
    name,
    source: data.source,
    classes: data.classes,
    ...(data.task === 'regression' ? { task: 'regression' as const } : binary ? { task: 'binary' as const } : {}),
    train: { x: train.x, y: train.y },
    validation: { x: val.x, y: val.y },
    ...(shape.length === 3 ? { imageShape: [shape[0]!, shape[1]!] as [number, number] } : {}),
    ...(standardize ? { preprocessing: normalizationLayers(trained) } : {}),
  };
}

/** A short name of own data at `path`: its last path segment (`breast_cancer.csv`). */
export function ownDataName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}
