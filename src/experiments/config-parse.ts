/**
 * Reading and validating an experiment configuration (`--config FILE`): every field checked,
 * unknown fields and noise techniques rejected before any run, each error naming the file, the
 * field and the reason.
 */
import type { Field } from '../schema/fields.js';
import { HEADER_CHOICES, PIXEL_CHOICES, defaultLearningRate, optimizerOptionFields, runField, runFields, runOptimizer, type RunField } from '../run/run-schema.js';
import type { OptimizerName } from '../registry/catalogue.js';
import type { LossName } from '../losses/index.js';
import { RESULTS_FORMAT, fileSafeName } from './results.js';
import { ARRAY_NAMES_EXPECTED, CLASS_NAMES_EXPECTED, DELIMITER_EXPECTED, parseArrayNames, parseClassNames, parseDelimiter } from './own-data.js';
import { findJsonError } from './json-error.js';
import { CONFIG_DEFAULTS, ExperimentConfigError, OWN_DATASET, type ConfigurationSpec, type ExperimentConfig, type OwnDataConfig, type RobustnessSettings } from './config.js';
import { MODEL_PRESETS } from '../models/presets.js';
import { ModelSpecError, checkModelSpec, type ModelSpec } from '../models/model-spec.js';
import { RUN_LIMITS, type RunLimits } from '../run/run-limits.js';
import { CARD_EXPECTED, parseCardMeasures } from '../run/card-settings.js';
import { JsonLimitError, checkJsonBounds, parseBoundedJson } from '../schema/bounded-json.js';

/** Options of {@link parseExperimentConfig} and {@link readExperimentConfig}. */
export interface ParseConfigOptions {
  /**
   * Checks one noise specification, throwing an Error whose message says what is wrong (unknown
   * technique, unknown or invalid parameter). Without it, specs are only checked to be non-empty strings.
   */
  validateNoise?: (spec: string) => void;
  /** The limits of epochs, sizes, draws and list lengths; default {@link RUN_LIMITS}. */
  limits?: RunLimits;
}

type Obj = Record<string, unknown>;

class Fields {
  constructor(readonly source: string) {}

  fail(field: string, reason: string): never {
    throw new ExperimentConfigError(this.source, field, reason);
  }

  object(value: unknown, field: string, known: readonly string[]): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, `must be a JSON object, received ${show(value)}`);
    for (const key of Object.keys(value)) if (!known.includes(key)) this.fail(join(field, key), `unknown field (known: ${known.join(', ')})`);
    return value as Obj;
  }

  number(value: unknown, field: string, rule: { min?: number; above?: number; max?: number; below?: number; integer?: boolean }): number {
    const kind = rule.integer ? 'an integer' : 'a number';
    const bounds = [rule.min !== undefined ? `>= ${rule.min}` : '', rule.above !== undefined ? `> ${rule.above}` : '', rule.max !== undefined ? `<= ${rule.max}` : '', rule.below !== undefined ? `< ${rule.below}` : ''].filter(Boolean).join(' and ');
    const ok =
      typeof value === 'number' && Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) &&
      (rule.min === undefined || value >= rule.min) && (rule.above === undefined || value > rule.above) && (rule.max === undefined || value <= rule.max) && (rule.below === undefined || value < rule.below);
    if (!ok) this.fail(field, `must be ${kind}${bounds ? ` ${bounds}` : ''}, received ${show(value)}`);
    return value as number;
  }

  string(value: unknown, field: string, choices?: readonly string[]): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, `must be a non-empty string, received ${show(value)}`);
    if (choices && !choices.includes(value)) this.fail(field, `must be one of ${choices.join(', ')}, received ${show(value)}`);
    return value;
  }

  /** A list of at most `max` items (checked before any item), each read by `item`. */
  list<T>(value: unknown, field: string, item: (v: unknown, f: string) => T, max: number, allowEmpty = false): T[] {
    if (!Array.isArray(value) || (!allowEmpty && value.length === 0)) this.fail(field, `must be a ${allowEmpty ? '' : 'non-empty '}list, received ${show(value)}`);
    if (value.length > max) this.fail(field, `must hold at most ${max} items, received ${value.length} (a limit of the run schema)`);
    return value.map((v, i) => item(v, `${field}[${i}]`));
  }
}

/** The most runs per configuration a seed count may ask for (the run limit `seeds`). */
export const MAX_SEEDS = RUN_LIMITS.seeds;

