/**
 * LeakyReLU (Keras): `x` for `x >= 0`, `negativeSlope * x` below, element-wise; Keras' default
 * slope 0.3 (TF.js calls it `alpha`). Composed of kernels: `relu(x) - a relu(-x)`, and the
 * gradient `dy * (1 if x > 0 else a)`.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, type LayerSpec } from '../parts/definitions.js';

export interface LeakyReLUOptions {
  /** Slope below 0, >= 0; default 0.3. */
  negativeSlope?: number;
  name?: string;
}

export class LeakyReLU extends Layer {
  readonly className = 'LeakyReLU';
  readonly negativeSlope: number;
  private slopes: FloatArray | null = null;

  constructor(options: LeakyReLUOptions = {}) {
    const o = parseOptions('leakyRelu', LEAKY_RELU.options, options);
    super(o.name);
    this.negativeSlope = o.negativeSlope!;
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const b = this.backend;
    const n = batch * this.inputSize;
    const a = this.negativeSlope;
    const y = this.scratch('out', n);
    const neg = this.scratch('neg', n);
    const slopes = this.scratch('slopes', n);
    b.scale(x, -1, 0, neg, n);
    b.biasActivation(neg, null, neg, n, 1, 'relu'); // relu(-x)
    b.biasActivation(x, null, y, n, 1, 'relu'); // relu(x)
    // The gradient's factor: relu'(x) (1 where x > 0), then 1 - (1 - a)(1 - relu'(x)).
    b.scale(slopes, 0, 1, slopes, n);
    b.activationBackward(slopes, null, y, n, 1, 'relu');
    b.scale(slopes, 1 - a, a, slopes, n);
    b.scale(neg, -a, 0, neg, n);
    b.add(y, neg, y, n);
    this.slopes = slopes;
    return y;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const n = batch * this.inputSize;
    const dx = this.scratch('dx', n);
    this.backend.mul(dy, this.slopes!, dx, n);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, negativeSlope: this.negativeSlope };
  }
}

/** Leaky ReLU; see {@link LeakyReLUOptions}. */
export function leakyRelu(options: LeakyReLUOptions = {}): LeakyReLU {
  return new LeakyReLU(options);
}

export const LEAKY_RELU = defineLayer<LeakyReLUOptions>({
  className: 'LeakyReLU',
  factory: 'leakyRelu',
  summary: 'x above 0, negativeSlope * x below',
  options: { negativeSlope: number('slope below 0', { default: 0.3, range: { min: 0 } }), name: NAME },
  onnx: { toOnnx: (layer, input, graph) => ({ ...input, name: graph.node('LeakyRelu', [input.name], layer.name, { alpha: { f: (layer as LeakyReLU).negativeSlope } }) }) },
  create: (o) => new LeakyReLU(o),
  tfjs: {
    className: 'LeakyReLU',
    toTfjs: (c) => ({ class_name: 'LeakyReLU', config: { alpha: c['negativeSlope'] } }),
    fromTfjs: (c): LayerSpec => ({ className: 'LeakyReLU', config: { negativeSlope: c['alpha'] ?? c['negative_slope'] ?? 0.3 } }),
  },
  blockPart: true,
});
