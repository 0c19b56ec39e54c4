/**
 * Conv2D (Keras): `y = activation(conv(x, W) + b)` over NHWC images, W of shape
 * [kernelHeight, kernelWidth, inChannels, filters] (HWIO, as TF.js stores it), b of shape
 * [filters]. Kernels start Glorot-uniform (fan-in `kh * kw * in`, fan-out `kh * kw * filters`)
 * and biases at zero, as in Keras. Weight noise, DropConnect and the L2 penalty act on the
 * kernel exactly as on Dense's: both are kernel layers (kernel-layer.ts).
 */
import { ACTIVATIONS, type Activation, type Conv2dGeometry, type FloatArray } from '../kernels/backend.js';
import { conv2dGeometry, type Padding } from '../kernels/window-geometry.js';
import type { BuildContext, LayerConfig } from '../parts/layer.js';
import { INITIALIZERS, type Initializer } from './initializers.js';
import { DROP_CONNECT_FIELDS, WEIGHT_NOISE_FIELDS, type DropConnectOptions, type WeightNoiseOptions } from './weight-perturbation.js';
import { KernelLayer, type BiasActivation } from './kernel-layer.js';
import { KERNEL_REGULARIZER_FIELDS, KERNEL_LAYER_HOST_ONLY, type KernelRegularizerOptions } from './kernel-regularizer.js';
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

export class Conv2D extends KernelLayer {
  readonly className = 'Conv2D';
  readonly options: Conv2DOptions & { kernelSize: Pair; strides: Pair; dilationRate: Pair; padding: Padding; activation: Activation };
  private readonly geometries = new Map<number, Conv2dGeometry>();

  constructor(options: Conv2DOptions) {
    const o = parseOptions('conv2d', CONV2D.options, options) as Conv2D['options'];
    super(o);
    if (Math.max(...o.strides) > 1 && Math.max(...o.dilationRate) > 1) throw invalid('conv2d', 'dilationRate', `1 when strides exceed 1 (strides ${showPair(o.strides)})`, o.dilationRate);
    this.options = o;
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
    this.allocateWeights(ctx.backend, [kh, kw, this.inputShape[2]!, this.options.filters]);
  }

  /** The activation the forward pass applies. */
  get appliedActivation(): Activation {
    return this.options.activation;
  }

  /** The kernel geometry for `batch` images, computed once per batch size. */
  geometry(batch: number): Conv2dGeometry {
    let g = this.geometries.get(batch);
    if (!g) this.geometries.set(batch, (g = conv2dGeometry(batch, { ...this.options, inShape: this.inputShape as [number, number, number] })));
    return g;
  }

  protected outputRows(batch: number): { rows: number; channels: number } {
    const g = this.geometry(batch);
    return { rows: batch * g.outHeight * g.outWidth, channels: g.outChannels };
  }

  protected applyKernel(x: FloatArray, w: FloatArray, y: FloatArray, batch: number, fused: BiasActivation | undefined): boolean {
    const g = this.geometry(batch);
    if (!fused) {
      this.backend.conv2dForward(x, w, y, g);
      return false;
    }
    this.backend.conv2dForward(x, w, y, g, fused.bias, fused.activation); // bias and activation fused into the convolution's pass
    return true;
  }

  protected kernelGradient(x: FloatArray, dy: FloatArray, grad: FloatArray, batch: number): void {
    this.backend.conv2dBackwardFilter(x, dy, grad, this.geometry(batch));
  }

  protected inputGradient(dy: FloatArray, w: FloatArray, dx: FloatArray, batch: number): void {
    this.backend.conv2dBackwardInput(dy, w, dx, this.geometry(batch));
  }

  getConfig(): LayerConfig {
    const { name: _name, weightNoise: _w, dropConnect: _d, kernelRegularizer: _k, ...o } = this.options;
    return { name: this.name, ...o, kernelSize: [...o.kernelSize], strides: [...o.strides], dilationRate: [...o.dilationRate], ...this.weightConfig() };
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
  hostOnly: KERNEL_LAYER_HOST_ONLY,
});