/** The run settings whose upper bound is a run limit, and that limit. */
const LIMITED: Readonly<Record<string, keyof RunLimits>> = { epochs: 'epochs', batchSize: 'batchSize', trainSize: 'samples', valSize: 'samples' };

/** The run settings a config file holds, from the run schema (the noise is each configuration's). */
function runKeys(): string[] {
  const keys: string[] = [];
  for (const r of runFields()) {
    if (r.cliOnly || r.configKey !== undefined) continue;
    const key = r.key.split('.')[0]!;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Every top-level field of a config file. */
export function configKeys(): string[] {
  return ['name', ...runKeys(), 'data', 'seeds', 'baseline', 'configurations', 'robustness'];
}

/** The fields of a config's `data` object, from the run schema (`data.path`, `data.target`, ...), and the digest a sweep adds. */
export function ownDataKeys(): string[] {
  return [...runFields().filter((r) => r.configKey?.startsWith('data.')).map((r) => r.configKey!.slice('data.'.length)), 'task', 'sha256'];
}

/** The number rule of a schema field, in the words of {@link Fields.number}. */
function numberRule(field: Field): { min?: number; above?: number; max?: number; below?: number; integer?: boolean } {
  const r = field.kind === 'number' || field.kind === 'level' ? field.range ?? {} : {};
  const rule: { min?: number; above?: number; max?: number; below?: number; integer?: boolean } = {};
  if (r.min !== undefined) rule[r.minExclusive ? 'above' : 'min'] = r.min;
  if (r.max !== undefined) rule[r.maxExclusive ? 'below' : 'max'] = r.max;
  if (r.integer) rule.integer = true;
  return rule;
}

/** A value of a run setting checked against its schema field (numbers, choices, strings, booleans). */
function runValue(f: Fields, r: RunField, value: unknown, at = r.key, limits: RunLimits = RUN_LIMITS): unknown {
  const field = r.field;
  switch (field.kind) {
    case 'number': {
      const limit = LIMITED[r.key];
      return f.number(value, at, limit === undefined ? numberRule(field) : { ...numberRule(field), max: limits[limit] });
    }
    case 'choice':
      return f.string(value, at, field.choices);
    case 'string':
      return f.string(value, at);
    case 'boolean':
      return value === true || value === false ? value : f.fail(at, `must be true or false, received ${show(value)}`);
    default:
      return value;
  }
}

/**
 * `optimizerOptions`: the options of `optimizer` beyond the learning rate and momentum, each
 * checked against the optimizer's declaration.
 */
function optimizerOptions(f: Fields, value: unknown, optimizer: string): Record<string, number | boolean> {
  const declared = (runOptimizer(optimizer)?.options ?? {}) as Record<string, Field>;
  const known = optimizerOptionFields().filter((r) => r.key.startsWith('optimizerOptions.') && r.optimizers!.includes(optimizer as OptimizerName)).map((r) => r.key.slice('optimizerOptions.'.length));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) f.fail('optimizerOptions', `must be a JSON object, received ${show(value)}`);
  const out: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!known.includes(k)) f.fail(`optimizerOptions.${k}`, `not an option of ${optimizer} (its options: ${known.join(', ') || 'none'})`);
    out[k] = runValue(f, { ...runField(`optimizerOptions.${k}`), field: declared[k]! }, v, `optimizerOptions.${k}`) as number | boolean;
  }
  return out;
}

/**
 * Validates a parsed configuration and fills in the defaults ({@link CONFIG_DEFAULTS}).
 * `seeds` may be a count N (seeds 1..N) or a list.
 * @throws ExperimentConfigError naming `source`, the field and the reason.
 */
