/**
 * Activation: applies an activation function on its own (Keras' and TF.js' `Activation` layer),
 * e.g. after a linear Dense; the same kernels as Dense's fused activation. Softmax is taken over
 * the last axis of each sample.
 */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Activation as ActivationName, type FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from './layer.js';
import { NAME, choice } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../registry/definitions.js';
import { camel, snake } from '../io/tfjs-names.js';

export interface ActivationOptions {
  /** The activation function, e.g. `relu`, `softplus`. */
  activation: ActivationName;
  name?: string;
}

export class ActivationLayer extends Layer {
  readonly className = 'Activation';
  readonly activation: ActivationName;
  private input: FloatArray | null = null;
  private out: FloatArray | null = null;

  constructor(options: ActivationOptions) {
    const o = parseOptions('activation', ACTIVATION.options, options);
    super(o.name);
    this.activation = o.activation;
  }

  /** Rows of the kernels: one per sample, its last axis as the columns (softmax's axis). */
  private rows(batch: number): [number, number] {
    const cols = this.inputShape[this.inputShape.length - 1] ?? 1;
    return [(batch * this.inputSize) / cols, cols];
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const [rows, cols] = this.rows(batch);
    const out = this.scratch('out', batch * this.inputSize);
    this.backend.biasActivation(x, null, out, rows, cols, this.activation);
    this.input = x;
    this.out = out;
    return out;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const [rows, cols] = this.rows(batch);
    this.backend.activationBackward(dy, NEEDS_PRE_ACTIVATION.has(this.activation) ? this.input : null, this.out!, rows, cols, this.activation);
    return dy;
  }

  getConfig(): LayerConfig {
    return { name: this.name, activation: this.activation };
  }
}

/** An activation function as a layer; see {@link ActivationOptions}. */
export function activation(options: ActivationOptions): ActivationLayer {
  return new ActivationLayer(options);
}

export const ACTIVATION = defineLayer<ActivationOptions>({
  className: 'Activation',
  factory: 'activation',
  summary: 'applies an activation function',
  options: { activation: choice('the activation function', ACTIVATIONS, { required: true }), name: NAME },
  create: (o) => new ActivationLayer(o),
  tfjs: {
    className: 'Activation',
    toTfjs: (c) => ({ class_name: 'Activation', config: { activation: snake(String(c['activation'])) } }),
    fromTfjs: (c) => ({ className: 'Activation', config: { activation: camel(String(c['activation'])) } }),
  },
  onnx: { toOnnx: (layer, input, graph) => graph.activation(input, (layer as ActivationLayer).activation, layer.name) },
});
