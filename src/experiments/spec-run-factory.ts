/**
 * Runs built from a configuration's settings and noise specs through the one run builder
 * (src/run/build-run.ts): the builder the CLI passes to {@link runExperiment}, and the spec
 * check for config validation.
 */
import type { Backend } from '../kernels/backend.js';
import { parseNoiseSpec } from '../techniques/index.js';
import { PRESET_NOISE, buildRun } from '../run/build-run.js';
import type { RunFactory } from './run-factory.js';

/** Throws the spec parser's one-line error when `spec` is not a valid noise spec (`preset`, a preset's own noise, is one). */
export function validateNoiseSpec(spec: string): void {
  if (spec.trim() === PRESET_NOISE) return;
  parseNoiseSpec(spec);
}

/** Options of {@link specRunFactory}. */
export interface SpecRunFactoryOptions {
  /** Backend of every model; default the registry's current one. */
  backend?: Backend;
}

/**
 * A {@link RunFactory} that builds the config's model (preset or spec) with the configuration's
 * noise specs (a preset's own noise, the convnet's dropout, only when they hold `preset`: the
 * baseline has no noise), compiled with the config's optimizer (wrapped for gradient noise), sparse
 * cross-entropy (with label smoothing when asked) and accuracy, and hands the data-level noise
 * (mixup, cutout, ...) to `fit`.
 */
export function specRunFactory(options: SpecRunFactoryOptions = {}): RunFactory {
  return ({ configuration, config, inputShape, classes, task, imageShape, preprocessing }) => {
    const run = buildRun({ ...config, noise: configuration.noise }, { inputShape, classes, ...(task ? { task } : {}), imageShape }, { backend: options.backend, presetNoise: 'listed', ...(preprocessing ? { preprocessing } : {}) });
    return { model: run.model, fitOptions: run.fitOptions };
  };
}
