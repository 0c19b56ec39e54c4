/**
 * The settings of one training run, shared by `noisenet train`, `noisenet compare` and
 * experiment config files: the model (a preset or a spec), the noise, the optimizer and the
 * loop. Data settings and what a command adds (output folders, seeds lists) extend it.
 */
import type { Activation } from '../kernels/backend.js';
import type { ModelSpec } from '../models/model-spec.js';
import type { OptimizerName } from '../registry/catalogue.js';
import type { LossName, Task } from '../losses/index.js';

export interface RunSettings {
  /** A preset name (`mlp`, the article's model) or a model spec. */
  model: string | ModelSpec;
  /** Widths of the hidden dense layers of the `mlp` preset. */
  hidden: number[];
  /** Activation of the hidden layers of the `mlp` preset. */
  activation: Activation | string;
  /** Noise specs, in the syntax of `--noise SPEC`, applied in order. */
  noise: string[];
  /** A registered optimizer: `adam`, `sgd`, `rmsprop`, `adamw`. */
  optimizer: OptimizerName;
  /** Learning rate. */
  lr: number;
  /** Momentum of the optimizers that take one (SGD, RMSprop); the others ignore it. */
  momentum: number;
  /**
   * The optimizer's other options, as its declaration names them (`weightDecay`, `beta1`,
   * `rho`, `nesterov`, ...); absent ones take the optimizer's defaults.
   */
  optimizerOptions?: Record<string, number | boolean>;
  /** The loss; default `sparseCategoricalCrossentropy` (the dense losses train on one-hot labels). */
  loss?: LossName;
  /** Metrics recorded besides the loss (names of `METRIC_NAMES`); default the task's (accuracy; accuracy, auc; mae, rmse, r2). */
  metrics?: string[];
  epochs: number;
  batchSize: number;
}

/** The article's run: `mlp` 128,64 relu, Gaussian input noise 0.1, Adam 0.001, batch 32, 10 epochs. */
export const RUN_DEFAULTS: RunSettings = {
  model: 'mlp',
  hidden: [128, 64],
  activation: 'relu',
  noise: ['gaussian:stddev=0.1'],
  optimizer: 'adam',
  lr: 0.001,
  momentum: 0,
  epochs: 10,
  batchSize: 32,
};

/** What a run needs to know of its data. */
export interface DataShape {
  /** Shape of one input sample, e.g. `[784]`. */
  inputShape: readonly number[];
  /** Number of classes (0 for a regression). */
  classes: number;
  /** What the model learns: a class of several (the default), yes or no (one sigmoid output), or a value (one linear output). */
  task?: Task;
  /** `[height, width]` of image inputs; needed by cutout, affine and elastic. */
  imageShape?: [number, number] | undefined;
}
