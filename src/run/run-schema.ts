/**
 * The run schema: every setting a training run has (data, model, optimizer and its options,
 * loss, epochs, batch size, noise, seeds, threads, output), declared once with the field
 * machinery of `schema/` (type, default, range, doc), plus its CLI flag and its config-file
 * key. The choices come from the registry: the optimizers and their options from the
 * optimizer declarations, the losses from the loss names, the metrics from the metric names.
 * The commands' flag tables, the config-file parser, the sweep's search space, the
 * playground's form and the CLI reference all read this declaration.
 */
import { choice, custom, integer, number, string, boolean, type Field, type NumberField, type BooleanField } from '../schema/fields.js';
import { RUN_OPTIMIZER_DEFINITIONS, type OptimizerName } from '../registry/catalogue.js';
import type { OptimizerDefinition } from '../parts/definitions.js';
import { LOSS_NAMES } from '../losses/index.js';
import { ACTIVATIONS } from '../kernels/backend.js';
import { MODEL_PRESETS } from '../models/presets.js';
import { DATASET_NAMES } from '../data/dataset-names.js';
import { invalid } from '../errors.js';
import { RUN_LIMITS } from './run-limits.js';
import { CARD_EXPECTED, DEFAULT_CARD_EPS, DEFAULT_CARD_SAMPLES, parseCardMeasures } from './card-settings.js';

/** The metrics a run reports besides its loss. */
import { METRIC_NAMES, findMetric, parseMetric } from '../losses/metrics/index.js';

export { METRIC_NAMES };

/** What `--task` may say of a table's target. */
export const TASK_CHOICES = ['auto', 'classification', 'binary', 'regression'] as const;

/** What `--header` may say of a table's first row. */
export const HEADER_CHOICES = ['auto', 'yes', 'no'] as const;

/** How `--pixels` scales images: value / 255, or that and then each channel standardised by a normalization layer. */
export const PIXEL_CHOICES = ['unit', 'standardize'] as const;

/** A comma-separated list of metric names (`mae,r2`), each known. */
const metricList = custom(`metrics to record besides the loss, comma-separated: ${METRIC_NAMES.join(', ')}; options as name:option=value (binaryAccuracy:threshold=0.7)`, `a list of metric names from ${METRIC_NAMES.join(', ')}`, (where, path, value) => {
  if (!Array.isArray(value) || value.length === 0 || !value.every((m) => typeof m === 'string' && findMetric(m.split(':')[0]!.trim()))) throw invalid(where, path, `a list of metric names from ${METRIC_NAMES.join(', ')}`, value);
  return (value as string[]).map((m) => parseMetric(m, where).spelling);
});

/** The part of a run a setting belongs to, in the order the reference lists them. */
export type RunFieldGroup = 'data' | 'model' | 'optimizer' | 'training' | 'noise' | 'seeds' | 'evaluation' | 'output';

/** One setting of a run. */
export interface RunField {
  /** Its name in run settings and config files (`batchSize`); a path for nested keys (`optimizerOptions.weightDecay`). */
  readonly key: string;
  /** Its command-line flag without the dashes: `batch-size`. */
  readonly flag: string;
  /** The value's placeholder in the help: `N`, `DIR`, `NAME`; absent for a boolean flag. */
  readonly arg?: string;
  /** Type, default, range and one line of help. */
  readonly field: Field;
  readonly group: RunFieldGroup;
  /** How the help states the default when it is not the field's plain default: `0.001 for adam, 0.01 for sgd`. */
  readonly defaultText?: string;
  /** May be given several times (the noise specs). */
  readonly multiple?: boolean;
  /** For an optimizer option: the optimizers that take it. */
  readonly optimizers?: readonly OptimizerName[];
  /** Only on the command line (a short form of another setting, or where a command writes). */
  readonly cliOnly?: boolean;
  /** Where a compare or sweep config file holds it, when not at `key`: `configurations[].noise`. */
  readonly configKey?: string;
}

/** The optimizers a run can choose, from the registry. */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = RUN_OPTIMIZER_DEFINITIONS.map((d) => d.factory);

/** The declaration of a run optimizer by name. */
export function runOptimizer(name: string): OptimizerDefinition | undefined {
  return RUN_OPTIMIZER_DEFINITIONS.find((d) => d.factory === name);
}

/** The learning rate a run uses with `optimizer` when none is given: the optimizer's own default. */
export function defaultLearningRate(optimizer: string): number {
  return (runOptimizer(optimizer)?.options as Record<string, Field> | undefined)?.learningRate?.default as number | undefined ?? 0.001;
}

