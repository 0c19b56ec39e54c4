/**
 * The playground's settings and their form in the URL hash, so that a link reproduces a run:
 * `#dataset=mnist-mini&train=1000&epochs=20&optimizer=sgd&lr=0.01&batch=32&seed=1&noise=gaussian:stddev=0.3&backend=webgpu&autorun=1`
 * (`backend` is left out when it is `auto`).
 * A hash is read as a whole: any unknown or out-of-range setting makes it refused, with every
 * problem named, and nothing of it applied.
 */
import { InvalidArgumentError } from '../errors.js';
import { parseNoiseSpec } from '../techniques/index.js';
import { MODEL_PRESETS } from '../models/presets.js';
import { OPTIMIZER_NAMES } from '../run/run-schema.js';
import type { OptimizerName } from '../registry/catalogue.js';
import { LOSS_NAMES, type LossName } from '../losses/index.js';
import { BACKEND_CHOICES, type BackendChoice } from '../kernels/backend-choices.js';

/** Datasets a link can name (own files cannot travel in a link). */
export const LINK_DATASETS = ['mnist-mini', 'fashion-mnist'] as const;
/** At most this many noise techniques make up the noisy model. */
export const MAX_NOISE = 2;

/**
 * What a table's target is: `auto` reads it from the values (a continuous target is a
 * regression, two classes a yes/no target trained as binary, more classes a classification),
 * or the task named. Images always train as classes.
 */
export const PLAYGROUND_TASKS = ['auto', 'classification', 'binary', 'regression'] as const;
export type PlaygroundTask = (typeof PLAYGROUND_TASKS)[number];

export interface PlaygroundSettings {
  /** `mnist-mini`, `fashion-mnist`, or `custom` (files given on the page). */
  dataset: string;
  /** A model preset: `mlp` (the article's network). */
  model: string;
  /** Training images: a seeded subset of the training split. */
  trainSize: number;
  epochs: number;
  /** The optimizer of both models: any the registry declares (`adam`, `sgd`, `rmsprop`, `adamw`). */
  optimizer: OptimizerName;
  /** The optimizer's learning rate. */
  lr: number;
  /** The loss of both models: any the library has (`sparseCategoricalCrossentropy` by default; the task's own when the default does not fit it). */
  loss: LossName;
  /** What a dropped table's target is (see {@link PLAYGROUND_TASKS}); `auto` by default. */
  task: PlaygroundTask;
  batchSize: number;
  /** Seed of the initial weights, the shuffles and the noise (both models use it). */
  seed: number;
  /** The noisy model's techniques, as `--noise` specs: 1 or 2. */
  noise: string[];
  /** Start training as soon as the page has loaded. */
  autorun: boolean;
  /** The backend that trains: `auto` (the default when absent: WebGPU for a model big enough to gain, on a hardware adapter), `wasm` or `webgpu`. */
  backend?: BackendChoice;
}

export const DEFAULT_SETTINGS: Readonly<PlaygroundSettings> = {
  dataset: 'mnist-mini',
  model: 'mlp',
  trainSize: 1000,
  epochs: 20,
  optimizer: 'adam',
  lr: 0.001,
  loss: 'sparseCategoricalCrossentropy',
  task: 'auto',
  batchSize: 32,
  seed: 1,
  noise: ['gaussian:stddev=0.3'],
  autorun: false,
  backend: 'auto',
};

/**
 * Every key of the hash, and the setting it holds (named as in the run schema and config
 * files). A link leaves `optimizer`, `loss` and `task` out when they are the defaults.
 */
const KEYS = { dataset: 'dataset', model: 'model', train: 'trainSize', epochs: 'epochs', optimizer: 'optimizer', lr: 'lr', loss: 'loss', task: 'task', batch: 'batchSize', seed: 'seed', noise: 'noise', autorun: 'autorun', backend: 'backend' } as const;

/** The limits of the numeric settings. */
export const LIMITS = {
  trainSize: { min: 10, max: 60000, integer: true },
  epochs: { min: 1, max: 200, integer: true },
  lr: { min: 1e-6, max: 1, integer: false },
  batchSize: { min: 1, max: 1024, integer: true },
  seed: { min: 0, max: 4294967295, integer: true },
} as const;

/** Settings that cannot be used; the message lists every problem, `problems` each one. */
export class PlaygroundSettingsError extends InvalidArgumentError {
  override name = 'PlaygroundSettingsError';
  constructor(readonly problems: readonly string[]) {
    super(`settings: ${problems.join('; ')}`);
  }
}

/** The models a link or the form may name: the presets (the convnet too, once there is one). */
export function modelNames(): string[] {
  return Object.keys(MODEL_PRESETS);
}

/**
 * Checks settings, e.g. from the form, and returns them as they are.
 * @throws PlaygroundSettingsError naming every setting that is out of range or unknown.
 */