export function parseExperimentConfig(raw: unknown, source: string, options: ParseConfigOptions = {}): ExperimentConfig {
  const f = new Fields(source);
  try {
    checkJsonBounds(raw, source);
  } catch (err) {
    if (err instanceof JsonLimitError) f.fail('(JSON)', err.reason);
    throw err;
  }
  const limits = options.limits ?? RUN_LIMITS;
  const o = f.object(raw, '(top level)', configKeys());
  const d = CONFIG_DEFAULTS;
  const seed = (v: unknown, field: string): number => f.number(v, field, { min: 0, max: 0xffffffff, integer: true });
  const seeds = typeof o.seeds === 'number' ? Array.from({ length: f.number(o.seeds, 'seeds', { min: 1, max: limits.seeds, integer: true }) }, (_, i) => i + 1) : o.seeds === undefined ? [...d.seeds] : f.list(o.seeds, 'seeds', seed, limits.seeds);
  if (new Set(seeds).size !== seeds.length) f.fail('seeds', `must be distinct, received ${seeds.length > 20 ? `${seeds.length} seeds` : `[${seeds.join(', ')}]`}`);
  const given = o.configurations === undefined ? [{ name: 'baseline', noise: [] }] : f.list(o.configurations, 'configurations', (v, field) => configuration(f, v, field, options, limits), limits.configurations);
  const configurations = o.baseline === undefined ? withBaseline(f, given) : given;
  const names = configurations.map((c) => c.name);
  names.forEach((n, i) => names.indexOf(n) !== i && f.fail(`configurations[${i}].name`, `duplicates configurations[${names.indexOf(n)}].name ${show(n)}`));
  const files = names.map(fileSafeName);
  files.forEach((n, i) => files.indexOf(n) !== i && f.fail(`configurations[${i}].name`, `${show(names[i])} and ${show(names[files.indexOf(n)])} would share the CSV file name ${n}-seed*.csv`));
  const baseline = o.baseline === undefined ? configurations.find((c) => c.noise.length === 0)!.name : f.string(o.baseline, 'baseline');
  if (!names.includes(baseline)) f.fail('baseline', `must name one of the configurations (${names.join(', ')}), received ${show(baseline)}`);
  const value = (key: string): unknown => (o[key] === undefined ? undefined : runValue(f, runField(key), o[key], key, limits));
  const optimizer = (value('optimizer') ?? d.optimizer) as OptimizerName;
  const own = o.data === undefined ? undefined : ownData(f, o.data);
  if (own !== undefined && o.dataDir !== undefined) f.fail('dataDir', 'names the folder of a built-in dataset; data reads your own: give one of them');
  if (own !== undefined && o.dataset !== undefined && o.dataset !== OWN_DATASET) f.fail('dataset', `names a built-in dataset; data reads your own: give one of them (or "dataset": "${OWN_DATASET}")`);
  const config: ExperimentConfig = {
    name: o.name === undefined ? d.name : f.string(o.name, 'name'),
    model: modelOf(f, o.model, source),
    dataset: own !== undefined ? OWN_DATASET : (value('dataset') ?? d.dataset) as string,
    dataSeed: (value('dataSeed') ?? d.dataSeed) as number,
    epochs: (value('epochs') ?? d.epochs) as number,
    batchSize: (value('batchSize') ?? d.batchSize) as number,
    optimizer,
    lr: (value('lr') ?? defaultLearningRate(optimizer)) as number,
    momentum: (value('momentum') ?? d.momentum) as number,
    hidden: o.hidden === undefined ? [...d.hidden] : f.list(o.hidden, 'hidden', (v, at) => f.number(v, at, { min: 1, max: limits.width, integer: true }), limits.hiddenLayers, true),
    activation: (value('activation') ?? d.activation) as string,
    seeds,
    baseline,
    configurations,
    robustness: robustness(f, o.robustness, limits),
  };
  if (o.optimizerOptions !== undefined) {
    const given = optimizerOptions(f, o.optimizerOptions, optimizer);
    if (Object.keys(given).length > 0) config.optimizerOptions = given;
  }
  if (o.loss !== undefined) config.loss = value('loss') as LossName;
  for (const key of ['dataDir', 'trainSize', 'valSize'] as const) if (o[key] !== undefined) (config as unknown as Record<string, unknown>)[key] = value(key);
  if (own !== undefined) config.data = own;
  return config;
}

