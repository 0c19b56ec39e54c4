/** Shared helpers of the conformance suite: seeded data, copies into a backend, comparisons. */
import assert from 'node:assert/strict';
import type { Backend, FloatArray } from '../../kernels/backend.js';
import { Xoshiro128 } from '../../random/xoshiro.js';

/** A seeded array of `n` values uniform in [lo, hi). */
export function randomArray(seed: number, n: number, lo = -1, hi = 1): Float32Array {
  const g = new Xoshiro128(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * g.uniform();
  return out;
}

/** A buffer of backend `b` holding a copy of `values`. */
export function put(b: Backend, values: ArrayLike<number>): FloatArray {
  const buf = b.alloc(values.length);
  for (let i = 0; i < values.length; i++) buf[i] = values[i]!;
  return buf;
}

/**
 * Asserts `|actual[i] - expected[i]| <= atol + rtol * |expected[i]|` for the first n values
 * (or a per-element bound when `atol` is an array); NaN must match NaN.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, n: number, atol: number | ArrayLike<number>, rtol: number, what: string): void {
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    const tol = (typeof atol === 'number' ? atol : atol[i]!) + rtol * Math.abs(e);
    if (!(Math.abs(a - e) <= tol)) assert.fail(`${what}: element ${i} is ${a}, expected ${e} (tolerance ${tol.toExponential(2)})`);
  }
}

/** Asserts a statistic is within `sigmas` standard errors of its expectation. */
export function assertWithin(value: number, expected: number, standardError: number, sigmas: number, what: string): void {
  const z = Math.abs(value - expected) / standardError;
  assert.ok(z <= sigmas, `${what}: ${value} is ${z.toFixed(1)} standard errors from ${expected} (allowed ${sigmas})`);
}

/** Sample mean, variance and fraction outside [-cut, cut] of the first n values. */
export function moments(x: ArrayLike<number>, n: number, center = 0, cut = Infinity): { mean: number; variance: number; tail: number } {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  let v = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    v += (x[i]! - mean) ** 2;
    if (Math.abs(x[i]! - center) > cut) tail++;
  }
  return { mean, variance: v / (n - 1), tail: tail / n };
}
