/**
 * Conv2D (Keras): `y = activation(conv(x, W) + b)` over NHWC images, W of shape
 * [kernelHeight, kernelWidth, inChannels, filters] (HWIO, as TF.js stores it), b of shape
 * [filters]. Kernels start Glorot-uniform (fan-in `kh * kw * in`, fan-out `kh * kw * filters`)
 * and biases at zero, as in Keras. Weight noise, DropConnect and the L2 penalty act on the
 * kernel exactly as on Dense's (see weight-perturbation.ts).
 */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Activation, type Conv2dGeometry, type FloatArray } from '../kernels/backend.js';
import { conv2dGeometry, type Padding } from '../kernels/window-geometry.js';
import { Layer, type BuildContext, type LayerConfig, type Param } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { INITIALIZERS, initialize, type Initializer } from './initializers.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { DROP_CONNECT_FIELDS, WEIGHT_NOISE_FIELDS, weightPerturbation, type DropConnectOptions, type WeightNoiseOptions, type WeightPerturbation } from './weight-perturbation.js';
import { KERNEL_REGULARIZER_FIELDS, type KernelRegularizerOptions } from './kernel-regularizer.js';
import { NAME, boolean, choice, integer, object } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { PADDING, pair, showPair, type Pair } from './window-options.js';
import { conv2dFromTfjs, conv2dToTfjs } from './conv2d-tfjs.js';
import { ShapeError, invalid } from '../errors.js';
import { CONV2D_ONNX } from './conv-onnx.js';

export interface Conv2DOptions {
  /** Number of output channels, a positive integer. */
  filters: number;
  /** Window size: one integer or `[height, width]`. */
  kernelSize: number | Pair;
  /** Step between windows: one integer or `[height, width]`; default 1. */
  strides?: number | Pair;
  /** `valid` (default) or `same`. */
  padding?: Padding;
  /** Spacing between the kernel's taps (atrous convolution); default 1. Strides and dilation cannot both exceed 1. */
  dilationRate?: number | Pair;
  /** Activation applied to `conv(x, W) + b`; default `linear`. */
  activation?: Activation;
  /** Whether to add a bias; default true. */
  useBias?: boolean;
  /** Kernel initialiser; default `glorotUniform`. */
  kernelInitializer?: Initializer;
  /** L2 penalty `l2 * sum(W^2)` on the kernel, added to the loss (Keras' `kernel_regularizer`). */
  kernelRegularizer?: KernelRegularizerOptions;
  /** Gaussian noise on the kernel in training, drawn per batch (Graves 2011). */
  weightNoise?: WeightNoiseOptions;
  /** DropConnect on the kernel and bias in training (Wan et al. 2013), expected weights at inference. */
  dropConnect?: DropConnectOptions;
  name?: string;
}

export class Conv2D extends Layer {
  readonly className = 'Conv2D';
  readonly options: Conv2DOptions & { kernelSize: Pair; strides: Pair; dilationRate: Pair; padding: Padding; activation: Activation };
  kernel!: Param;
  bias: Param | null = null;
  readonly l2: number;
  private readonly perturbation: WeightPerturbation | null;
  private readonly geometries = new Map<number, Conv2dGeometry>();
  private input: FloatArray | null = null;
  private pre: FloatArray | null = null;
  private out: FloatArray | null = null;
  private lastKernel: FloatArray | null = null;

  constructor(options: Conv2DOptions) {
    const o = parseOptions('conv2d', CONV2D.options, options) as Conv2D['options'];
    super(o.name);
    if (Math.max(...o.strides) > 1 && Math.max(...o.dilationRate) > 1) throw invalid('conv2d', 'dilationRate', `1 when strides exceed 1 (strides ${showPair(o.strides)})`, o.dilationRate);
    this.options = o;
    this.perturbation = weightPerturbation(o.weightNoise, o.dropConnect);
    this.l2 = o.kernelRegularizer?.l2 ?? 0;
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    const inShape = this.imageInput(inputShape);
    const g = conv2dGeometry(1, { ...this.options, inShape });
    if (g.outHeight < 1 || g.outWidth < 1) {
      const o = this.options;
      const reach = o.kernelSize.map((k, i) => (k - 1) * o.dilationRate[i]! + 1);
      throw new ShapeError(`${this.className} '${this.name}': a ${showPair(o.kernelSize)} kernel${reach[0] !== o.kernelSize[0] || reach[1] !== o.kernelSize[1] ? ` dilated to ${showPair(reach)}` : ''} needs images of at least ${showPair(reach)} pixels with padding '${o.padding}', received shape [${inputShape.join(', ')}]`);
    }
    return [g.outHeight, g.outWidth, this.options.filters];
  }

  protected override onBuild(ctx: BuildContext): void {
    const [kh, kw] = this.options.kernelSize;
    const shape = [kh, kw, this.inputShape[2]!, this.options.filters];
    const n = shape.reduce((a, b) => a * b, 1);
    const b = ctx.backend;
    this.kernel = { name: `${this.name}/kernel`, shape, value: b.alloc(n), grad: b.alloc(n) };
    const f = this.options.filters;
    if (this.options.useBias) this.bias = { name: `${this.name}/bias`, shape: [f], value: b.alloc(f), grad: b.alloc(f) };
  }

