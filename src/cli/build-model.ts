/**
 * The one place that turns CLI settings and noise specs into a compiled model and the extra
 * options `fit` needs: `noisenet train` uses it, and `noisenet compare` can reuse it per run.
 *
 * ```ts
 * const specs = noiseSpecsFromFlags(['dropout:rate=0.5@hidden'], undefined);
 * const { model, fitOptions } = buildRun({ inputSize: 784, classes: 10, imageShape: [28, 28], hidden: [128, 64],
 *   activation: 'relu', optimizer: 'adam', lr: 0.001 }, specs);
 * await model.fit(x, y, { epochs: 10, seed: 42, ...fitOptions });
 * ```
 */
import type { Activation, Backend } from '../kernels/backend.js';
import type { FitOptions } from '../train/fit.js';
import { sequential, type Sequential } from '../models/sequential.js';
import { adam } from '../optimizers/adam.js';
import { sgd } from '../optimizers/sgd.js';
import { sparseCategoricalCrossentropy } from '../losses/cross-entropy.js';
import { applyNoiseSpecs, noiseStddevSpec, parseNoiseSpec, type NoiseSpec } from '../noise/spec/index.js';

/** The default noise of `noisenet train`: the article's Gaussian input noise. */
export const DEFAULT_NOISE_STDDEV = 0.1;

/** The model and optimizer settings of one run (what the CLI's flags and the dataset give). */
export interface RunSettings {
  /** Values per sample, e.g. 784 for 28x28 images. */
  inputSize: number;
  /** Number of classes: the width of the softmax output. */
  classes: number;
  /** `[height, width]` of image inputs; needed by cutout, affine and elastic. */
  imageShape?: [number, number] | undefined;
  /** Widths of the hidden layers, in order; empty for a softmax regression. */
  hidden: readonly number[];
  /** Activation of every hidden layer. */
  activation: Activation;
  optimizer: 'adam' | 'sgd';
  /** Learning rate of the optimizer. */
  lr: number;
  /** SGD momentum; default 0, ignored by Adam. */
  momentum?: number | undefined;
  /** Backend of the model; default the registry's current one. */
  backend?: Backend | undefined;
}

/** A built run: the compiled model, the options to spread into `fit`, and the parsed specs. */
export interface BuiltCliRun {
  /** Compiled: optimizer (wrapped for gradient noise), sparse cross-entropy (label smoothing), accuracy. */
  model: Sequential;
  /** Data-level noise for `fit` (mixup, cutout, ...) and the image shape; spread into fit's options. */
  fitOptions: Pick<FitOptions, 'augment' | 'imageShape'>;
  /** The specs as parsed, in order (for printing and records). */
  specs: NoiseSpec[];
}

/**
 * The specs a `noisenet train` command line asks for: `--noise-stddev X` is the shorthand
 * `gaussian:stddev=X` placed first (none when X is 0), then every `--noise SPEC` in order.
 * Neither flag: the article's `gaussian:stddev=0.1`. Only `--noise`: no default Gaussian noise.
 */
export function noiseSpecsFromFlags(noise: readonly string[] | undefined, noiseStddev: number | undefined): string[] {
  const stddev = noiseStddev ?? (noise?.length ? 0 : DEFAULT_NOISE_STDDEV);
  return [...(stddev > 0 ? [noiseStddevSpec(stddev)] : []), ...(noise ?? [])];
}

/**
 * Builds and compiles `input -> noise -> dense(hidden, activation)... -> dense(classes, softmax)`
 * with every technique of `specs` applied (see src/noise/spec). Weights are not initialised:
 * `fit` does it from its seed.
 * @throws InvalidArgumentError `noise spec '<spec>': <what is wrong>` for a spec that does not
 *   parse or does not fit the model (one line).
 */
export function buildRun(settings: RunSettings, specs: readonly (string | NoiseSpec)[]): BuiltCliRun {
  const parsed = specs.map((s) => (typeof s === 'string' ? parseNoiseSpec(s) : s));
  const { inputSize, classes, hidden, activation, imageShape } = settings;
  const plan = applyNoiseSpecs(parsed, { inputSize, classes, hidden, activation, imageShape });
  const model = sequential(plan.layers, settings.backend ? { backend: settings.backend } : {});
  const base = settings.optimizer === 'sgd' ? sgd({ learningRate: settings.lr, momentum: settings.momentum ?? 0 }) : adam({ learningRate: settings.lr });
  model.compile({ optimizer: plan.optimizerWrapper?.(base) ?? base, loss: sparseCategoricalCrossentropy(plan.lossOptions), metrics: ['accuracy'] });
  return { model, fitOptions: { augment: plan.augment, ...(imageShape ? { imageShape } : {}) }, specs: parsed };
}
