/**
 * Reshape (Keras): gives each sample the shape `targetShape`, e.g. 784 values -> [28, 28, 1].
 * One dimension may be -1: it takes what the others leave (TF.js leaves such a dimension unknown,
 * which its Flatten refuses: give every dimension for models meant for TF.js). Row-major order
 * is kept, so no value moves: the output is the input buffer itself.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME, custom } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { ShapeError, invalid } from '../errors.js';
import { RESHAPE_ONNX } from './conv-onnx.js';

export interface ReshapeOptions {
  /** Shape of one sample after the layer, without the batch dimension; one entry may be -1. */
  targetShape: number[];
  name?: string;
}

const EXPECTED = 'a non-empty list of positive integers, one of which may be -1';

function checkTarget(where: string, path: string, value: unknown): number[] {
  const ok = Array.isArray(value) && value.length > 0 && value.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) && value.filter((d) => d === -1).length <= 1;
  if (!ok) throw invalid(where, path, EXPECTED, value);
  return [...(value as number[])];
}

export class Reshape extends Layer {
  readonly className = 'Reshape';
  readonly targetShape: readonly number[];

  constructor(options: ReshapeOptions) {
    const o = parseOptions('reshape', RESHAPE.options, options);
    super(o.name);
    this.targetShape = o.targetShape;
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    const size = inputShape.reduce((a, b) => a * b, 1);
    const known = this.targetShape.reduce((a, b) => (b === -1 ? a : a * b), 1);
    const free = size / known;
    const fits = this.targetShape.includes(-1) ? Number.isInteger(free) && free >= 1 : known === size;
    if (!fits) throw new ShapeError(`${this.className} '${this.name}': target shape [${this.targetShape.join(', ')}] needs ${this.targetShape.includes(-1) ? `a multiple of ${known}` : known} values per sample, received shape [${inputShape.join(', ')}] (${size} values)`);
    return this.targetShape.map((d) => (d === -1 ? free : d));
  }

  forward(x: FloatArray): FloatArray {
    return x;
  }

  backward(dy: FloatArray, _batch: number, needInputGrad: boolean): FloatArray | null {
    return needInputGrad ? dy : null;
  }

  getConfig(): LayerConfig {
    return { name: this.name, targetShape: [...this.targetShape] };
  }
}

/** Reshapes each sample; see {@link ReshapeOptions}. */
export function reshape(options: ReshapeOptions): Reshape {
  return new Reshape(options);
}

export const RESHAPE = defineLayer<ReshapeOptions>({
  className: 'Reshape',
  factory: 'reshape',
  summary: 'gives each sample a new shape, no copy',
  options: { targetShape: custom('shape of one sample after the layer; one entry may be -1', EXPECTED, checkTarget, { required: true }), name: NAME },
  onnx: RESHAPE_ONNX,
  create: (o) => new Reshape(o),
  tfjs: { className: 'Reshape' },
});
