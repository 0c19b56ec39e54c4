/**
 * Activation (Keras): applies an activation function to its input, of any shape; softmax is
 * taken over the last axis. {@link KernelActivation} is the base of the activation layers that
 * run on the fused activation kernels (Activation, ReLU, Softmax).
 */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Activation as ActivationName, type FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME, choice } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, type LayerSpec } from '../parts/definitions.js';
import { camel, snake } from './tfjs-names.js';
import { activationOnnx } from './conv-onnx.js';

/** A layer computing `act(x)` element-wise (softmax: per row of the last axis) with the backend's activation kernels. */
export abstract class KernelActivation extends Layer {
  protected abstract readonly act: ActivationName;
  private input: FloatArray | null = null;
  private out: FloatArray | null = null;

  /** Rows and columns of a batch as the kernels see it: the last axis is the row. */
  private rowsCols(batch: number): [number, number] {
    const cols = this.inputShape[this.inputShape.length - 1]!;
    return [(batch * this.inputSize) / cols, cols];
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const [rows, cols] = this.rowsCols(batch);
    const y = this.scratch('out', rows * cols);
    this.backend.biasActivation(x, null, y, rows, cols, this.act);
    this.input = x;
    this.out = y;
    return y;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const [rows, cols] = this.rowsCols(batch);
    if (this.act !== 'linear') this.backend.activationBackward(dy, NEEDS_PRE_ACTIVATION.has(this.act) ? this.input : null, this.out!, rows, cols, this.act);
    return dy;
  }
}

export interface ActivationOptions {
  /** The function: `relu`, `softmax`, `tanh`, ... (see ACTIVATIONS). */
  activation: ActivationName;
  name?: string;
}

export class Activation extends KernelActivation {
  readonly className = 'Activation';
  protected readonly act: ActivationName;

  constructor(options: ActivationOptions) {
    const o = parseOptions('activation', ACTIVATION.options, options);
    super(o.name);
    this.act = o.activation;
  }

  getConfig(): LayerConfig {
    return { name: this.name, activation: this.act };
  }
}

/** Applies an activation function; see {@link ActivationOptions}. */
export function activation(options: ActivationOptions): Activation {
  return new Activation(options);
}

export const ACTIVATION = defineLayer<ActivationOptions>({
  className: 'Activation',
  factory: 'activation',
  summary: 'applies an activation function (softmax over the last axis)',
  options: { activation: choice('the activation function', ACTIVATIONS, { required: true }), name: NAME },
  onnx: activationOnnx((l) => l.getConfig()['activation'] as ActivationName),
  create: (o) => new Activation(o),
  tfjs: {
    className: 'Activation',
    toTfjs: (c) => ({ class_name: 'Activation', config: { activation: snake(String(c['activation'])) } }),
    fromTfjs: (c): LayerSpec => ({ className: 'Activation', config: { activation: camel(String(c['activation'])) } }),
  },
  blockPart: true,
});
