/**
 * How the runner gets a model for each run: an injected {@link RunFactory}, so the runner does
 * not depend on how models are built (the CLI builds them from noise specs).
 */
import type { Sequential } from '../models/sequential.js';
import { Model } from '../models/model.js';
import type { ModelSpec } from '../models/model-spec.js';
import type { FitOptions } from '../train/fit.js';
import { optimizerFromConfig } from '../registry/lookup.js';
import { getLoss } from '../losses/index.js';
import { runOptimizerConfig } from '../run/run-optimizer.js';
import type { ConfigurationSpec, ExperimentConfig } from './config.js';

/** What {@link RunFactory} is told about the run it builds a model for. */
export interface RunContext {
  configuration: ConfigurationSpec;
  seed: number;
  config: ExperimentConfig;
  /** Shape of one input sample, e.g. `[784]`. */
  inputShape: readonly number[];
  /** Number of classes: the width of the softmax output. */
  classes: number;
  /** A yes/no target (one sigmoid output) or a value (a regression, one linear output); absent for classes. */
  task?: 'binary' | 'regression';
  /** `[height, width]` of image inputs, when the data are images. */
  imageShape?: [number, number];
  /** Layers the model gets right after its input (the data's normalization), when the data asks for them. */
  preprocessing?: ModelSpec['layers'];
}

/** A built run: the model and the data-level options `fit` needs for it (augmentations). */
export interface FactoryRun {
  model: Sequential;
  fitOptions?: Pick<FitOptions, 'augment' | 'imageShape'>;
}

/**
 * Builds the model of one run, e.g. from the configuration's noise specs. It may compile the
 * model (techniques that change the optimizer or the loss need to); an uncompiled model is
 * compiled with the config's optimizer and its options (through the registry), its loss and
 * accuracy. The runner seeds weights, shuffles and noise from the run's seed, and disposes
 * the model once the run is recorded (return a fresh model for every run).
 */
export type RunFactory = (run: RunContext) => Sequential | FactoryRun | Promise<Sequential | FactoryRun>;

/** Builds a run and compiles the model if `buildRun` did not (config's optimizer, sparse cross-entropy, accuracy); a classifier records its accuracy. */
export async function makeRun(factory: RunFactory, ctx: RunContext): Promise<FactoryRun> {
  const built = await factory(ctx);
  const run = built instanceof Model ? { model: built } : built;
  const { model } = run;
  const { config } = ctx;
  if (!model.loss) model.compile({ optimizer: optimizerFromConfig(config.optimizer, runOptimizerConfig(config)), loss: getLoss(config.loss ?? 'sparseCategoricalCrossentropy'), metrics: ['accuracy'] });
  // A regression is measured by its errors, which buildRun compiles; a classifier always records its accuracy.
  if (ctx.task !== 'regression' && !model.metrics.includes('accuracy')) model.metrics.push('accuracy');
  return run;
}