  override initializeWeights(rng: Xoshiro128): void {
    const [kh, kw, cin, cout] = this.kernel.shape as [number, number, number, number];
    initialize(this.options.kernelInitializer!, this.kernel.value, kh * kw * cin, kh * kw * cout, rng);
    this.bias?.value.fill(0);
  }

  override params(): Param[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  override get regularized(): boolean {
    return this.l2 > 0;
  }

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

  /** The kernel geometry for `batch` images, computed once per batch size. */
  geometry(batch: number): Conv2dGeometry {
    let g = this.geometries.get(batch);
    if (!g) this.geometries.set(batch, (g = conv2dGeometry(batch, { ...this.options, inShape: this.inputShape as [number, number, number] })));
    return g;
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const act = this.options.activation;
    const g = this.geometry(batch);
    const rows = batch * g.outHeight * g.outWidth;
    const out = this.scratch('out', rows * g.outChannels);
    const pre = NEEDS_PRE_ACTIVATION.has(act) ? this.scratch('pre', out.length) : out;
    const w = this.perturbation ? this.perturbation.kernel(b, this.kernel.value, ctx) : this.kernel.value;
    const bias = this.perturbation ? this.perturbation.bias(b, this.bias?.value ?? null, ctx) : (this.bias?.value ?? null);
    if (pre === out) {
      b.conv2dForward(x, w, out, g, bias, act); // bias and activation fused into the convolution's pass
    } else {
      b.conv2dForward(x, w, pre, g);
      b.biasActivation(pre, bias, out, rows, g.outChannels, act);
    }
    this.input = x;
    this.pre = pre === out ? null : pre;
    this.out = out;
    this.lastKernel = w;
    return out;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    const b = this.backend;
    const act = this.options.activation;
    const g = this.geometry(batch);
    const rows = batch * g.outHeight * g.outWidth;
    if (act !== 'linear') b.activationBackward(dy, this.pre, this.out!, rows, g.outChannels, act);
    b.conv2dBackwardFilter(this.input!, dy, this.kernel.grad, g);
    if (this.bias) b.sumRows(dy, rows, g.outChannels, this.bias.grad, false);
    this.perturbation?.gradients(b, this.kernel.grad, this.bias?.grad ?? null);
    if (this.l2 > 0) {
      const n = this.kernel.value.length;
      const decay = this.scratch('l2', n);
      b.scale(this.kernel.value, 2 * this.l2, 0, decay, n);
      b.add(this.kernel.grad, decay, this.kernel.grad, n);
    }
    if (!needInputGrad) return null;
    const dx = this.scratch('dx', batch * this.inputSize);
    b.conv2dBackwardInput(dy, this.lastKernel!, dx, g);
    return dx;
  }

  getConfig(): LayerConfig {
    const { name: _name, weightNoise: _w, dropConnect: _d, kernelRegularizer: _k, ...o } = this.options;
    return { name: this.name, ...o, kernelSize: [...o.kernelSize], strides: [...o.strides], dilationRate: [...o.dilationRate], ...this.perturbation?.config(), ...(this.l2 > 0 ? { kernelRegularizer: { l2: this.l2 } } : {}) };
  }
}

/** A 2-D convolution over NHWC images; see {@link Conv2DOptions}. */
export function conv2d(options: Conv2DOptions): Conv2D {
  return new Conv2D(options);
}

export const CONV2D = defineLayer<Conv2DOptions>({
  className: 'Conv2D',
  factory: 'conv2d',
  summary: '2-D convolution over NHWC images, activation(conv(x, W) + b)',
  options: {
    filters: integer('number of output channels', { required: true, range: { min: 1 } }),
    kernelSize: pair('window size, one integer or [height, width]', { required: true }),
    strides: pair('step between windows, one integer or [height, width]', { default: [1, 1] }),
    padding: PADDING,
    dilationRate: pair('spacing between kernel taps, one integer or [height, width]', { default: [1, 1] }),
    activation: choice('activation applied to conv(x, W) + b', ACTIVATIONS, { default: 'linear' }),
    useBias: boolean('whether to add a bias', { default: true }),
    kernelInitializer: choice('kernel initialiser', INITIALIZERS, { default: 'glorotUniform' }),
    kernelRegularizer: object('L2 penalty on the kernel, added to the loss', KERNEL_REGULARIZER_FIELDS),
    weightNoise: object('Gaussian noise on the kernel in training, per batch', WEIGHT_NOISE_FIELDS),
    dropConnect: object('DropConnect in training, expected weights at inference', DROP_CONNECT_FIELDS),
    name: NAME,
  },
  onnx: CONV2D_ONNX,
  create: (o) => new Conv2D(o),
  tfjs: { className: 'Conv2D', toTfjs: conv2dToTfjs, fromTfjs: conv2dFromTfjs },
  kernelLayer: true,
});
