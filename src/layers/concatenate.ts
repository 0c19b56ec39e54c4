/**
 * Concatenate (Keras): its inputs joined along the last axis (the channels of images, the
 * features of vectors); every other dimension must agree. The gradient of each input is its
 * slice of the output gradient.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { LayerSpec } from '../parts/definitions.js';
import { MergeLayer } from '../parts/merge-layer.js';
import { NAME } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { ShapeError, invalid } from '../errors.js';

export interface ConcatenateOptions {
  name?: string;
}

export class Concatenate extends MergeLayer {
  readonly className = 'Concatenate';
  private readonly grads: (FloatArray | null)[] = [];

  constructor(options: ConcatenateOptions = {}) {
    super(parseOptions('concatenate', CONCATENATE.options, options).name);
  }

  protected mergeShape(shapes: readonly (readonly number[])[]): number[] {
    const first = shapes[0]!;
    shapes.forEach((s, i) => {
      if (s.length !== first.length || s.slice(0, -1).some((d, j) => d !== first[j])) {
        const show = (k: number): string => `'${this.inputSources[k] ?? `input ${k}`}' gives [${shapes[k]!.join(', ')}]`;
        throw new ShapeError(`Concatenate '${this.name}': inputs must agree but in the last axis: ${show(0)}, ${show(i)}`);
      }
    });
    this.widths = shapes.map((s) => s[s.length - 1]!);
    this.keys = shapes.map((_, i) => `dx${i}`);
    return [...first.slice(0, -1), this.widths.reduce((n, w) => n + w, 0)];
  }

  /** Values per row of the last axis, for each input, and the scratch keys of their gradients. */
  private widths: number[] = [];
  private keys: string[] = [];

  forwardMerge(xs: readonly FloatArray[], batch: number): FloatArray {
    const y = this.scratch('out', batch * this.outputSize);
    const out = this.outputShape[this.outputShape.length - 1]!;
    const rows = (batch * this.outputSize) / out;
    let offset = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const w = this.widths[i]!;
      for (let r = 0; r < rows; r++) for (let k = 0; k < w; k++) y[r * out + offset + k] = x[r * w + k]!;
      offset += w;
    }
    return y;
  }

  backwardMerge(dy: FloatArray, batch: number, need: readonly boolean[]): readonly (FloatArray | null)[] {
    const out = this.outputShape[this.outputShape.length - 1]!;
    const rows = (batch * this.outputSize) / out;
    const grads = this.grads;
    grads.length = need.length;
    let offset = 0;
    for (let i = 0; i < need.length; i++) {
      const w = this.widths[i]!;
      if (need[i]) {
        const dx = (grads[i] = this.scratch(this.keys[i]!, rows * w));
        for (let r = 0; r < rows; r++) for (let k = 0; k < w; k++) dx[r * w + k] = dy[r * out + offset + k]!;
      } else grads[i] = null;
      offset += w;
    }
    return grads;
  }

  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

/** Joins its inputs along the last axis; apply it to a list of nodes. */
export function concatenate(options: ConcatenateOptions = {}): Concatenate {
  return new Concatenate(options);
}

/** A TF.js / Keras Concatenate, along the last axis only. */
function concatenateFromTfjs(c: Record<string, unknown>): LayerSpec {
  if (c['axis'] !== undefined && c['axis'] !== -1) throw invalid('Concatenate', 'axis', '-1 (the last axis)', c['axis']);
  return { className: 'Concatenate', config: {} };
}

export const CONCATENATE = defineLayer<ConcatenateOptions>({
  className: 'Concatenate',
  factory: 'concatenate',
  summary: 'its inputs joined along the last axis',
  hostOnly: 'copies its inputs into place in JavaScript',
  options: { name: NAME },
  create: (o) => new Concatenate(o),
  tfjs: { className: 'Concatenate', toTfjs: () => ({ class_name: 'Concatenate', config: { axis: -1 } }), fromTfjs: concatenateFromTfjs },
  onnx: {
    toOnnx: (layer) => {
      throw new ShapeError(`Concatenate '${layer.name}' merges several inputs`);
    },
    toOnnxMerge: (layer, inputs, graph) => {
      const last = inputs.map((v, i) => graph.channelsLast(v, `${layer.name}_in${i}`));
      const name = graph.node('Concat', last.map((v) => v.name), layer.name, { axis: { i: -1 } });
      const shape = [...last[0]!.shape.slice(0, -1), last.reduce((n, v) => n + v.shape[v.shape.length - 1]!, 0)];
      return { name, shape, layout: 'channelsLast' };
    },
  },
});
