/**
 * Turns noise specs into a model and training setup, so the CLI only calls
 * `applyNoiseSpecs(specs, { inputSize, classes, hidden, activation, imageShape })` and passes
 * the result on: `sequential(plan.layers)`, `compile({ optimizer: plan.optimizerWrapper?.(adam())
 * ?? adam(), loss: sparseCategoricalCrossentropy(plan.lossOptions) })`, and
 * `fit(x, y, { augment: plan.augment, imageShape })`.
 */
import type { Layer } from '../../layers/layer.js';
import type { Optimizer } from '../../optimizers/optimizer.js';
import type { Augmentation } from '../../augment/augmentation.js';
import { ACTIVATIONS, type Activation } from '../../kernels/backend.js';
import { input } from '../../layers/input.js';
import { dense, type DenseOptions } from '../../layers/dense.js';
import { gaussianNoise } from '../gaussian-noise.js';
import { gaussianDropout } from '../gaussian-dropout.js';
import { dropout } from '../dropout.js';
import { alphaDropout } from '../alpha-dropout.js';
import { maskingNoise } from '../masking-noise.js';
import { saltAndPepper } from '../salt-and-pepper.js';
import { uniformNoise } from '../uniform-noise.js';
import { gradientNoise } from '../../optimizers/gradient-noise.js';
import { disturbLabel } from '../../augment/disturb-label.js';
import { mixup } from '../../augment/mixup.js';
import { cutout } from '../../augment/cutout.js';
import { randomAffine } from '../../augment/random-affine.js';
import { elastic } from '../../augment/elastic.js';
import { checkImageShape } from '../../augment/image.js';
import { parseNoiseSpec, type NoiseSpec } from './parse.js';
import { checkChoice, checkNumber } from '../../validate.js';
import { InvalidArgumentError, NoisenetError, invalid } from '../../errors.js';

/** The model the specs are applied to. */
export interface NoiseModelOptions {
  /** Values per input sample. */
  inputSize: number;
  /** Number of classes: units of the softmax output layer. */
  classes: number;
  /** Units of each hidden dense layer. */
  hidden: readonly number[];
  /** Activation of the hidden layers. */
  activation: Activation;
  /** `[height, width]` of image inputs; needed by cutout, affine and elastic. */
  imageShape?: [number, number] | undefined;
}

/** Everything the specs change, ready to use. */
export interface NoisePlan {
  /** The full layer list: input, noise layers, hidden dense layers, softmax output. */
  layers: Layer[];
  /** Wraps the optimizer (gradient noise), when a spec asks for it. */
  optimizerWrapper?: (optimizer: Optimizer) => Optimizer;
  /** Options for the cross-entropy loss. */
  lossOptions: { labelSmoothing?: number };
  /** Data-level noise for fit's `augment`, in spec order. */
  augment: Augmentation[];
}

/** Parsed parameters; the parser and the constructors validate them. */
type P = Record<string, any>;

const LAYERS: Record<string, (p: P) => Layer> = {
  gaussian: (p) => gaussianNoise({ stddev: p.stddev }),
  'gaussian-dropout': (p) => gaussianDropout({ rate: p.rate }),
  dropout: (p) => dropout({ rate: p.rate }),
  'alpha-dropout': (p) => alphaDropout({ rate: p.rate }),
  masking: (p) => maskingNoise({ rate: p.rate }),
  'salt-pepper': (p) => saltAndPepper({ rate: p.rate, min: p.min, max: p.max }),
  uniform: (p) => uniformNoise({ amplitude: p.amplitude }),
};

/** Dense options of the techniques that act on the weights, by technique name. */
const WEIGHT_OPTIONS: Record<string, (p: P) => Partial<DenseOptions>> = {
  weight: (p) => ({ weightNoise: { stddev: p.stddev } }),
  dropconnect: (p) => ({ dropConnect: { rate: p.rate } }),
  l2: (p) => ({ kernelRegularizer: { l2: p.lambda } }),
};

