/**
 * Elementwise kernels of the webgpu backend (`add`, `mul`, `scale`) and the sum, whose value is
 * queued on the device as a scalar (see DeviceMemory.takeScalars).
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { bindArrays, cachedSource, ENTRY_1D, grid, Params, WORKGROUP } from './kernel-source.js';

const BINARY_WGSL = (op: string): string => `
${ENTRY_1D}
  if (i >= P.n) { return; }
  OUT[i] = A[i] ${op} B[i];
}`;

const SCALE_WGSL = `
${ENTRY_1D}
  if (i >= P.n) { return; }
  OUT[i] = A[i] * P.s + P.t;
}`;

/**
 * One workgroup sums `A[0..n)` (each thread a strided part, then a tree in workgroup memory)
 * into `OUT[P.at]`. Float32 throughout: the order differs from the host's sequential float64
 * sum, hence a relative tolerance.
 */
export const SUM_WGSL = `
var<workgroup> partial: array<f32, ${WORKGROUP}>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(local_invocation_index) lid: u32) {
  var s = 0.0;
  for (var j = lid; j < P.n; j += ${WORKGROUP}u) { s += A[j]; }
  partial[lid] = s;
  workgroupBarrier();
  for (var h = ${WORKGROUP / 2}u; h > 0u; h >>= 1u) {
    if (lid < h) { partial[lid] += partial[lid + h]; }
    workgroupBarrier();
  }
  if (lid == 0u) { OUT[P.at] = partial[0]; }
}`;

function binary(ctx: GpuContext, name: 'add' | 'mul', op: string, a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  if (n <= 0) return;
  const k = bindArrays(ctx, [
    { name: 'A', array: a, access: 'read' },
    { name: 'B', array: b, access: 'read' },
    { name: 'OUT', array: out, access: 'write' },
  ], name);
  const key = `${name}|${k.aliasKey}`;
  ctx.dispatch(key, cachedSource(key, () => k.source('struct Params { n: u32 }', BINARY_WGSL(op))), k.buffers, new Params().u32(n).buffer, grid(n));
}

/** `out[i] = a[i] + b[i]`. */
export function add(ctx: GpuContext, a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  binary(ctx, 'add', '+', a, b, out, n);
}

/** `out[i] = a[i] * b[i]`. */
export function mul(ctx: GpuContext, a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  binary(ctx, 'mul', '*', a, b, out, n);
}

/** `out[i] = a[i] * s + t`. */
export function scale(ctx: GpuContext, a: FloatArray, s: number, t: number, out: FloatArray, n: number): void {
  if (n <= 0) return;
  const k = bindArrays(ctx, [
    { name: 'A', array: a, access: 'read' },
    { name: 'OUT', array: out, access: 'write' },
  ], 'scale');
  const key = `scale|${k.aliasKey}`;
  ctx.dispatch(key, cachedSource(key, () => k.source('struct Params { n: u32, s: f32, t: f32 }', SCALE_WGSL)), k.buffers, new Params().u32(n).f32(s).f32(t).buffer, grid(n));
}

/** Sums `a[0..n)` on the device and queues the value as the next scalar. */
export function sumToScalar(ctx: GpuContext, a: FloatArray, n: number, what: string): void {
  const out = ctx.scratch('scalar', 1);
  const k = bindArrays(ctx, [
    { name: 'A', array: a, access: 'read' },
    { name: 'OUT', array: out, access: 'write' },
  ], what);
  const key = `sum|${k.aliasKey}`;
  ctx.dispatch(key, cachedSource(key, () => k.source('struct Params { n: u32, at: u32 }', SUM_WGSL)), k.buffers, new Params().u32(Math.max(0, n)).u32(0).buffer, [1]);
  ctx.queueScalar(k.buffers[k.buffers.length - 1]!, 0);
}

/** Sum of `a[0..n)`: queued as a scalar; returns NaN (the value comes from takeScalars()). */
export function sum(ctx: GpuContext, a: FloatArray, n: number): number {
  sumToScalar(ctx, a, n, 'sum');
  return NaN;
}
