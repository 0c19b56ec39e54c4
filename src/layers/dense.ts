/**
 * Dense: `y = activation(x W + b)`, W of shape [inputs, units], b of shape [units].
 * Kernels start Glorot-uniform and biases at zero, as in Keras. Optional weight noise and
 * DropConnect perturb the weights the passes use (see weight-perturbation.ts).
 */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Activation, type FloatArray } from '../kernels/backend.js';
import { Layer, type BuildContext, type LayerConfig, type Param } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { INITIALIZERS, initialize, type Initializer } from './initializers.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { DROP_CONNECT_FIELDS, WEIGHT_NOISE_FIELDS, weightPerturbation, type DropConnectOptions, type WeightNoiseOptions, type WeightPerturbation } from './weight-perturbation.js';
import { NAME, boolean, choice, integer, object } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { KERNEL_REGULARIZER_FIELDS, type KernelRegularizerOptions } from './kernel-regularizer.js';
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

export class Dense extends Layer {
  readonly className = 'Dense';
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  /**
   * Set by `compile` when the loss takes the softmax itself (fused softmax cross-entropy):
   * the forward pass then stops at the logits.
   */
  emitLogits = false;
  kernel!: Param;
  bias: Param | null = null;
  private input: FloatArray | null = null;
  private pre: FloatArray | null = null;
  private out: FloatArray | null = null;
  private readonly perturbation: WeightPerturbation | null;
  /** The L2 penalty factor of the kernel; 0 for none. */
  readonly l2: number;

  constructor(options: DenseOptions) {
    const o = parseOptions('dense', DENSE.options, options);
    super(o.name);
    this.units = o.units;
    this.activation = o.activation!;
    this.useBias = o.useBias!;
    this.kernelInitializer = o.kernelInitializer!;
    this.perturbation = weightPerturbation(o.weightNoise, o.dropConnect);
    this.l2 = o.kernelRegularizer?.l2 ?? 0;
  }

  override get regularized(): boolean {
    return this.l2 > 0;
  }

  /** `l2 * sum(W^2)` of the clean kernel. */
  override regularizationLoss(): number {
    if (this.l2 === 0) return 0;
    const n = this.kernel.value.length;
    const sq = this.scratch('l2', n);
    this.backend.mul(this.kernel.value, this.kernel.value, sq, n);
    return this.l2 * this.backend.sum(sq, n);
  }

  override seedRandom(seed: number): void {
    this.perturbation?.seedRandom(seed);
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    this.assertRank(inputShape, 1);
    return [this.units];
  }

  protected override onBuild(ctx: BuildContext): void {
    const fanIn = this.inputShape[0]!;
    const b = ctx.backend;
    this.kernel = { name: `${this.name}/kernel`, shape: [fanIn, this.units], value: b.alloc(fanIn * this.units), grad: b.alloc(fanIn * this.units) };
    if (this.useBias) this.bias = { name: `${this.name}/bias`, shape: [this.units], value: b.alloc(this.units), grad: b.alloc(this.units) };
  }

  override initializeWeights(rng: Xoshiro128): void {
    initialize(this.kernelInitializer, this.kernel.value, this.inputSize, this.units, rng);
    this.bias?.value.fill(0);
  }

  override params(): Param[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  /** The activation the forward pass applies now. */
  get appliedActivation(): Activation {
    return this.emitLogits ? 'linear' : this.activation;
  }

  /** The kernel the forward and backward passes use: the clean one, or a copy perturbed by weight noise / DropConnect. */
  protected stepKernel(ctx: StepContext, _batch: number): FloatArray {
    return this.perturbation ? this.perturbation.kernel(this.backend, this.kernel.value, ctx) : this.kernel.value;
  }

  /** The bias the forward pass uses: the clean one, or DropConnect's masked (or expected) copy. */
  protected stepBias(ctx: StepContext): FloatArray | null {
    const bias = this.bias?.value ?? null;
    return this.perturbation ? this.perturbation.bias(this.backend, bias, ctx) : bias;
  }

  private lastKernel: FloatArray | null = null;

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const act = this.appliedActivation;
    const n = batch * this.units;
    const out = this.scratch('out', n);
    const pre = NEEDS_PRE_ACTIVATION.has(act) ? this.scratch('pre', n) : out;
    const w = this.stepKernel(ctx, batch);
    b.matmul(x, w, pre, batch, this.inputSize, this.units, false, false, false);
    b.biasActivation(pre, this.stepBias(ctx), out, batch, this.units, act);
    this.input = x;
    this.pre = pre === out ? null : pre;
    this.out = out;
    this.lastKernel = w;
    return out;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    const b = this.backend;
    const act = this.appliedActivation;
    if (act !== 'linear') b.activationBackward(dy, this.pre, this.out!, batch, this.units, act);
    b.matmul(this.input!, dy, this.kernel.grad, this.inputSize, batch, this.units, true, false, false);
    if (this.bias) b.sumRows(dy, batch, this.units, this.bias.grad, false);
    this.perturbation?.gradients(b, this.kernel.grad, this.bias?.grad ?? null);
    if (this.l2 > 0) {
      const n = this.kernel.value.length;
      const decay = this.scratch('l2', n);
      b.scale(this.kernel.value, 2 * this.l2, 0, decay, n);
      b.add(this.kernel.grad, decay, this.kernel.grad, n);
    }
    if (!needInputGrad) return null;
    const dx = this.scratch('dx', batch * this.inputSize);
    b.matmul(dy, this.lastKernel!, dx, batch, this.units, this.inputSize, false, true, false);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, units: this.units, activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer, ...this.perturbation?.config(), ...(this.l2 > 0 ? { kernelRegularizer: { l2: this.l2 } } : {}) };
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
});
