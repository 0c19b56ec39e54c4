/**
 * The base of layers with a kernel and a bias, `y = activation(op(x, W) + b)`: Dense (`op` a
 * matrix product) and Conv2D (`op` a convolution). It owns what they share: the kernel and bias
 * weights, the kernel initialiser, the L2 penalty, weight noise and DropConnect (see
 * weight-perturbation.ts), the forward pass (op, then bias and activation, fused into op's pass
 * when the backend can) and the backward pass. A subclass says what `op` is and its shapes.
 */
import { NEEDS_PRE_ACTIVATION, type Activation, type Backend, type FloatArray } from '../kernels/backend.js';
import { Layer, type Param } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { initialize, type Initializer } from './initializers.js';
import { weightPerturbation, type DropConnectOptions, type WeightNoiseOptions, type WeightPerturbation } from './weight-perturbation.js';
import type { KernelRegularizerOptions } from './kernel-regularizer.js';

/** The options every kernel layer has, as its constructor receives them parsed. */
export interface KernelLayerOptions {
  name?: string;
  useBias?: boolean;
  kernelInitializer?: Initializer;
  weightNoise?: WeightNoiseOptions;
  dropConnect?: DropConnectOptions;
  kernelRegularizer?: KernelRegularizerOptions;
}

/** What the bias-and-activation step of the forward pass applies, for an op that can fuse it. */
export interface BiasActivation {
  readonly bias: FloatArray | null;
  readonly activation: Activation;
}

/** The weight options of a kernel layer's config: weight noise, DropConnect, the L2 penalty. */
export type KernelWeightConfig = { weightNoise?: WeightNoiseOptions; dropConnect?: DropConnectOptions; kernelRegularizer?: KernelRegularizerOptions };

export abstract class KernelLayer extends Layer {
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  /** The L2 penalty factor of the kernel; 0 for none. */
  readonly l2: number;
  kernel!: Param;
  bias: Param | null = null;
  private readonly perturbation: WeightPerturbation | null;
  private input: FloatArray | null = null;
  private pre: FloatArray | null = null;
  private out: FloatArray | null = null;
  private lastKernel: FloatArray | null = null;

  constructor(options: KernelLayerOptions) {
    super(options.name);
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = options.kernelInitializer ?? 'glorotUniform';
    this.perturbation = weightPerturbation(options.weightNoise, options.dropConnect);
    this.l2 = options.kernelRegularizer?.l2 ?? 0;
  }

  /** The activation the forward pass applies now. */
  abstract get appliedActivation(): Activation;

  /** Rows and channels of the output of `batch` inputs, as the bias and activation see it. */
  protected abstract outputRows(batch: number): { rows: number; channels: number };

  /**
   * Writes `op(x, w)` of `batch` inputs into `y`. Given `fused`, it may add the bias and apply
   * the activation in the same pass; it returns whether it did.
   */
  protected abstract applyKernel(x: FloatArray, w: FloatArray, y: FloatArray, batch: number, fused: BiasActivation | undefined): boolean;

  /** Adds to the kernel's gradient the one of `batch` inputs `x` and output gradients `dy`. */
  protected abstract kernelGradient(x: FloatArray, dy: FloatArray, grad: FloatArray, batch: number): void;

  /** Writes into `dx` the gradient with respect to the input, through the kernel `w` the forward pass used. */
  protected abstract inputGradient(dy: FloatArray, w: FloatArray, dx: FloatArray, batch: number): void;

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

  /** Allocates the kernel of `shape` and, with `useBias`, a bias of the last dimension's size. */
  protected allocateWeights(b: Backend, shape: number[]): void {
    const n = shape.reduce((a, d) => a * d, 1);
    this.kernel = { name: `${this.name}/kernel`, shape, value: b.alloc(n), grad: b.alloc(n) };
    const units = shape[shape.length - 1]!;
    if (this.useBias) this.bias = { name: `${this.name}/bias`, shape: [units], value: b.alloc(units), grad: b.alloc(units) };
  }

  /**
   * The kernel from its initialiser and the bias at zero. Fan-in and fan-out are Keras': the
   * receptive field (every dimension but the last two) times the input or output channels.
   */
  override initializeWeights(rng: Xoshiro128): void {
    const shape = this.kernel.shape;
    const receptive = shape.slice(0, -2).reduce((a, d) => a * d, 1);
    initialize(this.kernelInitializer, this.kernel.value, receptive * shape[shape.length - 2]!, receptive * shape[shape.length - 1]!, rng);
    this.bias?.value.fill(0);
    this.backend.device?.upload(this.bias ? [this.kernel.value, this.bias.value] : [this.kernel.value]);
  }

  override params(): Param[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  /** The kernel the forward and backward passes use: the clean one, or a copy perturbed by weight noise / DropConnect. */
  protected stepKernel(ctx: StepContext): FloatArray {
    return this.perturbation ? this.perturbation.kernel(this.backend, this.kernel.value, ctx) : this.kernel.value;
  }

  /** The bias the forward pass uses: the clean one, or DropConnect's masked (or expected) copy. */
  protected stepBias(ctx: StepContext): FloatArray | null {
    const bias = this.bias?.value ?? null;
    return this.perturbation ? this.perturbation.bias(this.backend, bias, ctx) : bias;
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const act = this.appliedActivation;
    const { rows, channels } = this.outputRows(batch);
    const out = this.scratch('out', rows * channels);
    const pre = NEEDS_PRE_ACTIVATION.has(act) ? this.scratch('pre', out.length) : out;
    const w = this.stepKernel(ctx);
    const bias = this.stepBias(ctx);
    if (!this.applyKernel(x, w, pre, batch, pre === out ? { bias, activation: act } : undefined)) this.backend.biasActivation(pre, bias, out, rows, channels, act);
    this.input = x;
    this.pre = pre === out ? null : pre;
    this.out = out;
    this.lastKernel = w;
    return out;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean, weightGrads = true): FloatArray | null {
    const b = this.backend;
    const act = this.appliedActivation;
    const { rows, channels } = this.outputRows(batch);
    if (act !== 'linear') b.activationBackward(dy, this.pre, this.out!, rows, channels, act);
    if (weightGrads) this.weightGradients(dy, batch, rows, channels);
    if (!needInputGrad) return null;
    const dx = this.scratch('dx', batch * this.inputSize);
    this.inputGradient(dy, this.lastKernel!, dx, batch);
    return dx;
  }

  /** The kernel's and the bias' gradients from the output gradient `dy` (after the activation). */
  private weightGradients(dy: FloatArray, batch: number, rows: number, channels: number): void {
    const b = this.backend;
    this.kernelGradient(this.input!, dy, this.kernel.grad, batch);
    if (this.bias) b.sumRows(dy, rows, channels, this.bias.grad, false);
    this.perturbation?.gradients(b, this.kernel.grad, this.bias?.grad ?? null);
    if (this.l2 > 0) {
      const n = this.kernel.value.length;
      const decay = this.scratch('l2', n);
      b.scale(this.kernel.value, 2 * this.l2, 0, decay, n);
      b.add(this.kernel.grad, decay, this.kernel.grad, n);
    }
  }

  /** Weight noise, DropConnect and the L2 penalty as the layer's config saves them (nothing for those unset). */
  protected weightConfig(): KernelWeightConfig {
    return { ...this.perturbation?.config(), ...(this.l2 > 0 ? { kernelRegularizer: { l2: this.l2 } } : {}) };
  }
}
