/**
 * LeakyReLU with a slope of its own (Keras' and TF.js' `LeakyReLU` layer, default alpha 0.3):
 * `y = x` for `x > 0`, else `alpha x`. Dense's `leakyRelu` activation is this with alpha 0.2.
 * Built from kernels every backend has: `y = relu(x) - alpha relu(-x)`.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from './layer.js';
import { NAME, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../registry/definitions.js';

export interface LeakyReluOptions {
  /** Slope for negative inputs, >= 0; default 0.3 (Keras, TF.js). */
  alpha?: number;
  name?: string;
}

export class LeakyReLU extends Layer {
  readonly className = 'LeakyReLU';
  readonly alpha: number;
  private positive: FloatArray | null = null;

  constructor(options: LeakyReluOptions = {}) {
    const o = parseOptions('leakyReLU', LEAKY_RELU.options, options);
    super(o.name);
    this.alpha = o.alpha!;
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const b = this.backend;
    const n = batch * this.inputSize;
    const out = this.scratch('out', n);
    const negative = this.scratch('negative', n);
    b.biasActivation(x, null, out, 1, n, 'relu');
    b.scale(x, -1, 0, negative, n);
    b.biasActivation(negative, null, negative, 1, n, 'relu');
    b.scale(negative, -this.alpha, 0, negative, n);
    this.positive = this.scratch('positive', n);
    this.positive.set(out.subarray(0, n));
    b.add(out, negative, out, n);
    return out;
  }

  /** `dx = dy (x > 0 ? 1 : alpha) = alpha dy + (1 - alpha) dy [x > 0]`. */
  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const b = this.backend;
    const n = batch * this.inputSize;
    const masked = this.scratch('masked', n);
    masked.set(dy.subarray(0, n));
    b.activationBackward(masked, null, this.positive!, 1, n, 'relu');
    const dx = this.scratch('dx', n);
    b.scale(dy, this.alpha, 0, dx, n);
    b.scale(masked, 1 - this.alpha, 0, masked, n);
    b.add(dx, masked, dx, n);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, alpha: this.alpha };
  }
}

/** A leaky ReLU of slope `alpha`; see {@link LeakyReluOptions}. */
export function leakyReLU(options: LeakyReluOptions = {}): LeakyReLU {
  return new LeakyReLU(options);
}

export const LEAKY_RELU = defineLayer<LeakyReluOptions>({
  className: 'LeakyReLU',
  factory: 'leakyReLU',
  summary: 'leaky ReLU with its own slope, x > 0 ? x : alpha x',
  options: { alpha: number('slope for negative inputs', { default: 0.3, range: { min: 0 } }), name: NAME },
  create: (o) => new LeakyReLU(o),
  tfjs: { className: 'LeakyReLU' },
  onnx: { toOnnx: (layer, input, graph) => ({ ...input, name: graph.node('LeakyRelu', [input.name], layer.name, { alpha: { f: (layer as LeakyReLU).alpha } }) }) },
});
