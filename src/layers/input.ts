/** The model's input: declares the shape of one sample. Passes data through unchanged. */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from './layer.js';
import { invalid } from '../errors.js';

export interface InputOptions {
  /** Shape of one sample, without the batch dimension, e.g. `[784]`. */
  shape: number[];
  name?: string;
}

export class InputLayer extends Layer {
  readonly className = 'InputLayer';
  readonly shape: readonly number[];

  constructor(options: InputOptions) {
    super(options.name);
    const s = options.shape;
    if (!Array.isArray(s) || s.length === 0 || !s.every((d) => Number.isInteger(d) && d > 0)) {
      throw invalid('input', 'shape', 'a non-empty list of positive integers', s);
    }
    this.shape = [...s];
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