/** `data`: the user's own data, `{path, target, features, exclude, imageSize, resize, channels, delimiter, header, arrays, classNames, pixels, valSplit, standardize, task, sha256}`. */
function ownData(f: Fields, value: unknown): OwnDataConfig {
  const o = f.object(value, 'data', ownDataKeys());
  if (o.path === undefined) f.fail('data.path', 'missing: the file or folder of your data');
  const out: OwnDataConfig = { path: f.string(o.path, 'data.path') };
  const column = (v: unknown, at: string): string | number => (typeof v === 'number' ? f.number(v, at, { integer: true }) : f.string(v, at));
  const columns = (v: unknown, at: string): (string | number)[] => f.list(v, at, column, 100_000);
  if (o.target !== undefined) out.target = column(o.target, 'data.target');
  if (o.features !== undefined) out.features = columns(o.features, 'data.features');
  if (o.exclude !== undefined) out.exclude = columns(o.exclude, 'data.exclude');
  if (o.imageSize !== undefined) {
    const size = f.list(o.imageSize, 'data.imageSize', (v, at) => f.number(v, at, { min: 1, max: 4096, integer: true }), 2);
    if (size.length !== 2) f.fail('data.imageSize', `must be [height, width], received ${show(o.imageSize)}`);
    out.imageSize = [size[0]!, size[1]!];
  }
  if (o.resize !== undefined) out.resize = f.string(o.resize, 'data.resize', ['bilinear', 'refuse']) as 'bilinear' | 'refuse';
  if (o.channels !== undefined) {
    if (o.channels !== 1 && o.channels !== 3) f.fail('data.channels', `must be 1 or 3, received ${show(o.channels)}`);
    out.channels = o.channels;
  }
  if (o.valSplit !== undefined) out.valSplit = f.number(o.valSplit, 'data.valSplit', { above: 0, below: 1 });
  if (o.standardize !== undefined) {
    if (typeof o.standardize !== 'boolean') f.fail('data.standardize', `must be true or false, received ${show(o.standardize)}`);
    out.standardize = o.standardize;
  }
  if (o.delimiter !== undefined) {
    const d = typeof o.delimiter === 'string' ? parseDelimiter(o.delimiter) : undefined;
    if (d === undefined) f.fail('data.delimiter', `must be ${DELIMITER_EXPECTED}, received ${show(o.delimiter)}`);
    out.delimiter = d;
  }
  if (o.header !== undefined) {
    const h = o.header === true ? 'yes' : o.header === false ? 'no' : o.header;
    out.header = f.string(h, 'data.header', [...HEADER_CHOICES]) as OwnDataConfig['header'];
  }
  if (o.arrays !== undefined) {
    const names = f.list(typeof o.arrays === 'string' ? o.arrays.split(',') : o.arrays, 'data.arrays', (v, at) => f.string(v, at), 4);
    const parsed = parseArrayNames(names);
    if (parsed === undefined) f.fail('data.arrays', `must be ${ARRAY_NAMES_EXPECTED}, received ${show(o.arrays)}`);
    out.arrays = parsed;
  }
  if (o.classNames !== undefined) {
    const names = f.list(typeof o.classNames === 'string' ? o.classNames.split(',') : o.classNames, 'data.classNames', (v, at) => f.string(v, at), 100_000);
    const parsed = parseClassNames(names);
    if (parsed === undefined) f.fail('data.classNames', `must be ${CLASS_NAMES_EXPECTED}, received ${show(o.classNames)}`);
    out.classNames = parsed;
  }
  if (o.pixels !== undefined) out.pixels = f.string(o.pixels, 'data.pixels', [...PIXEL_CHOICES]) as OwnDataConfig['pixels'];
  if (o.task !== undefined) out.task = f.string(o.task, 'data.task', ['classification', 'binary', 'regression']) as OwnDataConfig['task'];
  if (o.sha256 !== undefined) {
    if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) f.fail('data.sha256', `must be 64 lowercase hex digits, received ${show(o.sha256)}`);
    out.sha256 = o.sha256;
  }
  return out;
}

/** `model`: a preset name, or a model spec object (checked against every layer's declared options). */
function modelOf(f: Fields, value: unknown, source: string): string | ModelSpec {
  if (value === undefined) return CONFIG_DEFAULTS.model;
  if (typeof value === 'string') return f.string(value, 'model', Object.keys(MODEL_PRESETS));
  try {
    return checkModelSpec(value, source);
  } catch (e) {
    if (e instanceof ModelSpecError) f.fail(`model.${e.path}`, e.reason);
    throw e;
  }
}

/**
 * The configurations with a noise-free one to compare against: as given when one is noise-free,
 * else with `{ name: "baseline", noise: [] }` first.
 */
function withBaseline(f: Fields, configurations: ConfigurationSpec[]): ConfigurationSpec[] {
  if (configurations.some((c) => c.noise.length === 0)) return configurations;
  if (configurations.some((c) => c.name === 'baseline')) {
    f.fail('configurations', 'none is noise-free and "baseline" names a noisy one: add { "name": "plain", "noise": [] } or name the reference with "baseline"');
  }
  return [{ name: 'baseline', noise: [] }, ...configurations];
}

