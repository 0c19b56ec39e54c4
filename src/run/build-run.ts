/**
 * The one builder of runs: settings and the data's shape become a compiled model (preset or
 * spec, noise specs applied), and the options `fit` needs. `noisenet train`, `noisenet compare`
 * and experiment config files all build their models here.
 */
import type { Backend } from '../kernels/backend.js';
import type { FitOptions } from '../train/fit.js';
import type { Augmentation } from '../parts/augmentation.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { Sequential } from '../models/sequential.js';
import type { NoiseSpec } from '../techniques/parse.js';
import type { DataShape, RunSettings } from './run-settings.js';
import { ModelSpecError, buildModel, type ModelSpec } from '../models/model-spec.js';
import { MODEL_PRESETS, presetSpec } from '../models/presets.js';
import { InvalidArgumentError } from '../errors.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { augmentationFromConfig, findOptimizer, optimizerFromConfig } from '../registry/lookup.js';
import { LOSS_DEFINITIONS, getLoss, lossTask, type LossName, type Task } from '../losses/index.js';
import { taskMetrics } from '../losses/metrics/index.js';
import { invalid } from '../errors.js';
import { runOptimizerConfig } from './run-optimizer.js';
import { ACTIVATIONS, type Activation } from '../kernels/backend.js';
import { checkChoice } from '../validate.js';

/** A built run. */
export interface BuiltRun {
  /** Compiled: optimizer (wrapped for gradient noise), the loss (sparse cross-entropy by default, with label smoothing), accuracy. */
  model: Sequential;
  /** Data-level noise and the image shape, to spread into `fit`'s options. */
  fitOptions: Pick<FitOptions, 'augment' | 'imageShape'>;
  /** The noise specs as parsed. */
  specs: NoiseSpec[];
  /** The model spec with the noise applied: what was built. */
  spec: ModelSpec;
  /** One line per noise spec placed where it does not do what it promises; print them. */
  warnings: string[];
}

/**
 * The noise token that keeps a preset's own noise (the convnet's Dropout 0.5) in a comparison:
 * `--noise preset`, or `"preset"` in a configuration's noise list.
 */
export const PRESET_NOISE = 'preset';

/**
 * Whether a preset's own noise is built: `declared`, always, as the preset declares it
 * (`noisenet train`); `listed`, only when the noise list holds {@link PRESET_NOISE} (compare,
 * sweep and the playground, whose baseline trains without any noise).
 */
export type PresetNoise = 'declared' | 'listed';

/** The settings `buildRun` reads. */
export type ModelSettings = Pick<RunSettings, 'model' | 'hidden' | 'activation' | 'noise' | 'optimizer' | 'lr' | 'momentum' | 'optimizerOptions' | 'loss'> & Partial<Pick<RunSettings, 'metrics'>>;

/** The loss a run of `task` trains with when none is given. */
export function defaultLoss(task: Task): LossName {
  return task === 'regression' ? 'meanSquaredError' : task === 'binary' ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy';
}

/** The metrics a run of `task` records when none are given: accuracy; accuracy and auc; mae, rmse and r2. */
export function defaultMetrics(task: Task): string[] {
  return task === 'multiclass' ? ['accuracy'] : taskMetrics(task);
}

/** The model spec of the settings before noise: the preset sized for the data, or the spec as given. */
export function baseModelSpec(settings: Pick<RunSettings, 'model' | 'hidden' | 'activation'>, data: DataShape, ownNoise = true): ModelSpec {
  if (typeof settings.model !== 'string') return settings.model;
  const activation = checkChoice('model', 'activation', settings.activation, ACTIVATIONS) as Activation;
  const task = data.task ?? 'multiclass';
  const output = task === 'multiclass' ? {} : { classes: 1, output: task === 'binary' ? 'sigmoid' as const : 'linear' as const };
  return presetSpec(settings.model, { inputShape: data.inputShape, classes: data.classes, hidden: settings.hidden, activation, ownNoise, ...output });
}

/**
 * The noise list without {@link PRESET_NOISE}, and whether the preset keeps its own noise.
 * @throws InvalidArgumentError `noise spec 'preset': ...` when the model has no noise of its own.
 */
export function splitPresetNoise(model: RunSettings['model'], noise: readonly string[], mode: PresetNoise): { specs: string[]; ownNoise: boolean } {
  const specs = noise.filter((s) => s.trim() !== PRESET_NOISE);
  const listed = specs.length < noise.length;
  if (listed && (typeof model !== 'string' || MODEL_PRESETS[model]?.ownNoise === undefined)) {
    const which = typeof model === 'string' ? `the ${model} preset` : 'a model spec file';
    const presets = Object.keys(MODEL_PRESETS).filter((k) => MODEL_PRESETS[k]!.ownNoise !== undefined);
    throw new InvalidArgumentError(`noise spec '${PRESET_NOISE}': keeps a preset's own noise, but ${which} has none (presets with noise of their own: ${presets.join(', ')})`);
  }
  return { specs, ownNoise: mode === 'declared' || listed };
}

