/**
 * What the convolution, pooling and batch-norm shaders share: splitting a dispatch into a
 * two-dimensional grid under the per-dimension limit, packing a uniform block, and a row softmax
 * for a convolution whose activation is softmax.
 */
import type { GpuContext } from './gpu-context.js';

/** Workgroups per grid dimension every adapter allows (WebGPU's default `maxComputeWorkgroupsPerDimension`). */
export const MAX_GROUPS_PER_DIMENSION = 65535;

/** `groups` workgroups as an x-by-y grid; shaders number them `wg.y * x + wg.x` and skip those past `groups`. */
export function grid(groups: number): [number, number] {
  const x = Math.max(1, Math.min(groups, MAX_GROUPS_PER_DIMENSION));
  return [x, Math.max(1, Math.ceil(groups / x))];
}

/**
 * A uniform block of `u32` fields followed by `f32` fields, padded to 16 bytes; the WGSL struct
 * declares them in the same order.
 */
export function uniforms(u32s: readonly number[], f32s: readonly number[] = []): ArrayBuffer {
  const count = u32s.length + f32s.length;
  const buffer = new ArrayBuffer(Math.max(16, Math.ceil(count / 4) * 16));
  const view = new DataView(buffer);
  u32s.forEach((v, i) => view.setUint32(i * 4, v, true));
  f32s.forEach((v, i) => view.setFloat32((u32s.length + i) * 4, v, true));
  return buffer;
}

/** Softmax over each row of a rows x cols matrix in place, one invocation per row (the reference's order: max, then the exponentials' sum). */
export const ROW_SOFTMAX_WGSL = /* wgsl */ `
struct Params { rows: u32, cols: u32, gridX: u32 }
@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<uniform> p: Params;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let r = (wg.y * p.gridX + wg.x) * 64u + t;
  if (r >= p.rows) { return; }
  let o = r * p.cols;
  var m = y[o];
  for (var j = 1u; j < p.cols; j++) { m = max(m, y[o + j]); }
  var s = 0.0;
  for (var j = 0u; j < p.cols; j++) { let e = exp(y[o + j] - m); y[o + j] = e; s += e; }
  for (var j = 0u; j < p.cols; j++) { y[o + j] = y[o + j] / s; }
}
`;

/** Queues the row softmax of {@link ROW_SOFTMAX_WGSL} on `y`. */
export function rowSoftmax(ctx: GpuContext, y: GPUBuffer, rows: number, cols: number): void {
  const [gx, gy] = grid(Math.ceil(rows / 64));
  ctx.dispatch('window-row-softmax', ROW_SOFTMAX_WGSL, [y], uniforms([rows, cols, gx]), [gx, gy]);
}
