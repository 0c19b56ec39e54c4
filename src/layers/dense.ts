/**
 * Dense: `y = activation(x W + b)`, W of shape [inputs, units], b of shape [units].
 * Kernels start Glorot-uniform and biases at zero, as in Keras. Optional weight noise and
 * DropConnect perturb the weights the passes use; the kernel-layer logic it shares with Conv2D
 * is in kernel-layer.ts.
 */
import { ACTIVATIONS, type Activation, type FloatArray } from '../kernels/backend.js';
import type { BuildContext, LayerConfig } from '../parts/layer.js';
import { INITIALIZERS, type Initializer } from './initializers.js';
import { DROP_CONNECT_FIELDS, WEIGHT_NOISE_FIELDS, type DropConnectOptions, type WeightNoiseOptions } from './weight-perturbation.js';
import { KernelLayer } from './kernel-layer.js';
import { NAME, boolean, choice, integer, object } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { KERNEL_REGULARIZER_FIELDS, KERNEL_LAYER_HOST_ONLY, type KernelRegularizerOptions } from './kernel-regularizer.js';
import { denseFromTfjs, denseToTfjs } from './dense-tfjs.js';
import { DENSE_ONNX } from './dense-onnx.js';

export interface DenseOptions {
  /** Number of outputs, a positive integer. */
  units: number;
  /** Activation applied to `x W + b`; default `linear`. */
  activation?: Activation;
  /** Whether to add a bias; default true. */
  useBias?: boolean;
  /** Kernel initialiser; default `glorotUniform`. */
  kernelInitializer?: Initializer;
  /** Gaussian noise on the kernel in training, drawn per batch (Graves 2011); e.g. `{ stddev: 0.01 }`. */
  weightNoise?: WeightNoiseOptions;
  /** DropConnect in training (Wan et al. 2013), expected weights at inference; e.g. `{ rate: 0.5 }`. */
  dropConnect?: DropConnectOptions;
  /**
   * L2 penalty `l2 * sum(W^2)` on the kernel, added to the loss (Keras' `kernel_regularizer`):
   * the weight-decay baseline that small input noise approximates (Bishop 1995); e.g. `{ l2: 1e-4 }`.
   */
  kernelRegularizer?: KernelRegularizerOptions;
  name?: string;
}

export class Dense extends KernelLayer {
  readonly className = 'Dense';
  readonly units: number;
  readonly activation: Activation;
  /**
   * Set by `compile` when the loss takes the softmax itself (fused softmax cross-entropy):
   * the forward pass then stops at the logits.
   */
  emitLogits = false;

  constructor(options: DenseOptions) {
    const o = parseOptions('dense', DENSE.options, options);
    super(o);
    this.units = o.units;
    this.activation = o.activation!;
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    this.assertRank(inputShape, 1);
    return [this.units];
  }

  protected override onBuild(ctx: BuildContext): void {
    this.allocateWeights(ctx.backend, [this.inputShape[0]!, this.units]);
  }

  /** The activation the forward pass applies now. */
  get appliedActivation(): Activation {
    return this.emitLogits ? 'linear' : this.activation;
  }

  protected outputRows(batch: number): { rows: number; channels: number } {
    return { rows: batch, channels: this.units };
  }

  protected applyKernel(x: FloatArray, w: FloatArray, y: FloatArray, batch: number): boolean {
    this.backend.matmul(x, w, y, batch, this.inputSize, this.units, false, false, false);
    return false;
  }

  protected kernelGradient(x: FloatArray, dy: FloatArray, grad: FloatArray, batch: number): void {
    this.backend.matmul(x, dy, grad, this.inputSize, batch, this.units, true, false, false);
  }

  protected inputGradient(dy: FloatArray, w: FloatArray, dx: FloatArray, batch: number): void {
    this.backend.matmul(dy, w, dx, batch, this.units, this.inputSize, false, true, false);
  }

  getConfig(): LayerConfig {
    return { name: this.name, units: this.units, activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer, ...this.weightConfig() };
  }
}

/** A fully connected layer; see {@link DenseOptions}. */
export function dense(options: DenseOptions): Dense {
  return new Dense(options);
}

export const DENSE = defineLayer<DenseOptions>({
  className: 'Dense',
  factory: 'dense',
  summary: 'fully connected layer, activation(x W + b)',
  options: {
    units: integer('number of outputs', { required: true, range: { min: 1 } }),
    activation: choice('activation applied to x W + b', ACTIVATIONS, { default: 'linear' }),
    useBias: boolean('whether to add a bias', { default: true }),
    kernelInitializer: choice('kernel initialiser', INITIALIZERS, { default: 'glorotUniform' }),
    weightNoise: object('Gaussian noise on the kernel in training, per batch', WEIGHT_NOISE_FIELDS),
    dropConnect: object('DropConnect in training, expected weights at inference', DROP_CONNECT_FIELDS),
    kernelRegularizer: object('L2 penalty on the kernel, added to the loss', KERNEL_REGULARIZER_FIELDS),
    name: NAME,
  },
  create: (o) => new Dense(o),
  tfjs: { className: 'Dense', toTfjs: denseToTfjs, fromTfjs: denseFromTfjs },
  onnx: DENSE_ONNX,
  kernelLayer: true,
  hostOnly: KERNEL_LAYER_HOST_ONLY,
});