export function checkSettings(s: PlaygroundSettings, datasets: readonly string[] = [...LINK_DATASETS, 'custom']): PlaygroundSettings {
  const problems: string[] = [];
  if (!datasets.includes(s.dataset)) problems.push(`dataset must be one of ${datasets.join(', ')}, received ${JSON.stringify(s.dataset)}`);
  if (!modelNames().includes(s.model)) problems.push(`model must be one of ${modelNames().join(', ')}, received ${JSON.stringify(s.model)}`);
  if (!(LOSS_NAMES as readonly string[]).includes(s.loss)) problems.push(`loss must be one of ${LOSS_NAMES.join(', ')}, received ${JSON.stringify(s.loss)}`);
  if (!(PLAYGROUND_TASKS as readonly string[]).includes(s.task)) problems.push(`task must be one of ${PLAYGROUND_TASKS.join(', ')}, received ${JSON.stringify(s.task)}`);
  if (s.backend !== undefined && !(BACKEND_CHOICES as readonly string[]).includes(s.backend)) problems.push(`backend must be one of ${BACKEND_CHOICES.join(', ')}, received ${JSON.stringify(s.backend)}`);
  if (!OPTIMIZER_NAMES.includes(s.optimizer)) problems.push(`optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}, received ${JSON.stringify(s.optimizer)}`);
  for (const [key, limit] of Object.entries(LIMITS) as [keyof typeof LIMITS, (typeof LIMITS)[keyof typeof LIMITS]][]) {
    const v = s[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= limit.min && v <= limit.max && (!limit.integer || Number.isInteger(v)))) {
      problems.push(`${key} must be ${limit.integer ? 'an integer' : 'a number'} from ${limit.min} to ${limit.max}, received ${Number.isNaN(v) ? 'no number' : String(v)}`);
    }
  }
  if (s.noise.length < 1 || s.noise.length > MAX_NOISE) problems.push(`noise must be 1 or ${MAX_NOISE} techniques, received ${s.noise.length}`);
  for (const spec of s.noise) {
    try {
      parseNoiseSpec(spec);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) throw new PlaygroundSettingsError(problems);
  return s;
}

/**
 * The settings a URL hash gives (the defaults for what it leaves out), or null when it gives none.
 * @throws PlaygroundSettingsError naming every unknown key and every bad value.
 */
export function settingsFromHash(hash: string): PlaygroundSettings | null {
  const text = hash.replace(/^#/, '');
  if (text.trim() === '') return null;
  const params = new URLSearchParams(text);
  const problems: string[] = [];
  const s: PlaygroundSettings = { ...DEFAULT_SETTINGS, noise: [...DEFAULT_SETTINGS.noise] };
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (!(key in KEYS)) {
      problems.push(`unknown setting '${key}' (known: ${Object.keys(KEYS).join(', ')})`);
      continue;
    }
    if (key === 'noise') continue;
    if (seen.has(key)) problems.push(`setting '${key}' is given twice`);
    seen.add(key);
    const field = KEYS[key as keyof typeof KEYS];
    if (field === 'dataset' || field === 'model') s[field] = value;
    else if (field === 'optimizer') s.optimizer = value as OptimizerName;
    else if (field === 'loss') s.loss = value as LossName;
    else if (field === 'task') s.task = value as PlaygroundTask;
    else if (field === 'backend') s.backend = value as BackendChoice;
    else if (field === 'autorun') {
      if (value !== '0' && value !== '1') problems.push(`autorun must be 0 or 1, received ${JSON.stringify(value)}`);
      s.autorun = value === '1';
    } else if (field !== 'noise') s[field] = value.trim() === '' ? NaN : Number(value);
  }
  if (params.has('noise')) s.noise = params.getAll('noise');
  try {
    checkSettings(s, LINK_DATASETS);
  } catch (e) {
    problems.push(...(e as PlaygroundSettingsError).problems);
  }
  if (problems.length > 0) throw new PlaygroundSettingsError(problems);
  return s;
}

/** The URL hash of `settings` (with `autorun=1` when asked), readable and in a fixed order. */
export function settingsToHash(s: PlaygroundSettings, options: { autorun?: boolean } = {}): string {
  const params = new URLSearchParams();
  params.set('dataset', s.dataset);
  params.set('model', s.model);
  params.set('train', String(s.trainSize));
  params.set('epochs', String(s.epochs));
  if (s.optimizer !== DEFAULT_SETTINGS.optimizer) params.set('optimizer', s.optimizer);
  params.set('lr', String(s.lr));
  if (s.loss !== DEFAULT_SETTINGS.loss) params.set('loss', s.loss);
  if (s.task !== DEFAULT_SETTINGS.task) params.set('task', s.task);
  params.set('batch', String(s.batchSize));
  params.set('seed', String(s.seed));
  for (const spec of s.noise) params.append('noise', spec);
  if ((s.backend ?? 'auto') !== 'auto') params.set('backend', s.backend!);
  if (options.autorun ?? s.autorun) params.set('autorun', '1');
  // Specs read better unescaped; these characters are safe in a fragment.
  return `#${params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%40/gi, '@').replace(/%3E/gi, '>').replace(/%3D/gi, '=')}`;
}
