/**
 * Non-finite values caught where they enter or appear: input data before `fit`, `evaluate` and
 * `predict` use it, and the weights after training steps. A NaN that got into a batch would
 * otherwise spread through every weight it touches.
 */
import type { Param } from '../parts/layer.js';
import type { Tensor } from '../tensor/tensor.js';
import { invalid } from '../errors.js';

/**
 * Refuses a tensor holding NaN or an infinity (byte and integer data cannot).
 * @throws InvalidArgumentError `<where>: row r, column c must be a finite number, received NaN`.
 */
export function checkFiniteData(where: string, t: Tensor): void {
  const { data } = t;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return;
  const i = firstNonFinite(data);
  if (i < 0) return;
  const size = Math.max(1, t.sampleSize);
  throw invalid(where, `row ${Math.floor(i / size)}, column ${i % size}`, 'a finite number', data[i]);
}

/** The first weight holding NaN or an infinity: its name, index and value; null when all are finite. */
export function firstNonFiniteWeight(params: readonly Param[]): { name: string; index: number; value: number } | null {
  for (const p of params) {
    const i = firstNonFinite(p.value);
    if (i >= 0) return { name: p.name, index: i, value: p.value[i]! };
  }
  return null;
}

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    // v - v is 0 for every finite v and NaN for NaN and the infinities.
    const v = values[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}
