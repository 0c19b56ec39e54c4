/**
 * Every part noisenet ships, by its declaration. Adding a layer, augmentation, optimizer or
 * noise technique is one new file with its definition, and one line here.
 */
import type { AugmentationDefinition, LayerDefinition, LossDefinition, MetricDefinition, OptimizerDefinition, TechniqueDefinition } from '../parts/definitions.js';
import { LOSS_DEFINITIONS as LOSSES } from '../losses/index.js';
import { METRIC_DEFINITIONS as METRICS } from '../losses/metrics/index.js';
import { INPUT } from '../layers/input.js';
import { DENSE } from '../layers/dense.js';
import { CONV2D } from '../layers/conv2d.js';
import { MAX_POOLING2D } from '../layers/max-pooling2d.js';
import { AVERAGE_POOLING2D } from '../layers/average-pooling2d.js';
import { GLOBAL_AVERAGE_POOLING2D } from '../layers/global-average-pooling2d.js';
import { FLATTEN } from '../layers/flatten.js';
import { RESHAPE } from '../layers/reshape.js';
import { BATCH_NORMALIZATION } from '../layers/batch-normalization.js';
import { ACTIVATION } from '../layers/activation.js';
import { RELU } from '../layers/relu.js';
import { LEAKY_RELU } from '../layers/leaky-relu.js';
import { SOFTMAX } from '../layers/softmax.js';
import { RESCALING } from '../layers/rescaling.js';
import { NORMALIZATION } from '../layers/normalization.js';
import { ADD, AVERAGE, MULTIPLY } from '../layers/merge.js';
import { CONCATENATE } from '../layers/concatenate.js';
import { DROP_PATH, DROP_PATH_TECHNIQUE } from '../noise/drop-path.js';
import { SHAKE_DROP, SHAKE_DROP_TECHNIQUE } from '../noise/shake-drop.js';
import { SHAKE_SHAKE, SHAKE_SHAKE_TECHNIQUE } from '../noise/shake-shake.js';
import { L2_TECHNIQUE } from '../layers/kernel-regularizer.js';
import { GAUSSIAN_NOISE, GAUSSIAN_TECHNIQUE } from '../noise/gaussian-noise.js';
import { GAUSSIAN_DROPOUT, GAUSSIAN_DROPOUT_TECHNIQUE } from '../noise/gaussian-dropout.js';
import { DROPOUT, DROPOUT_TECHNIQUE } from '../noise/dropout.js';
import { SPATIAL_DROPOUT2D, SPATIAL_DROPOUT2D_TECHNIQUE } from '../noise/spatial-dropout2d.js';
import { DROP_BLOCK2D, DROP_BLOCK2D_TECHNIQUE } from '../noise/drop-block2d.js';
import { ALPHA_DROPOUT, ALPHA_DROPOUT_TECHNIQUE } from '../noise/alpha-dropout.js';
import { MASKING_NOISE, MASKING_NOISE_TECHNIQUE } from '../noise/masking-noise.js';
import { SALT_AND_PEPPER, SALT_AND_PEPPER_TECHNIQUE } from '../noise/salt-and-pepper.js';
import { UNIFORM_NOISE, UNIFORM_NOISE_TECHNIQUE } from '../noise/uniform-noise.js';
import { DROP_CONNECT_TECHNIQUE, WEIGHT_NOISE_TECHNIQUE } from '../layers/weight-perturbation.js';
import { ADAM } from '../optimizers/adam.js';
import { SGD_DEFINITION } from '../optimizers/sgd.js';
import { RMSPROP } from '../optimizers/rmsprop.js';
import { ADAMW } from '../optimizers/adamw.js';
import { GRADIENT_NOISE, GRADIENT_NOISE_TECHNIQUE } from '../optimizers/gradient-noise.js';
import { LABEL_SMOOTHING_TECHNIQUE } from '../losses/cross-entropy.js';
import { DISTURB_LABEL, DISTURB_LABEL_TECHNIQUE } from '../augment/disturb-label.js';
import { MIXUP, MIXUP_TECHNIQUE } from '../augment/mixup.js';
import { CUTOUT, CUTOUT_TECHNIQUE } from '../augment/cutout.js';
import { CUT_MIX, CUT_MIX_TECHNIQUE } from '../augment/cut-mix.js';
import { RANDOM_ERASING, RANDOM_ERASING_TECHNIQUE } from '../augment/random-erasing.js';
import { RANDOM_AFFINE, RANDOM_AFFINE_TECHNIQUE } from '../augment/random-affine.js';
import { ELASTIC, ELASTIC_TECHNIQUE } from '../augment/elastic.js';
import { RAND_AUGMENT, RAND_AUGMENT_TECHNIQUE } from '../augment/rand-augment.js';
import { TRIVIAL_AUGMENT, TRIVIAL_AUGMENT_TECHNIQUE } from '../augment/trivial-augment.js';
import { AUGMIX, AUGMIX_TECHNIQUE } from '../augment/augmix.js';
import { ADVERSARIAL, ADVERSARIAL_TECHNIQUE } from '../augment/adversarial.js';

