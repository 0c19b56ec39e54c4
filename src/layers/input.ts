/** The model's input: declares the shape of one sample. Passes data through unchanged. */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME, shape } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer } from '../parts/definitions.js';

export interface InputOptions {
  /** Shape of one sample, without the batch dimension, e.g. `[784]`. */
  shape: number[];
  name?: string;
}

export class InputLayer extends Layer {
  readonly className = 'InputLayer';
  readonly shape: readonly number[];

  constructor(options: InputOptions) {
    const o = parseOptions('input', INPUT.options, options);
    super(o.name);
    this.shape = o.shape;
  }

  forward(x: FloatArray): FloatArray {
    return x;
  }

  backward(dy: FloatArray, _batch: number, needInputGrad: boolean): FloatArray | null {
    return needInputGrad ? dy : null;
  }

  getConfig(): LayerConfig {
    return { name: this.name, shape: [...this.shape] };
  }
}

/** Declares the input shape of a sequential model, e.g. `input({ shape: [784] })`. */
export function input(options: InputOptions): InputLayer {
  return new InputLayer(options);
}

export const INPUT = defineLayer<InputOptions>({
  className: 'InputLayer',
  factory: 'input',
  summary: 'declares the shape of one sample',
  options: { shape: shape('shape of one sample, without the batch dimension', { required: true }), name: NAME },
  create: (o) => new InputLayer(o),
  tfjs: { className: 'InputLayer' },
  onnx: ONNX_IDENTITY,
});
