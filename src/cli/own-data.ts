/**
 * The user's own data on the command line: the `--data PATH` flags (from the run schema), read
 * into {@link LoadDataOptions}, the data loaded, its shape for the run builder, and the
 * normalization a table's features get before the model.
 */
import { resolve } from 'node:path';
import { loadData, type LoadDataOptions } from '../data/node/load-data.js';
import type { LoadedData } from '../data/loaded-data.js';
import type { ColumnRef } from '../data/table-dataset.js';
import { loadedDataRecord, type LoadedDataRecord } from '../data/loaded-data-record.js';
import type { OwnDataConfig } from '../experiments/config.js';
import { ARRAY_NAMES_EXPECTED, CLASS_NAMES_EXPECTED, DELIMITER_EXPECTED, arrayNameOptions, isFeatureData, misappliedSetting, parseArrayNames, parseClassNames, parseDelimiter, type KindSetting } from '../experiments/own-data.js';
import { IMAGE_FOLDER_OPTION_WORDS } from '../data/image-folder.js';
import { REGRESSION_ADVICE } from '../data/loaded-data.js';
import { NoisenetError } from '../errors.js';
import type { DataShape } from '../run/run-settings.js';
import { parseRunFlag, runOption } from './run-flags.js';
import { lossTask, type LossName, type Task } from '../losses/index.js';
import { runField, type HEADER_CHOICES, type TASK_CHOICES } from '../run/run-schema.js';
import { badValue, UsageError } from './usage-error.js';

export { isFeatureData, normalizationLayers, normalizationText, normalizes } from '../experiments/own-data.js';

/** The flags of the user's own data, as every command that reads data takes them. */
export const OWN_DATA_OPTIONS = {
  data: runOption('data'),
  target: runOption('target'),
  features: runOption('features'),
  exclude: runOption('exclude'),
  'image-size': runOption('imageSize'),
  resize: runOption('resize'),
  channels: runOption('channels'),
  delimiter: runOption('delimiter'),
  header: runOption('header'),
  arrays: runOption('arrays'),
  'class-names': runOption('classNames'),
  'val-split': runOption('valSplit'),
  task: runOption('task'),
} as const;

/** `--no-standardize` and `--pixels`, for the commands that train: whether a normalization layer comes first in the model. */
export const STANDARDIZE_OPTION = {
  'no-standardize': { type: 'boolean', help: 'tables and arrays of features: do not standardise the features (by default a normalization layer adapted on the training split comes first)' },
  pixels: runOption('pixels'),
} as const;

/** The own-data flags as given. */
export interface OwnDataFlags {
  data?: string | undefined;
  target?: string | undefined;
  features?: string | undefined;
  exclude?: string | undefined;
  'image-size'?: string | undefined;
  resize?: string | undefined;
  channels?: string | undefined;
  delimiter?: string | undefined;
  header?: string | undefined;
  arrays?: string | undefined;
  'class-names'?: string | undefined;
  pixels?: string | undefined;
  'val-split'?: string | undefined;
  task?: string | undefined;
  'no-standardize'?: boolean | undefined;
  dataset?: string | undefined;
  'data-dir'?: string | undefined;
}

/** The own data to read: its path and the loader's options (without the seed of the validation split). */
export interface OwnDataSettings {
  path: string;
  options: Omit<LoadDataOptions, 'seed'>;
  /** `--task binary`: two classes trained as yes/no (one sigmoid output). */
  binary?: boolean;
  /** `--pixels`: images read as value / 255 (`unit`), or then each channel standardised by a normalization layer first in the model. */
  pixels?: 'unit' | 'standardize';
  /** `--no-standardize`: feature vectors kept as they are. */
  standardize?: false;
}

const TABLE_FLAGS = ['target', 'features', 'exclude', 'image-size', 'resize', 'channels', 'delimiter', 'header', 'arrays', 'class-names', 'pixels', 'val-split', 'task'] as const;

/**
 * The own data of the flags, or undefined without `--data`.
 * @throws UsageError for `--data` with `--dataset` or `--data-dir`, a data flag without `--data`, or a bad value.
 */