/** Layer classes, as saved models and model specs name them. */
export const LAYER_DEFINITIONS: readonly LayerDefinition[] = [
  INPUT, DENSE, GAUSSIAN_NOISE, GAUSSIAN_DROPOUT, DROPOUT, ALPHA_DROPOUT, MASKING_NOISE, SALT_AND_PEPPER, UNIFORM_NOISE,
  SPATIAL_DROPOUT2D, DROP_BLOCK2D, CONV2D, MAX_POOLING2D, AVERAGE_POOLING2D, GLOBAL_AVERAGE_POOLING2D, FLATTEN, RESHAPE, BATCH_NORMALIZATION, ACTIVATION, RELU, LEAKY_RELU, SOFTMAX, RESCALING,
  NORMALIZATION, ADD, CONCATENATE, MULTIPLY, AVERAGE, DROP_PATH, SHAKE_DROP, SHAKE_SHAKE,
];

/** Data-level augmentations, for `fit({ augment })`. */
export const AUGMENTATION_DEFINITIONS: readonly AugmentationDefinition[] = [MIXUP, CUTOUT, CUT_MIX, RANDOM_ERASING, RANDOM_AFFINE, ELASTIC, RAND_AUGMENT, TRIVIAL_AUGMENT, AUGMIX, DISTURB_LABEL, ADVERSARIAL];

/**
 * The optimizers a run trains with (`compile({ optimizer: 'adam' })`, `--optimizer`, config
 * files, the playground); wrappers such as gradient noise are applied by noise techniques.
 */
export const RUN_OPTIMIZER_DEFINITIONS = [ADAM, SGD_DEFINITION, RMSPROP, ADAMW] as const;

/** The name of an optimizer a run can train with: `adam`, `sgd`, `rmsprop`, `adamw`. */
export type OptimizerName = (typeof RUN_OPTIMIZER_DEFINITIONS)[number]['factory'];

/** Every optimizer: those a run trains with, then the wrappers. */
export const OPTIMIZER_DEFINITIONS: readonly OptimizerDefinition[] = [...RUN_OPTIMIZER_DEFINITIONS, GRADIENT_NOISE];

/** Noise techniques, in the order `noisenet techniques` lists them. */
export const TECHNIQUE_DEFINITIONS: readonly TechniqueDefinition[] = [
  GAUSSIAN_TECHNIQUE,
  GAUSSIAN_DROPOUT_TECHNIQUE,
  DROPOUT_TECHNIQUE,
  SPATIAL_DROPOUT2D_TECHNIQUE,
  DROP_BLOCK2D_TECHNIQUE,
  DROP_PATH_TECHNIQUE,
  SHAKE_SHAKE_TECHNIQUE,
  SHAKE_DROP_TECHNIQUE,
  ALPHA_DROPOUT_TECHNIQUE,
  MASKING_NOISE_TECHNIQUE,
  SALT_AND_PEPPER_TECHNIQUE,
  UNIFORM_NOISE_TECHNIQUE,
  WEIGHT_NOISE_TECHNIQUE,
  DROP_CONNECT_TECHNIQUE,
  L2_TECHNIQUE,
  GRADIENT_NOISE_TECHNIQUE,
  LABEL_SMOOTHING_TECHNIQUE,
  DISTURB_LABEL_TECHNIQUE,
  MIXUP_TECHNIQUE,
  CUTOUT_TECHNIQUE,
  CUT_MIX_TECHNIQUE,
  RANDOM_ERASING_TECHNIQUE,
  RANDOM_AFFINE_TECHNIQUE,
  ELASTIC_TECHNIQUE,
  RAND_AUGMENT_TECHNIQUE,
  TRIVIAL_AUGMENT_TECHNIQUE,
  AUGMIX_TECHNIQUE,
  ADVERSARIAL_TECHNIQUE,
];

/** Losses, for `compile({ loss })` and `--loss`. */
export const LOSS_DEFINITIONS: readonly LossDefinition[] = LOSSES as readonly LossDefinition[];

/** Metrics, for `compile({ metrics })` and `--metrics`. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = METRICS as readonly MetricDefinition[];
