/**
 * Adapters between user data (Tensors) and batches in backend memory: features gathered and
 * scaled row by row, targets as class indices or value rows. Checked once, before training.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { Tensor } from '../tensor/tensor.js';
import { ShapeError } from '../errors.js';

/** Features of a dataset, gathered into batches. */
export class FeatureSource {
  private readonly src: Uint8Array | FloatArray;

  /**
   * @param expected the model's input: its shape, or a number of values. Samples fit a shape
   *   when they hold as many values and either side is flat (784 values feed [28, 28, 1], images
   *   feed [784]) or the shapes agree but for trailing 1s ([28, 28] and [28, 28, 1]).
   */
  constructor(readonly x: Tensor, expected: number | readonly number[], what = 'x') {
    if (x.shape.length < 2) throw new ShapeError(`${what}: expected a tensor of shape [samples, ...], received [${x.shape.join(', ')}]`);
    const expectedSize = typeof expected === 'number' ? expected : expected.reduce((a, b) => a * b, 1);
    if (x.sampleSize !== expectedSize) {
      throw new ShapeError(`${what}: samples of shape [${x.shape.slice(1).join(', ')}] (${x.sampleSize} values) do not fit the model's input of ${expectedSize} values${typeof expected === 'number' ? '' : ` (shape [${expected.join(', ')}])`}`);
    }
    if (typeof expected !== 'number' && !sameGeometry(x.shape.slice(1), expected)) {
      throw new ShapeError(`${what}: samples of shape [${x.shape.slice(1).join(', ')}] do not fit the model's input shape [${expected.join(', ')}]: the same ${expectedSize} values in another geometry`);
    }
    this.src = x.data instanceof Int32Array ? Float32Array.from(x.data) : x.data;
  }

  get count(): number {
    return this.x.count;
  }

  /** Copies rows `index[start..start+count)` into `out`, scaled. */
  gather(backend: Backend, index: Int32Array, start: number, count: number, out: FloatArray): void {
    backend.gatherRows(this.src, index, start, count, this.x.sampleSize, this.x.scale, out);
  }
}

/** Targets of a dataset: class indices (sparse losses) or rows of values. */
export class TargetSource {
  readonly sparse: boolean;
  private readonly labels: Int32Array | null = null;
  private readonly values: FeatureSource | null = null;
  private readonly labelBuffers = new Map<number, Int32Array>();

  constructor(y: Tensor, count: number, outputs: number, sparse: boolean, what = 'y') {
    if (y.count !== count) throw new ShapeError(`${what}: ${y.count} targets for ${count} samples`);
    this.sparse = sparse;
    if (sparse) {
      if (y.sampleSize !== 1) throw new ShapeError(`${what}: a sparse loss expects one class index per sample, received samples of ${y.sampleSize} values`);
      const labels = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const v = y.at(i);
        if (!Number.isInteger(v) || v < 0 || v >= outputs) {
          throw new ShapeError(`${what}: label ${v} at index ${i} is not a class index in [0, ${outputs}) of the model's ${outputs} outputs`);
        }
        labels[i] = v;
      }
      this.labels = labels;
    } else {
      // A flat y is one target per sample, as Keras takes it for a one-output model.
      if (y.shape.length === 1 && outputs === 1) y = new Tensor(y.data, [y.count, 1], y.scale);
      if (y.shape.length < 2) throw new ShapeError(`${what}: this loss expects one row of ${outputs} target values per sample (one-hot for classes), received shape [${y.shape.join(', ')}]; for class indices use sparseCategoricalCrossentropy`);
      this.values = new FeatureSource(y, outputs, what);
    }
  }

  /** The class index of sample `i` (sparse targets only). */
  label(i: number): number {
    return this.labels![i]!;
  }

  /** Targets of rows `index[start..start+count)`; `scratch` holds value rows. */
  gather(backend: Backend, index: Int32Array, start: number, count: number, scratch: FloatArray): BatchTargets {
    if (this.labels) {
      let buf = this.labelBuffers.get(count);
      if (!buf) this.labelBuffers.set(count, (buf = new Int32Array(count)));
      for (let r = 0; r < count; r++) buf[r] = this.labels[index[start + r]!]!;
      return { kind: 'sparse', labels: buf };
    }
    this.values!.gather(backend, index, start, count, scratch);
    return { kind: 'dense', values: scratch };
  }
}

/** Whether samples of shape `a` feed an input of shape `b` of the same size (see FeatureSource). */
function sameGeometry(a: readonly number[], b: readonly number[]): boolean {
  if (a.length <= 1 || b.length <= 1) return true;
  const strip = (s: readonly number[]): number[] => {
    const out = [...s];
    while (out.length > 1 && out[out.length - 1] === 1) out.pop();
    return out;
  };
  return strip(a).join(',') === strip(b).join(',');
}

/** `[0, 1, ..., n-1]`. */
export function identityIndex(n: number): Int32Array {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  return index;
}

/** Rows `[from, to)` of a tensor, sharing its data. */
export function sliceRows(t: Tensor, from: number, to: number): Tensor {
  const size = t.sampleSize;
  const data = t.data.subarray(from * size, to * size);
  return new Tensor(data, [to - from, ...t.shape.slice(1)], t.scale);
}
