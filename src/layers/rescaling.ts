/**
 * Rescaling: `y = x scale + offset` (Keras' and TF.js' `Rescaling` layer, e.g. `scale: 1 / 255`
 * on raw pixels); `dx = dy scale`.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';

export interface RescalingOptions {
  /** Factor every value is multiplied by. */
  scale: number;
  /** Added after scaling; default 0. */
  offset?: number;
  name?: string;
}

export class Rescaling extends Layer {
  readonly className = 'Rescaling';
  readonly scale: number;
  readonly offset: number;

  constructor(options: RescalingOptions) {
    const o = parseOptions('rescaling', RESCALING.options, options);
    super(o.name);
    this.scale = o.scale;
    this.offset = o.offset!;
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const n = batch * this.inputSize;
    const out = this.scratch('out', n);
    this.backend.scale(x, this.scale, this.offset, out, n);
    return out;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const n = batch * this.inputSize;
    const dx = this.scratch('dx', n);
    this.backend.scale(dy, this.scale, 0, dx, n);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, scale: this.scale, offset: this.offset };
  }
}

/** `x scale + offset`; see {@link RescalingOptions}. */
export function rescaling(options: RescalingOptions): Rescaling {
  return new Rescaling(options);
}

export const RESCALING = defineLayer<RescalingOptions>({
  className: 'Rescaling',
  factory: 'rescaling',
  summary: 'multiplies by scale and adds offset',
  options: { scale: number('factor every value is multiplied by', { required: true }), offset: number('added after scaling', { default: 0 }), name: NAME },
  create: (o) => new Rescaling(o),
  tfjs: { className: 'Rescaling' },
  onnx: {
    toOnnx(layer, input, graph) {
      const r = layer as Rescaling;
      const scaled = graph.node('Mul', [input.name, graph.constant(`${layer.name}/scale`, [], Float32Array.of(r.scale))], `${layer.name}/mul`);
      return { ...input, name: graph.node('Add', [scaled, graph.constant(`${layer.name}/offset`, [], Float32Array.of(r.offset))], layer.name) };
    },
  },
});