const AUGMENTATIONS: Record<string, (p: P, shape: [number, number] | undefined) => Augmentation> = {
  'disturb-label': (p) => disturbLabel({ alpha: p.alpha }),
  mixup: (p) => mixup({ alpha: p.alpha, mode: p.mode }),
  cutout: (p, shape) => cutout({ size: p.size, ...(shape && { shape }) }),
  affine: (p, shape) => randomAffine({ shift: p.shift, rotate: p.rotate, scale: p.scale, interpolation: p.interpolation, ...(shape && { shape }) }),
  elastic: (p, shape) => elastic({ alpha: p.alpha, sigma: p.sigma, ...(shape && { shape }) }),
};

/** Builds the layers, optimizer wrapper, loss options and augmentations that `specs` ask for. */
export function applyNoiseSpecs(specs: readonly (string | NoiseSpec)[], options: NoiseModelOptions): NoisePlan {
  const where = 'applyNoiseSpecs';
  const inputSize = checkNumber(where, 'inputSize', options.inputSize, { min: 1, integer: true });
  const classes = checkNumber(where, 'classes', options.classes, { min: 1, integer: true });
  if (!Array.isArray(options.hidden)) throw invalid(where, 'hidden', 'a list of layer sizes', options.hidden);
  const hidden = options.hidden.map((u) => checkNumber(where, 'hidden', u, { min: 1, integer: true }));
  const activation = checkChoice(where, 'activation', options.activation, ACTIVATIONS);
  const imageShape = options.imageShape && checkImageShape(where, options.imageShape);
  const h = hidden.length;
  const slots: Layer[][] = Array.from({ length: h + 1 }, () => []);
  const weights: Partial<DenseOptions>[] = Array.from({ length: h + 1 }, () => ({}));
  const plan: NoisePlan = { layers: [], lossOptions: {}, augment: [] };

  for (const s of specs) {
    const spec = typeof s === 'string' ? parseNoiseSpec(s) : s;
    const fail = (message: string): InvalidArgumentError => new InvalidArgumentError(`noise spec '${spec.text}': ${message}`);
    const positions = (w: NoiseSpec['where']): number[] => {
      if (w === 'input') return [0];
      if (w === 'output') return [h];
      if (w === 'all') return hidden.map((_, i) => i).concat(h);
      if (w === 'hidden' && h === 0) throw fail('the model has no hidden layers');
      if (w === 'hidden') return hidden.map((_, i) => i + (spec.technique.kind === 'layer' ? 1 : 0));
      if (typeof w === 'number' && w > h) throw fail(`@${w} is past the last of ${h} hidden layers`);
      return [spec.technique.kind === 'layer' ? (w as number) : (w as number) - 1];
    };
    const p = spec.params as P;
    try {
      switch (spec.technique.kind) {
        case 'layer':
          for (const i of positions(spec.where)) slots[i]!.push(LAYERS[spec.technique.name]!(p));
          break;
        case 'weight': {
          const option = WEIGHT_OPTIONS[spec.technique.name]!(p);
          const key = Object.keys(option)[0] as keyof DenseOptions;
          for (const i of positions(spec.where)) {
            if (weights[i]![key]) throw fail(`${key} is given twice for dense layer ${i + 1}`);
            weights[i] = { ...weights[i], ...option };
          }
          break;
        }
        case 'optimizer':
          if (plan.optimizerWrapper) throw fail('gradient noise is given twice');
          plan.optimizerWrapper = (o) => gradientNoise(o, { eta: p.eta, gamma: p.gamma });
          break;
        case 'loss':
          if (plan.lossOptions.labelSmoothing !== undefined) throw fail('label smoothing is given twice');
          plan.lossOptions.labelSmoothing = p.epsilon;
          break;
        default:
          if (spec.technique.imageOnly && !imageShape) throw fail(`needs images, but no imageShape [height, width] was given (the inputs have ${inputSize} values)`);
          const augmentation = AUGMENTATIONS[spec.technique.name]!(p, imageShape);
          augmentation.setup({ sampleSize: inputSize, outputs: classes, imageShape });
          plan.augment.push(augmentation);
      }
    } catch (e) {
      if (e instanceof NoisenetError && !e.message.startsWith('noise spec')) throw fail(e.message);
      throw e;
    }
  }
  plan.layers.push(input({ shape: [inputSize] }), ...slots[0]!);
  hidden.forEach((units, i) => plan.layers.push(dense({ units, activation, ...weights[i] }), ...slots[i + 1]!));
  plan.layers.push(dense({ units: classes, activation: 'softmax', ...weights[h] }));
  return plan;
}