function configuration(f: Fields, value: unknown, field: string, options: ParseConfigOptions, limits: RunLimits): ConfigurationSpec {
  const o = f.object(value, field, ['name', 'noise']);
  const name = f.string(o.name, `${field}.name`);
  const noise = o.noise === undefined ? [] : f.list(o.noise, `${field}.noise`, (v, at) => f.string(v, at), limits.noiseSpecs, true);
  noise.forEach((spec, i) => {
    try {
      options.validateNoise?.(spec);
    } catch (err) {
      f.fail(`${field}.noise[${i}]`, `${show(spec)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { name, noise };
}

function robustness(f: Fields, value: unknown, limits: RunLimits): RobustnessSettings {
  const d = CONFIG_DEFAULTS.robustness;
  if (value === undefined) return { ...d, stddevs: [...d.stddevs] };
  const o = f.object(value, 'robustness', ['stddevs', 'draws', 'seed', 'clip', 'samples', 'card', 'cardSamples', 'cardEps']);
  const r: RobustnessSettings = {
    stddevs: o.stddevs === undefined ? [...d.stddevs] : f.list(o.stddevs, 'robustness.stddevs', (v, at) => f.number(v, at, { min: 0 }), limits.levels),
    draws: o.draws === undefined ? d.draws : f.number(o.draws, 'robustness.draws', { min: 1, max: limits.draws, integer: true }),
    seed: o.seed === undefined ? d.seed : f.number(o.seed, 'robustness.seed', { min: 0, max: 0xffffffff, integer: true }),
    clip: o.clip === undefined ? d.clip : o.clip === true || o.clip === false ? o.clip : f.fail('robustness.clip', `must be true or false, received ${show(o.clip)}`),
  };
  if (o.samples !== undefined) r.samples = f.number(o.samples, 'robustness.samples', { min: 1, max: limits.samples, integer: true });
  if (o.card !== undefined) {
    try {
      r.card = parseCardMeasures('robustness', o.card, 'robustness.card');
    } catch {
      f.fail('robustness.card', `must be ${CARD_EXPECTED}, received ${show(o.card)}`);
    }
  }
  if (o.cardSamples !== undefined) r.cardSamples = f.number(o.cardSamples, 'robustness.cardSamples', { ...numberRule(runField('cardSamples').field), max: limits.samples });
  if (o.cardEps !== undefined) r.cardEps = f.number(o.cardEps, 'robustness.cardEps', numberRule(runField('cardEps').field));
  return r;
}

/**
 * The raw configuration object of a JSON text, not validated: its top-level object, or the
 * `config` object of a results.json (`"format": "noisenet-compare"`).
 * @throws ExperimentConfigError naming `file`: invalid JSON (with line and column).
 */
export function experimentConfigJson(text: string, file: string): unknown {
  let raw: unknown;
  try {
    raw = parseBoundedJson(text, file);
  } catch (err) {
    if (err instanceof JsonLimitError) throw new ExperimentConfigError(file, '(JSON)', err.reason);
    const found = findJsonError(text);
    if (!found) throw new ExperimentConfigError(file, '(JSON)', `invalid JSON: ${(err as Error).message}`);
    const next = found.position < text.length ? JSON.stringify(text[found.position]) : 'the end of the file';
    throw new ExperimentConfigError(file, lineColumn(text, found.position), `invalid JSON: expected ${found.expected}, found ${next}`);
  }
  const results = raw as { format?: unknown; config?: unknown } | null;
  if (results && typeof results === 'object' && results.format === RESULTS_FORMAT) {
    if (results.config === undefined) throw new ExperimentConfigError(file, 'config', 'missing: a results.json must hold the experiment\'s config');
    return results.config;
  }
  return raw;
}

/** The configuration as a JSON file that {@link readExperimentConfig} reads back to the same object. */
export function configJson(config: ExperimentConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function join(field: string, key: string): string {
  return field === '(top level)' ? key : `${field}.${key}`;
}

/** A value as JSON, cut short when long, so that every message stays one readable line. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'a list' : typeof value; // nested past the stack: the bounds check names it first
  }
  return text.length > 80 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}