/** Option names of every run optimizer, but the learning rate (`lr`): momentum, weightDecay, rho, ... in declaration order. */
export function optimizerOptionNames(): string[] {
  const names: string[] = [];
  for (const d of RUN_OPTIMIZER_DEFINITIONS) for (const k of Object.keys(d.options)) if (k !== 'learningRate' && !names.includes(k)) names.push(k);
  return names;
}

/** The optimizers whose declaration has option `name`. */
export function optimizersTaking(name: string): OptimizerName[] {
  return RUN_OPTIMIZER_DEFINITIONS.filter((d) => name in d.options).map((d) => d.factory);
}

/** `weightDecay` as `weight-decay`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The run setting of an optimizer option: `momentum` keeps its own key; the others sit in `optimizerOptions`. */
export function optimizerOptionKey(name: string): string {
  return name === 'momentum' ? 'momentum' : `optimizerOptions.${name}`;
}

function optimizerOptionField(name: string): RunField {
  const takers = optimizersTaking(name);
  const declared = (runOptimizer(takers[0]!)!.options as Record<string, Field>)[name] as NumberField | BooleanField;
  const defaultText = perOptimizer(takers, (t) => String((runOptimizer(t)!.options as Record<string, Field>)[name]!.default));
  const field: Field = declared.kind === 'boolean' ? boolean(declared.doc) : { ...declared, default: undefined } as NumberField;
  const out: RunField = { key: optimizerOptionKey(name), flag: kebabCase(name), field, group: 'optimizer', defaultText, optimizers: takers };
  return declared.kind === 'boolean' ? out : { ...out, arg: 'X' };
}

/** A default that may differ by optimizer: `0.001`, or `0.001 for adam, rmsprop, adamw; 0.01 for sgd`. */
function perOptimizer(optimizers: readonly OptimizerName[], value: (o: OptimizerName) => string): string {
  const byValue = new Map<string, OptimizerName[]>();
  for (const o of optimizers) byValue.set(value(o), [...(byValue.get(value(o)) ?? []), o]);
  if (byValue.size === 1) return [...byValue.keys()][0]!;
  return [...byValue].map(([v, os]) => `${v} for ${os.join(', ')}`).join('; ');
}

/** A comma-separated list of positive widths, or the empty list. */
const units = custom('widths of the hidden dense layers of the mlp preset, e.g. 128,64; "none" (or []) for no hidden layer', `a list of at most ${RUN_LIMITS.hiddenLayers} integers from 1 to ${RUN_LIMITS.width}`, (where, path, value) => {
  const expected = `a list of at most ${RUN_LIMITS.hiddenLayers} integers from 1 to ${RUN_LIMITS.width}`;
  if (!Array.isArray(value) || value.length > RUN_LIMITS.hiddenLayers || !value.every((u) => Number.isSafeInteger(u) && (u as number) >= 1 && (u as number) <= RUN_LIMITS.width)) throw invalid(where, path, expected, value);
  return [...(value as number[])];
}, { default: [128, 64] });

/**
 * Every setting of a run, in the order of the reference. The flag tables of the commands pick
 * from these by key; `momentum` and the other optimizer options come from the optimizer
 * declarations, one setting per option name.
 */
export function runFields(): readonly RunField[] {
  return (declared ??= declareRunFields());
}

let declared: readonly RunField[] | undefined;