export function ownDataSettings(where: string, v: OwnDataFlags): OwnDataSettings | undefined {
  if (v.data === undefined) {
    const given = TABLE_FLAGS.find((f) => v[f] !== undefined);
    if (given !== undefined) throw new UsageError(`${where}: --${given} applies only with --data PATH (your own data)`);
    return undefined;
  }
  if (v.dataset !== undefined || v['data-dir'] !== undefined) {
    throw new UsageError(`${where}: --data reads your own data; --${v.dataset !== undefined ? 'dataset' : 'data-dir'} names a built-in dataset: give one of them`);
  }
  if (v.data.trim() === '') throw badValue(where, '--data', 'a file or folder path', v.data);
  const options: { -readonly [K in keyof LoadDataOptions]: LoadDataOptions[K] } = {};
  if (v.target !== undefined) options.target = columnRef(v.target);
  if (v.features !== undefined) options.features = columnList(where, '--features', v.features);
  if (v.exclude !== undefined) options.exclude = columnList(where, '--exclude', v.exclude);
  if (v['image-size'] !== undefined) options.size = imageSize(where, v['image-size']);
  if (v.resize !== undefined) options.resize = parseRunFlag(where, 'resize', v.resize) as 'bilinear' | 'refuse';
  if (v.channels !== undefined) options.channels = Number(parseRunFlag(where, 'channels', v.channels)) as 1 | 3;
  if (v.delimiter !== undefined) {
    const d = parseDelimiter(v.delimiter);
    if (d === undefined) throw badValue(where, '--delimiter', DELIMITER_EXPECTED, v.delimiter);
    options.delimiter = d;
  }
  const header = v.header === undefined ? 'auto' : parseRunFlag(where, 'header', v.header) as (typeof HEADER_CHOICES)[number];
  if (header !== 'auto') options.header = header === 'yes';
  if (v.arrays !== undefined) {
    const names = parseArrayNames(v.arrays.split(','));
    if (names === undefined) throw badValue(where, '--arrays', ARRAY_NAMES_EXPECTED, v.arrays);
    Object.assign(options, arrayNameOptions(names));
  }
  if (v['class-names'] !== undefined) {
    const names = parseClassNames(v['class-names'].split(','));
    if (names === undefined) throw badValue(where, '--class-names', CLASS_NAMES_EXPECTED, v['class-names']);
    options.classes = names;
  }
  const pixels = v.pixels === undefined ? undefined : parseRunFlag(where, 'pixels', v.pixels) as 'unit' | 'standardize';
  if (v['val-split'] !== undefined) options.valSplit = parseRunFlag(where, 'valSplit', v['val-split']) as number;
  // A table's target is read as classes or values: auto tells them apart (non-integers, or many distinct numbers, are values).
  const task = v.task === undefined ? 'auto' : parseRunFlag(where, 'task', v.task) as (typeof TASK_CHOICES)[number];
  if (v.task !== undefined) options.task = task === 'binary' ? 'classification' : task;
  return { path: v.data, options, ...(task === 'binary' ? { binary: true } : {}), ...(pixels === undefined ? {} : { pixels }), ...(v['no-standardize'] ? { standardize: false as const } : {}) };
}

/** The settings of `s` that apply to some kinds of data only, as a config's `data` says them. */
function kindSettings(s: OwnDataSettings): Pick<OwnDataConfig, KindSetting> {
  const o = s.options;
  const c: Pick<OwnDataConfig, KindSetting> = {};
  if (o.delimiter !== undefined) c.delimiter = o.delimiter;
  if (o.header !== undefined) c.header = o.header ? 'yes' : 'no';
  if (o.x !== undefined && o.y !== undefined) c.arrays = [o.x, o.y, ...(o.xTest !== undefined && o.yTest !== undefined ? [o.xTest, o.yTest] : [])];
  if (o.classes !== undefined) c.classNames = [...o.classes];
  if (s.binary) c.task = 'binary';
  else if (o.task === 'regression' || o.task === 'classification') c.task = o.task;
  if (s.standardize === false) c.standardize = false;
  if (o.target !== undefined) c.target = o.target;
  if (o.features !== undefined) c.features = [...o.features];
  if (o.exclude !== undefined) c.exclude = [...o.exclude];
  if (o.size !== undefined) c.imageSize = [o.size[0], o.size[1]];
  if (o.resize !== undefined) c.resize = o.resize;
  if (o.channels !== undefined) c.channels = o.channels;
  if (o.valSplit !== undefined) c.valSplit = o.valSplit;
  if (s.pixels !== undefined) c.pixels = s.pixels;
  return c;
}

