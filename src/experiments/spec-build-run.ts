/**
 * Runs built from noise specs (`technique[:key=value,...][@where]`, see src/noise/spec): the
 * builder the CLI passes to {@link runExperiment}, and the spec check for config validation.
 */
import type { Activation } from '../kernels/backend.js';
import type { Backend } from '../kernels/backend.js';
import { sequential } from '../models/sequential.js';
import { adam } from '../optimizers/adam.js';
import { sgd } from '../optimizers/sgd.js';
import { sparseCategoricalCrossentropy } from '../losses/cross-entropy.js';
import { applyNoiseSpecs, parseNoiseSpec } from '../noise/spec/index.js';
import type { BuildRun } from './build-run.js';

/** Throws the spec parser's one-line error when `spec` is not a valid noise spec. */
export function validateNoiseSpec(spec: string): void {
  parseNoiseSpec(spec);
}

/** Options of {@link specBuildRun}. */
export interface SpecBuildRunOptions {
  /** Backend of every model; default the registry's current one. */
  backend?: Backend;
}

/**
 * A {@link BuildRun} that applies a configuration's noise specs to the config's MLP
 * (`hidden`, `activation`), compiles it with the config's optimizer (wrapped for gradient
 * noise), sparse cross-entropy (with label smoothing when asked) and accuracy, and hands the
 * data-level noise (mixup, cutout, ...) to `fit`.
 */
export function specBuildRun(options: SpecBuildRunOptions = {}): BuildRun {
  return ({ configuration, config, inputSize, classes, imageShape }) => {
    const plan = applyNoiseSpecs(configuration.noise, { inputSize, classes, hidden: config.hidden, activation: config.activation as Activation, imageShape });
    const model = sequential(plan.layers, options.backend ? { backend: options.backend } : {});
    const base = config.optimizer === 'sgd' ? sgd({ learningRate: config.lr, momentum: config.momentum }) : adam({ learningRate: config.lr });
    model.compile({ optimizer: plan.optimizerWrapper?.(base) ?? base, loss: sparseCategoricalCrossentropy(plan.lossOptions), metrics: ['accuracy'] });
    return { model, fitOptions: { augment: plan.augment, ...(imageShape ? { imageShape } : {}) } };
  };
}