function declareRunFields(): readonly RunField[] {
  return [
    { key: 'model', flag: 'model', arg: 'NAME|FILE', group: 'model', field: custom(`a preset (${Object.keys(MODEL_PRESETS).join(', ')}) or a JSON model spec file or saved model`, 'a preset name or a model spec', (_w, _p, v) => v, { default: 'mlp' }) },
    { key: 'dataset', flag: 'dataset', arg: 'NAME', group: 'data', field: choice('the dataset', DATASET_NAMES), defaultText: 'mnist, or mnist-mini when MNIST is offline' },
    { key: 'dataDir', flag: 'data-dir', arg: 'DIR', group: 'data', field: string('read the four MNIST/Fashion-MNIST IDX files from DIR (no download)') },
    { key: 'data', flag: 'data', arg: 'PATH', group: 'data', field: string('your own data: a CSV/TSV table (or one gzipped, .csv.gz), a folder of one folder of images per class (with or without train/ and test/), an .npz file, or a folder of IDX files; not with --dataset or --data-dir'), configKey: 'data.path' },
    { key: 'target', flag: 'target', arg: 'NAME|INDEX', group: 'data', field: string('tables: the target column, by name or 0-based index (-1 = the last)'), defaultText: 'the last column', configKey: 'data.target' },
    { key: 'features', flag: 'features', arg: 'LIST', group: 'data', field: string('tables: the feature columns, comma-separated names or indices'), defaultText: 'every column but the target', configKey: 'data.features' },
    { key: 'exclude', flag: 'exclude', arg: 'LIST', group: 'data', field: string('tables: columns to leave out (an identifier, say), comma-separated names or indices'), configKey: 'data.exclude' },
    { key: 'imageSize', flag: 'image-size', arg: 'HxW', group: 'data', field: string('image folders: the size every image is resized to (bilinear), e.g. 32x32'), defaultText: "the first image's size", configKey: 'data.imageSize' },
    { key: 'resize', flag: 'resize', arg: 'METHOD', group: 'data', field: choice('image folders and predict: images of another size are resized (bilinear) or refused (refuse)', ['bilinear', 'refuse'], { default: 'bilinear' }), configKey: 'data.resize' },
    { key: 'channels', flag: 'channels', arg: 'N', group: 'data', field: choice('image folders: convert every image to 1 (grey) or 3 (RGB) channels', ['1', '3']), defaultText: 'as the images are', configKey: 'data.channels' },
    { key: 'delimiter', flag: 'delimiter', arg: 'CHAR', group: 'data', field: string('tables: the field separator, one character; tab (or \\t) for the tab'), defaultText: 'detected among , ; tab |', configKey: 'data.delimiter' },
    { key: 'header', flag: 'header', arg: 'auto|yes|no', group: 'data', field: choice('tables: whether the first row names the columns (auto: detected, a row of text above rows of numbers)', HEADER_CHOICES, { default: 'auto' }), configKey: 'data.header' },
    { key: 'classNames', flag: 'class-names', arg: 'LIST', group: 'data', field: string('.npz files and IDX folders: the names of the classes, comma-separated, class 0 first (tables and image folders name their own)'), defaultText: 'the class indices 0, 1, ...', configKey: 'data.classNames' },
    { key: 'arrays', flag: 'arrays', arg: 'X,Y[,X_TEST,Y_TEST]', group: 'data', field: string('.npz files: the arrays of the training samples and targets, and of the test ones'), defaultText: 'x_train,y_train,x_test,y_test', configKey: 'data.arrays' },
    { key: 'pixels', flag: 'pixels', arg: 'unit|standardize', group: 'data', field: choice('images (folders, IDX, byte arrays): unit reads each pixel as value / 255; standardize then puts first a normalization layer adapted on the training split, each channel to mean 0 and variance 1', PIXEL_CHOICES, { default: 'unit' }), configKey: 'data.pixels' },
    { key: 'valSplit', flag: 'val-split', arg: 'FRACTION', group: 'data', field: number('data without a test split: hold out this share of the training samples for validation (seeded by --seed, stratified by class)', { range: { min: 0, minExclusive: true, max: 1, maxExclusive: true } }), configKey: 'data.valSplit' },
    { key: 'standardize', flag: 'no-standardize', group: 'data', field: boolean('tables and arrays of features: do not standardise the features (by default a normalization layer adapted on the training split comes first)'), configKey: 'data.standardize' },
    { key: 'task', flag: 'task', arg: 'NAME', group: 'data', field: choice('tables: what the target is (auto: a regression when it holds non-integers or over 100 distinct numbers, else classes; binary: two classes, one sigmoid output; regression: one linear output)', TASK_CHOICES, { default: 'auto' }), cliOnly: true },
    { key: 'trainSize', flag: 'train-size', arg: 'N', group: 'data', field: integer('train on a seeded random subset of N samples', { range: { min: 1, max: RUN_LIMITS.samples } }), defaultText: 'all' },
    { key: 'valSize', flag: 'val-size', arg: 'N', group: 'data', field: integer('validate on a seeded random subset of N test samples', { range: { min: 1, max: RUN_LIMITS.samples } }), defaultText: 'all' },
    { key: 'dataSeed', flag: 'seed', arg: 'N', group: 'seeds', field: integer('seed of the training subset and of mnist-mini\'s split', { default: 42, range: { min: 0, max: 0xffffffff } }) },
    { key: 'epochs', flag: 'epochs', arg: 'N', group: 'training', field: integer('passes over the training data', { default: 10, range: { min: 1, max: RUN_LIMITS.epochs } }) },
    { key: 'batchSize', flag: 'batch-size', arg: 'N', group: 'training', field: integer('samples per step', { default: 32, range: { min: 1, max: RUN_LIMITS.batchSize } }) },
    { key: 'optimizer', flag: 'optimizer', arg: 'NAME', group: 'optimizer', field: choice('the optimizer, with Keras defaults', OPTIMIZER_NAMES, { default: 'adam' }) },
    {
      key: 'lr', flag: 'lr', arg: 'X', group: 'optimizer', field: number('learning rate', { range: { min: 0, minExclusive: true } }),
      defaultText: perOptimizer(OPTIMIZER_NAMES, (o) => String(defaultLearningRate(o))),
    },
    ...optimizerOptionNames().map(optimizerOptionField),
    { key: 'hidden', flag: 'hidden', arg: 'LIST', group: 'model', field: units, defaultText: '128,64' },
    { key: 'activation', flag: 'activation', arg: 'NAME', group: 'model', field: choice('hidden activation of the mlp preset', ACTIVATIONS, { default: 'relu' }) },
    { key: 'loss', flag: 'loss', arg: 'NAME', group: 'training', field: choice('the loss (the dense ones train on one-hot labels)', LOSS_NAMES), defaultText: 'sparseCategoricalCrossentropy; binaryCrossentropy for a binary task, meanSquaredError for a regression' },
    { key: 'metrics', flag: 'metrics', arg: 'LIST', group: 'training', field: metricList, defaultText: 'accuracy; accuracy,auc for a binary task; mae,rmse,r2 for a regression', cliOnly: true },
    { key: 'noise', flag: 'noise', arg: 'SPEC', multiple: true, group: 'noise', configKey: 'configurations[].noise', field: custom("a noise technique, technique[:key=value,...][@where]; see 'noisenet techniques'", 'a list of noise specs', (_w, _p, v) => v) },
    {
      key: 'card', flag: 'card', arg: 'all|none|LIST', group: 'evaluation', configKey: 'robustness.card',
      field: custom("compare and sweep: the robustness card measured after each run: corruption (15 MNIST-C corruptions at the benchmark's severities; images only), adversarial (FGSM), certified (randomized smoothing, sigma 0.25, L2 radius 0.25)", CARD_EXPECTED, (where, path, v) => parseCardMeasures(where, v, path), { default: 'all' }),
    },
    { key: 'cardSamples', flag: 'card-samples', arg: 'N', group: 'evaluation', configKey: 'robustness.cardSamples', field: integer('compare and sweep: validation samples the robustness card is measured on, a seeded subset, the same for every run (certification: the first 100 of them)', { default: DEFAULT_CARD_SAMPLES, range: { min: 1, max: RUN_LIMITS.samples } }) },
    { key: 'cardEps', flag: 'card-eps', arg: 'EPS', group: 'evaluation', configKey: 'robustness.cardEps', field: number("compare and sweep: the L-infinity epsilon of the robustness card's FGSM attack (pixels in [0, 1])", { default: DEFAULT_CARD_EPS, range: { min: 0, minExclusive: true, max: 1 } }) },
    { key: 'seed', flag: 'seed', arg: 'N', group: 'seeds', field: integer('seed of the weights, shuffles, noise and subset', { default: 42, range: { min: 0, max: 0xffffffff } }), cliOnly: true },
    { key: 'backend', flag: 'backend', arg: 'NAME', group: 'training', field: choice("where the kernels run (webgpu: on the GPU, through the optional package webgpu, Dawn's bindings)", ['wasm', 'webgpu'], { default: 'wasm' }), cliOnly: true },
    { key: 'threads', flag: 'threads', arg: 'N', group: 'training', field: integer('worker threads of the WebAssembly kernels', { range: { min: 1 } }), defaultText: 'all cores; 1 = none spawned', cliOnly: true },
    { key: 'out', flag: 'out', arg: 'DIR', group: 'output', field: string('output folder'), cliOnly: true },
  ];
}

/** The run setting of `key`. @throws Error for a key the schema does not declare (a programming error). */
export function runField(key: string): RunField {
  const f = runFields().find((r) => r.key === key);
  if (!f) throw new Error(`run schema: no setting '${key}'`);
  return f;
}

/** The optimizer options of the schema (momentum, weightDecay, ...), as run fields. */
export function optimizerOptionFields(): RunField[] {
  return runFields().filter((f) => f.optimizers !== undefined);
}

/** The help line of a setting: its doc, then its default. */
export function runFieldHelp(f: RunField, doc = f.field.kind === 'choice' ? `${f.field.doc}: ${f.field.choices.join(', ')}` : f.field.doc): string {
  const fixed = f.field.default === undefined ? undefined : Array.isArray(f.field.default) ? f.field.default.join(',') : String(f.field.default);
  const def = f.defaultText ?? fixed;
  const takers = f.optimizers ? `; ${f.optimizers.join(', ')}` : '';
  return def === undefined ? `${doc}${takers ? ` (${takers.slice(2)})` : ''}` : `${doc} (default ${def}${takers})`;
}
