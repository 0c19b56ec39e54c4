/**
 * A Tensor is data and a shape; the first dimension counts samples. Byte data carries a
 * `scale` applied when a batch is gathered, so images stay one byte per pixel in memory.
 */
import { invalid, ShapeError } from '../errors.js';

export type TensorData = Float32Array | Float64Array | Uint8Array | Int32Array;

export class Tensor {
  /**
   * @param data values, row-major
   * @param shape dimensions, the first one counting samples
   * @param scale factor applied to every value when it is read (1/255 for byte images)
   */
  constructor(
    readonly data: TensorData,
    readonly shape: readonly number[],
    readonly scale = 1,
  ) {
    if (typeof scale !== 'number' || !Number.isFinite(scale)) throw invalid('tensor', 'scale', 'a finite number', scale);
    const size = shape.reduce((a, b) => a * b, 1);
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw invalid('tensor', 'shape', 'non-negative integers', [...shape]);
    if (size !== data.length) throw new ShapeError(`tensor: shape [${shape.join(', ')}] needs ${size} values, received ${data.length}`);
  }

  /** Number of samples (the first dimension). */
  get count(): number {
    return this.shape[0] ?? 0;
  }

  /** Values per sample. */
  get sampleSize(): number {
    return this.shape.slice(1).reduce((a, b) => a * b, 1);
  }

  /** Value at flat index `i`, scaled. */
  at(i: number): number {
    return this.data[i]! * this.scale;
  }

  /** Nested arrays, e.g. for printing small results. */
  toArray(): number[][] {
    const rows: number[][] = [];
    for (let r = 0; r < this.count; r++) {
      const row: number[] = [];
      for (let j = 0; j < this.sampleSize; j++) row.push(this.at(r * this.sampleSize + j));
      rows.push(row);
    }
    return rows;
  }
}

/** A float tensor from nested arrays (`[[...], ...]`), a flat list and a shape, or a typed array and a shape. */
export function tensor(values: number[][] | number[] | TensorData, shape?: number[]): Tensor {
  return fromValues(values, shape, 'tensor');
}

/**
 * A float tensor from values, every one of them checked to be a number.
 * @throws InvalidArgumentError `<what>: row r, column c must be a number, received "x"`.
 */
function fromValues(values: number[][] | number[] | TensorData, shape: number[] | undefined, what: string): Tensor {
  if (Array.isArray(values) && Array.isArray(values[0])) {
    const rows = values as unknown[];
    const width = (rows[0] as unknown[]).length;
    const data = new Float32Array(rows.length * width);
    rows.forEach((row, r) => {
      if (!Array.isArray(row)) throw invalid(what, `row ${r}`, `a list of ${width} numbers`, row);
      if (row.length !== width) throw new ShapeError(`${what}: row ${r} has ${row.length} values, row 0 has ${width}`);
      row.forEach((v: unknown, c) => {
        if (typeof v !== 'number') throw invalid(what, `row ${r}, column ${c}`, 'a number', v);
      });
      data.set(row as number[], r * width);
    });
    return new Tensor(data, shape ?? [rows.length, width]);
  }
  if (Array.isArray(values)) {
    (values as unknown[]).forEach((v, i) => {
      if (typeof v !== 'number') throw invalid(what, `value ${i}`, 'a number', v);
    });
  }
  const data = Array.isArray(values) ? Float32Array.from(values as number[]) : (values as TensorData);
  return new Tensor(data, shape ?? [data.length]);
}

/** What the model methods accept as data: a Tensor, rows of numbers, or a flat list (labels). */
export type TensorLike = Tensor | number[][] | number[];

/** `value` as a Tensor: Tensors pass through, arrays are copied into a float tensor. */
export function toTensor(value: TensorLike, what: string): Tensor {
  if (value instanceof Tensor) return value;
  if (Array.isArray(value)) return fromValues(value, undefined, what);
  throw invalid(what, 'data', 'a Tensor or an array of numbers (or of rows of numbers)', value === undefined ? 'nothing' : typeof value);
}
