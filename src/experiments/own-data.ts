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
  delimiter?: string;
  header?: boolean;
  x?: string;
  y?: string;
  xTest?: string;
  yTest?: string;
  classes?: string[];
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
  if (data.delimiter !== undefined) o.delimiter = data.delimiter;
  if (data.header === 'yes' || data.header === 'no') o.header = data.header === 'yes';
  if (data.arrays !== undefined) Object.assign(o, arrayNameOptions(data.arrays));
  if (data.classNames !== undefined) o.classes = [...data.classNames];
  return o;
}

/** The loader's array names of `[x, y]` or `[x, y, xTest, yTest]`. */
export function arrayNameOptions(names: readonly string[]): Pick<OwnDataLoadOptions, 'x' | 'y' | 'xTest' | 'yTest'> {
  const [x, y, xTest, yTest] = names;
  return { x: x!, y: y!, ...(xTest === undefined ? {} : { xTest, yTest: yTest! }) };
}

/** What a delimiter setting must be. */
export const DELIMITER_EXPECTED = 'one character other than a quote or a newline, or tab (\\t)';

/** The delimiter `raw` names: `tab` and `\t` (a backslash and a t) are the tab; undefined for anything but one character other than a quote or a newline. */
export function parseDelimiter(raw: string): string | undefined {
  const d = raw === 'tab' || raw === '\\t' ? '\t' : raw;
  return d.length === 1 && !/["\r\n]/.test(d) ? d : undefined;
}

/** What a class-names setting must be. */
export const CLASS_NAMES_EXPECTED = 'distinct non-empty class names, class 0 first (e.g. cat,dog,bird)';

/** The names of a class-names setting, trimmed; undefined unless distinct and non-empty. */
export function parseClassNames(names: readonly string[]): string[] | undefined {
  const n = names.map((s) => s.trim());
  return n.length > 0 && n.every((s) => s !== '') && new Set(n).size === n.length ? n : undefined;
}

/** What an array-names setting must be. */
export const ARRAY_NAMES_EXPECTED = 'two or four distinct array names, X,Y[,X_TEST,Y_TEST] (e.g. images,labels)';

/** The names of an array-names setting, trimmed; undefined unless two or four distinct non-empty names. */
export function parseArrayNames(names: readonly string[]): string[] | undefined {
  const n = names.map((s) => s.trim());
  return (n.length === 2 || n.length === 4) && n.every((s) => s !== '') && new Set(n).size === n.length ? n : undefined;
}

/** The data settings that apply to some kinds of data only. */
export type KindSetting = 'delimiter' | 'header' | 'target' | 'features' | 'exclude' | 'task' | 'standardize' | 'arrays' | 'classNames' | 'imageSize' | 'resize' | 'channels' | 'pixels' | 'valSplit';

const KIND_WORDS: Readonly<Record<LoadedData['kind'], string>> = { table: 'a table', images: 'a folder of images', arrays: 'an .npz file of arrays', idx: 'a folder of IDX files' };

/** The settings read by one loader only, and the data they apply to. */
const ONLY_FOR: readonly { keys: readonly KindSetting[]; kinds: readonly LoadedData['kind'][]; what: string }[] = [
  { keys: ['delimiter', 'header', 'target', 'features', 'exclude'], kinds: ['table'], what: 'tables (CSV/TSV files)' },
  { keys: ['arrays'], kinds: ['arrays'], what: '.npz files' },
  { keys: ['task'], kinds: ['table', 'arrays'], what: 'tables and .npz files (image folders and IDX files hold classes)' },
  { keys: ['classNames'], kinds: ['arrays', 'idx'], what: '.npz files and IDX folders (tables and image folders name their classes)' },
  { keys: ['imageSize', 'resize', 'channels'], kinds: ['images'], what: 'folders of images' },
];

/**
 * The first setting of `given` that does not apply to `data` (a delimiter for images, array
 * names for a table, pixel scaling for feature vectors, a validation split of data that has its
 * own test split), and why; undefined when all apply. Such a setting would do nothing, which
 * most likely means the path is not what the user thinks. `resize: 'bilinear'` is the default
 * and never misapplied.
 */
export function misappliedSetting(data: Pick<LoadedData, 'kind' | 'sampleShape' | 'validationSplit'>, path: string, given: Pick<OwnDataConfig, KindSetting>): { key: KindSetting; reason: string } | undefined {
  const is = `${path} is ${KIND_WORDS[data.kind]}`;
  for (const { keys, kinds, what } of ONLY_FOR) {
    if (kinds.includes(data.kind)) continue;
    const key = keys.find((k) => given[k] !== undefined && !(k === 'resize' && given.resize === 'bilinear') && !(k === 'header' && given.header === 'auto'));
    if (key !== undefined) return { key, reason: `applies only to ${what}; ${is}` };
  }
  if (given.pixels !== undefined && !isImageData(data)) {
    const what = isFeatureData(data) ? `its samples are feature vectors (${data.sampleShape[0]} values), standardised unless told not to` : `its samples have shape [${data.sampleShape.join(', ')}], no channel axis`;
    return { key: 'pixels', reason: `applies only to images [height, width, channels] (image folders, IDX files, arrays of images); ${is}: ${what}` };
  }
  if (given.standardize === false && !isFeatureData(data)) return { key: 'standardize', reason: `applies only to feature vectors (tables, arrays of features); ${is}, read as value / 255 (--pixels standardize standardises its channels)` };
  if (given.valSplit !== undefined && data.validationSplit === undefined) return { key: 'valSplit', reason: `applies only to data without a test split; ${path} has its own test split, which validates` };
  return undefined;
}

/** Whether the samples are images `[height, width, channels]`: those may have their channels standardised (`pixels`). */
export function isImageData(data: Pick<LoadedData, 'sampleShape'>): boolean {
  return data.sampleShape.length === 3;
}

/**
 * Whether a model of `data` gets a normalization layer adapted on its training set first:
 * feature data unless `standardize` is false, images when `pixels` is `standardize`.
 */
export function normalizes(data: Pick<LoadedData, 'sampleShape'>, settings: { standardize?: boolean | undefined; pixels?: 'unit' | 'standardize' | undefined }): boolean {
  return isFeatureData(data) ? settings.standardize !== false : isImageData(data) && settings.pixels === 'standardize';
}

/** The `Preprocessing:` words of the normalization layer {@link normalizes} puts first (`on` the training split or set), or of its absence. */
export function normalizationText(data: Pick<LoadedData, 'sampleShape'>, normalized: boolean, on: string): string | undefined {
  if (isFeatureData(data)) return normalized ? `features standardised (mean 0, variance 1 on the ${on}) by a normalization layer` : 'features as they are (--no-standardize)';
  if (normalized) return `each channel standardised (mean 0, variance 1 on the ${on}) by a normalization layer`;
  return undefined;
}

/** Whether the samples are feature vectors (a table, or 1-D arrays): those get standardised. */
export function isFeatureData(data: Pick<LoadedData, 'sampleShape'>): boolean {
  return data.sampleShape.length === 1;
}

/**
 * The Normalization layer a model of feature data (or of images, with `pixels: 'standardize'`)
 * gets first: the mean and variance of each feature (each channel) of the training split, so that the model standardises its inputs itself, in training
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
 * training set for feature data unless `standardize` is false, and for images with `pixels: 'standardize'`.
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
  const standardize = normalizes(data, config.data ?? {});
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