/**
 * Builds and compiles the run's model (weights are drawn by `fit` from its seed). With
 * `presetNoise: 'listed'` a preset's own noise is built only when the noise list asks for it
 * with {@link PRESET_NOISE}; by default it is built as the preset declares it.
 * @throws InvalidArgumentError `noise spec '<spec>': <reason>` for a spec that does not fit,
 *   ModelSpecError for a model spec that does not build.
 */
export function buildRun(settings: ModelSettings, data: DataShape, options: { backend?: Backend | undefined; preprocessing?: ModelSpec['layers']; presetNoise?: PresetNoise } = {}): BuiltRun {
  const { specs, ownNoise } = splitPresetNoise(settings.model, settings.noise, options.presetNoise ?? 'declared');
  const spec = baseModelSpec(settings, data, ownNoise);
  const plan = applyNoiseSpecs(specs, spec, { imageShape: data.imageShape });
  const noisy = withPreprocessing(plan.model, options.preprocessing);
  const model = buildSpec(noisy, withPreprocessing(spec, options.preprocessing), options.backend);
  const base = optimizerFromConfig(settings.optimizer, runOptimizerConfig(settings));
  const optimizer = plan.optimizerWrappers.reduce<Optimizer>((inner, w) => findOptimizer(w.className)!.create(w.config, inner), base);
  const task = data.task ?? 'multiclass';
  const loss = settings.loss ?? defaultLoss(task);
  if (task !== 'multiclass' && lossTask(loss) !== task) throw invalid('run', 'loss', `a loss of the ${task} task (${LOSS_DEFINITIONS.filter((d) => d.task === task).map((d) => d.factory).join(', ')})`, loss);
  if (task === 'multiclass' && lossTask(loss) === 'binary' && data.classes !== 2) throw invalid('run', 'loss', `a loss for ${data.classes} classes: binaryCrossentropy takes two classes, 0 and 1 (use sparseCategoricalCrossentropy)`, loss);
  model.compile({ optimizer, loss: getLoss(loss, plan.lossOptions), metrics: settings.metrics ?? defaultMetrics(task) });
  const augment: Augmentation[] = plan.augment.map((a) => augmentationFromConfig(a.className, a.config));
  return { model, fitOptions: { augment, ...(data.imageShape ? { imageShape: data.imageShape } : {}) }, specs: plan.specs, spec: noisy, warnings: plan.warnings };
}

/**
 * Preprocessing layers (a Normalization adapted on the data) right after the input layer, ahead
 * of any input noise, so that the noise lands on the preprocessed values.
 */
function withPreprocessing(spec: ModelSpec, given: ModelSpec['layers'] | undefined): ModelSpec {
  if (!given?.length || spec.layers[0]?.className !== 'InputLayer') return spec;
  const input = spec.layers[0];
  const layers = given.map((l) => perPixel(l, input.config.shape));
  const name = input.config.name;
  if (!spec.layers.some((l) => l.inputs) || typeof name !== 'string') return { ...spec, layers: [input, ...layers, ...spec.layers.slice(1)] };
  // In a graph, the layers that read the input read the last preprocessing layer instead.
  const named = layers.map((l, i) => ({ ...l, config: { ...l.config, name: `${name}_preprocessing${i === 0 ? '' : `_${i}`}` } }));
  const last = String(named[named.length - 1]!.config.name);
  const rest = spec.layers.slice(1).map((l) => (l.inputs ? { ...l, inputs: l.inputs.map((n) => (n === name ? last : n)) } : l));
  return { ...spec, layers: [input, ...named, ...rest] };
}

/**
 * A Normalization of per-channel statistics ahead of a flat input (the mlp reads an image as one
 * vector of its pixels, channel last): each channel's mean and variance repeated for every pixel,
 * the same standardisation. Any other layer, or statistics that fit the input, as they are.
 */
function perPixel(layer: ModelSpec['layers'][number], shape: unknown): ModelSpec['layers'][number] {
  const { mean, variance } = layer.config as { mean?: unknown; variance?: unknown };
  if (layer.className !== 'Normalization' || !Array.isArray(mean) || !Array.isArray(variance) || !Array.isArray(shape) || shape.length !== 1) return layer;
  const size = shape[0] as number;
  const channels = mean.length;
  if (channels === 0 || size === channels || size % channels !== 0) return layer;
  const tile = (v: unknown[]): unknown[] => Array.from({ length: size }, (_, i) => v[i % channels]);
  return { ...layer, config: { ...layer.config, mean: tile(mean), variance: tile(variance) } };
}

/**
 * Builds `noisy`, the model `spec` with noise layers inserted. When it does not build and `spec`
 * alone does not either, the error is `spec`'s, so that its layer indices are those of the
 * spec as the user wrote it rather than of the model with the noise layers in it.
 */
function buildSpec(noisy: ModelSpec, spec: ModelSpec, backend: Backend | undefined): Sequential {
  const options = backend ? { backend } : {};
  try {
    return buildModel(noisy, options);
  } catch (err) {
    if (err instanceof ModelSpecError && noisy !== spec) buildModel(spec, options);
    throw err;
  }
}
