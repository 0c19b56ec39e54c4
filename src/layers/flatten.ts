/**
 * Flatten (Keras): one sample's values as a vector, [h, w, c] -> [h * w * c]. Samples are stored
 * row-major (NHWC), so no value moves: the output is the input buffer itself.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { imageLayerFromTfjs } from './window-tfjs.js';
import { FLATTEN_ONNX } from './conv-onnx.js';

export interface FlattenOptions {
  name?: string;
}

export class Flatten extends Layer {
  readonly className = 'Flatten';

  constructor(options: FlattenOptions = {}) {
    super(parseOptions('flatten', FLATTEN.options, options).name);
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    return [inputShape.reduce((a, b) => a * b, 1)];
  }

  forward(x: FloatArray): FloatArray {
    return x;
  }

  backward(dy: FloatArray, _batch: number, needInputGrad: boolean): FloatArray | null {
    return needInputGrad ? dy : null;
  }

  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

/** Flattens each sample to a vector; see {@link FlattenOptions}. */
export function flatten(options: FlattenOptions = {}): Flatten {
  return new Flatten(options);
}

export const FLATTEN = defineLayer<FlattenOptions>({
  className: 'Flatten',
  factory: 'flatten',
  summary: "one sample's values as a vector, no copy",
  options: { name: NAME },
  onnx: FLATTEN_ONNX,
  create: (o) => new Flatten(o),
  tfjs: { className: 'Flatten', fromTfjs: imageLayerFromTfjs('Flatten', []) },
});