/** The loaders' words for their options, and the flags that say the same on the command line. */
const FLAG_WORDS: readonly (readonly [string, string])[] = [
  [IMAGE_FOLDER_OPTION_WORDS.channels, '--channels 1 or --channels 3 converts them'],
  [IMAGE_FOLDER_OPTION_WORDS.resize, 'resizing refused by --resize refuse'],
  [IMAGE_FOLDER_OPTION_WORDS.size, '--image-size'],
  [REGRESSION_ADVICE, 'pass --task regression'],
];

/**
 * A loader's error as the command line says it: the advice that names a library option
 * (`option channels: 1 or 3 converts them`, `pass task 'regression'`) names its flag instead.
 */
export function flagWording(err: unknown): unknown {
  if (!(err instanceof NoisenetError) || !FLAG_WORDS.some(([words]) => err.message.includes(words))) return err;
  const Same = err.constructor as new (message: string) => NoisenetError;
  return new Same(FLAG_WORDS.reduce((m, [words, flag]) => m.replaceAll(words, flag), err.message));
}

/** A column by 0-based index (`3`, `-1`) or by name. */
function columnRef(raw: string): ColumnRef {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
}

function columnList(where: string, flag: string, raw: string): ColumnRef[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badValue(where, flag, 'comma-separated column names or indices', raw);
  return items.map(columnRef);
}

function imageSize(where: string, raw: string): [number, number] {
  const m = /^(\d+)(?:x(\d+))?$/.exec(raw.trim());
  const h = m ? Number(m[1]) : 0;
  const w = m ? Number(m[2] ?? m[1]) : 0;
  if (!(h >= 1 && w >= 1 && h <= 4096 && w <= 4096)) throw badValue(where, '--image-size', 'HxW or N, each from 1 to 4096 (e.g. 32x32)', raw);
  return [h, w];
}

/**
 * Reads the own data; without a test split, `--val-split` is required, unless `whole` asks for
 * every sample to be measured (a saved model on new data): then `test` is the `train` split itself.
 * @throws DataFileError naming the path for data that cannot be read; UsageError when there is nothing to validate on.
 */
export async function loadOwnData(where: string, s: OwnDataSettings, seed: number, whole = false): Promise<LoadedData> {
  const data = await loadData(s.path, { task: 'auto', ...s.options, seed }).catch((err: unknown) => {
    throw flagWording(err);
  });
  const misapplied = misappliedSetting(data, s.path, kindSettings(s));
  if (misapplied) throw new UsageError(`${where}: --${runField(misapplied.key).flag} ${misapplied.reason}`);
  if (data.test === null && whole) return { ...data, test: data.train };
  if (data.test === null) throw new UsageError(`${where}: ${s.path} has no test split; give --val-split FRACTION (e.g. 0.2) to hold out part of it for validation`);
  if (s.binary && data.classes.length !== 2) throw new UsageError(`${where}: --task binary takes a target of two classes; ${s.path} has ${data.classes.length} (${data.classes.slice(0, 5).join(', ')}${data.classes.length > 5 ? ', ...' : ''}): use --task classification`);
  return data;
}


/**
 * The task a run on `data` trains: a regression for a continuous target, binary for two classes
 * with `--task binary` or `--loss binaryCrossentropy`, else classes.
 * @throws UsageError for a loss that cannot train the target (a class loss on values, a binary loss on three classes).
 */
