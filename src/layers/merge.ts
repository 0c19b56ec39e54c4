/**
 * The element-wise merge layers of Keras' functional API: `add` (the residual connection),
 * `multiply` and `average` of inputs that all have one shape. Add's gradient is the output
 * gradient for every input; average's is it divided by the input count; multiply's is it times
 * the product of the other inputs.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import { MergeLayer } from '../parts/merge-layer.js';
import { NAME } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, type LayerDefinition } from '../parts/definitions.js';
import type { OnnxMapping } from '../parts/onnx.js';
import { ShapeError } from '../errors.js';

export interface MergeOptions {
  name?: string;
}

type Op = 'add' | 'multiply' | 'average';

/** Inputs of one shape merged value by value. */
export abstract class ElementwiseMerge extends MergeLayer {
  protected abstract readonly op: Op;
  private inputs: readonly FloatArray[] = [];
  private readonly grads: (FloatArray | null)[] = [];
  /** The scratch keys of the input gradients, made once. */
  private keys: string[] = [];

  protected mergeShape(shapes: readonly (readonly number[])[]): number[] {
    const first = shapes[0]!;
    shapes.forEach((s, i) => {
      if (s.length !== first.length || s.some((d, j) => d !== first[j])) {
        const show = (k: number): string => `'${this.inputSources[k] ?? `input ${k}`}' gives [${shapes[k]!.join(', ')}]`;
        throw new ShapeError(`${this.className} '${this.name}': inputs of different shapes: ${show(0)}, ${show(i)}`);
      }
    });
    this.keys = shapes.map((_, i) => `dx${i}`);
    return [...first];
  }

  forwardMerge(xs: readonly FloatArray[], batch: number): FloatArray {
    const n = batch * this.outputSize;
    const y = this.scratch('out', n);
    const b = this.backend;
    if (this.op === 'multiply') b.mul(xs[0]!, xs[1]!, y, n);
    else b.add(xs[0]!, xs[1]!, y, n);
    for (let i = 2; i < xs.length; i++) (this.op === 'multiply' ? b.mul : b.add).call(b, y, xs[i]!, y, n);
    if (this.op === 'average') b.scale(y, 1 / xs.length, 0, y, n);
    this.inputs = xs;
    return y;
  }

  backwardMerge(dy: FloatArray, batch: number, need: readonly boolean[]): readonly (FloatArray | null)[] {
    const n = batch * this.outputSize;
    const b = this.backend;
    const k = this.inputShapes.length;
    const grads = this.grads;
    grads.length = k;
    // Every gradient but the add's first is computed before any is handed out, so the first may be dy itself.
    for (let i = k - 1; i >= 0; i--) {
      if (!need[i]) {
        grads[i] = null;
        continue;
      }
      if (this.op === 'add') {
        if (i === 0) grads[i] = dy;
        else {
          const dx = (grads[i] = this.scratch(this.keys[i]!, n));
          for (let j = 0; j < n; j++) dx[j] = dy[j]!;
        }
      } else if (this.op === 'average') {
        b.scale(dy, 1 / k, 0, (grads[i] = this.scratch(this.keys[i]!, n)), n);
      } else {
        const dx = (grads[i] = this.scratch(this.keys[i]!, n));
        let first = true;
        for (let j = 0; j < k; j++) {
          if (j === i) continue;
          b.mul(first ? dy : dx, this.inputs[j]!, dx, n);
          first = false;
        }
      }
    }
    return grads;
  }

  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

export class Add extends ElementwiseMerge {
  readonly className = 'Add';
  protected readonly op = 'add';
  constructor(options: MergeOptions = {}) {
    super(parseOptions('add', ADD.options, options).name);
  }
}

export class Multiply extends ElementwiseMerge {
  readonly className = 'Multiply';
  protected readonly op = 'multiply';
  constructor(options: MergeOptions = {}) {
    super(parseOptions('multiply', MULTIPLY.options, options).name);
  }
}

export class Average extends ElementwiseMerge {
  readonly className = 'Average';
  protected readonly op = 'average';
  constructor(options: MergeOptions = {}) {
    super(parseOptions('average', AVERAGE.options, options).name);
  }
}

/** The sum of its inputs, all of one shape (a residual connection); apply it to a list of nodes. */
export function add(options: MergeOptions = {}): Add {
  return new Add(options);
}

/** The element-wise product of its inputs, all of one shape; apply it to a list of nodes. */
export function multiply(options: MergeOptions = {}): Multiply {
  return new Multiply(options);
}

/** The element-wise mean of its inputs, all of one shape; apply it to a list of nodes. */
export function average(options: MergeOptions = {}): Average {
  return new Average(options);
}

/** ONNX: Sum, Mul or Mean over the inputs. */
function mergeOnnx(op: 'Sum' | 'Mul' | 'Mean'): OnnxMapping {
  return {
    toOnnx: (layer) => {
      throw new ShapeError(`${layer.className} '${layer.name}' merges several inputs`);
    },
    toOnnxMerge: (layer, inputs, graph) => {
      const layout = inputs[0]!.layout;
      const same = inputs.map((v, i) => (layout === 'channelsFirst' ? graph.channelsFirst(v, `${layer.name}_in${i}`) : graph.channelsLast(v, `${layer.name}_in${i}`)));
      let name = same[0]!.name;
      if (op === 'Mul') for (let i = 1; i < same.length; i++) name = graph.node('Mul', [name, same[i]!.name], layer.name);
      else name = graph.node(op, same.map((v) => v.name), layer.name);
      return { name, shape: same[0]!.shape, layout };
    },
  };
}

function declare(className: string, factory: string, summary: string, create: (o: MergeOptions) => MergeLayer, onnx: OnnxMapping): LayerDefinition<MergeOptions> {
  return defineLayer<MergeOptions>({ className, factory, summary, options: { name: NAME }, create, tfjs: { className }, onnx, hostOnly: 'passes its gradients back through JavaScript copies' });
}

export const ADD = declare('Add', 'add', 'the sum of its inputs, all of one shape (a residual connection)', (o) => new Add(o), mergeOnnx('Sum'));
export const MULTIPLY = declare('Multiply', 'multiply', 'the element-wise product of its inputs, all of one shape', (o) => new Multiply(o), mergeOnnx('Mul'));
export const AVERAGE = declare('Average', 'average', 'the element-wise mean of its inputs, all of one shape', (o) => new Average(o), mergeOnnx('Mean'));