export function ownDataTask(where: string, data: LoadedData, s: Pick<OwnDataSettings, 'binary'>, loss: LossName | undefined): Task {
  if (data.task === 'regression') {
    if (loss !== undefined && lossTask(loss) !== 'regression') throw new UsageError(`${where}: the target is continuous (a regression); --loss ${loss} trains classes: use meanSquaredError, meanAbsoluteError or huber, or --task classification if the values are classes`);
    return 'regression';
  }
  if (s.binary || (loss !== undefined && lossTask(loss) === 'binary')) {
    if (data.classes.length !== 2) throw new UsageError(`${where}: --loss ${loss ?? 'binaryCrossentropy'} takes a target of two classes; this one has ${data.classes.length} (${data.classes.slice(0, 5).join(', ')}${data.classes.length > 5 ? ', ...' : ''}): use sparseCategoricalCrossentropy`);
    if (loss !== undefined && lossTask(loss) !== 'binary') throw new UsageError(`${where}: --task binary trains with binaryCrossentropy; --loss ${loss} is not a binary loss`);
    return 'binary';
  }
  return 'multiclass';
}

/** The shape the run builder takes: the sample shape, the class count, the task, and `[height, width]` for images. */
export function ownDataShape(data: LoadedData, task: Task = data.task === 'regression' ? 'regression' : 'multiclass'): DataShape {
  const imageShape: [number, number] | undefined = data.sampleShape.length === 3 ? [data.sampleShape[0]!, data.sampleShape[1]!] : undefined;
  return { inputShape: [...data.sampleShape], classes: data.classes.length, ...(task === 'multiclass' ? {} : { task }), ...(imageShape ? { imageShape } : {}) };
}

/** The own data of the flags as an experiment's `data` (compare, sweep and their config files). */
export function ownDataConfig(s: OwnDataSettings, standardize: boolean): OwnDataConfig {
  const c: OwnDataConfig = { path: s.path, ...kindSettings(s) };
  if (!standardize) c.standardize = false;
  return c;
}

/**
 * `Data: table /data/wine.csv, 142 train, 36 validation (20% held out, seed 42), 13 features, 3 classes (class_0, ...)`;
 * `used` says how many training samples a run takes of them (`100 used: --train-size`).
 */
export function describeOwnData(data: LoadedData, used?: string): string {
  if (data.test === data.train) return `Data: ${data.source}, ${data.train.count} samples, all measured (it has no test split); ${describeSamples(data)}`;
  const test = data.validationSplit
    ? `${data.test!.count} validation (${Math.round(data.validationSplit.fraction * 100)}% held out, seed ${data.validationSplit.seed}${data.validationSplit.stratified ? ', stratified' : ''})`
    : `${data.test!.count} test`;
  return `Data: ${data.source}, ${data.train.count} train${used === undefined ? '' : ` (${used})`}, ${test}; ${describeSamples(data)}`;
}

/** `13 features; 3 classes (class_0, class_1, class_2)`. */
function describeSamples(data: LoadedData): string {
  const shape = isFeatureData(data) ? `${data.sampleShape[0]} feature${data.sampleShape[0] === 1 ? '' : 's'}` : `samples ${data.sampleShape.join('x')}`;
  const names = data.classes.length <= 10 ? data.classes.join(', ') : `${data.classes.slice(0, 10).join(', ')}, ...`;
  const target = data.task === 'regression' ? 'a continuous target (regression)' : `${data.classes.length} classes (${names})`;
  return `${shape}; ${target}`;
}

/** What a saved model records of its own data: the record, and where and how it was read, to read it again. */
export interface SavedDataRecord extends LoadedDataRecord {
  readonly path: string;
  readonly loadOptions: Omit<LoadDataOptions, 'seed'> & { seed?: number };
  /** Whether the model standardises its features (or its images' channels) itself (a Normalization layer first). */
  readonly standardized: boolean;
  /** Images: `standardize` when each channel is standardised by the model's normalization layer (`--pixels standardize`). */
  readonly pixels?: 'unit' | 'standardize';
}

/** The record saved with a model trained on `data`: its path made absolute, so that the model finds its data from any folder. */
export async function savedDataRecord(data: LoadedData, s: OwnDataSettings, seed: number, standardized: boolean): Promise<SavedDataRecord> {
  return { ...(await loadedDataRecord(data)), path: resolve(s.path), loadOptions: { ...s.options, seed }, standardized, ...(s.pixels === undefined ? {} : { pixels: s.pixels }) };
}
