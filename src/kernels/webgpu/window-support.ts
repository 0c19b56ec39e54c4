/**
 * What the convolution, pooling and batch-norm shaders share: splitting a dispatch into a
 * two-dimensional grid under the per-dimension limit, packing a uniform block, scratch device
 * buffers for partial sums, and the element-wise activations in WGSL (the reference's
 * definitions, see ../ref/activations.ts).
 */
import type { Activation } from '../backend.js';
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

const STORAGE = 0x0080; // GPUBufferUsage.STORAGE (a global only in a browser)

const scratchBuffers = new WeakMap<GPUDevice, Map<string, GPUBuffer>>();

/**
 * A device buffer of at least `floats` f32 values for partial sums, one per `name` and device,
 * grown when too small (the old one is left to the garbage collector, never destroyed, since
 * queued commands may still use it). Its contents are whatever the last kernel wrote.
 */
export function scratch(ctx: GpuContext, name: string, floats: number): GPUBuffer {
  let byName = scratchBuffers.get(ctx.device);
  if (!byName) scratchBuffers.set(ctx.device, (byName = new Map()));
  const bytes = Math.max(16, Math.ceil((floats * 4) / 16) * 16);
  const have = byName.get(name);
  if (have && have.size >= bytes) return have;
  const size = Math.max(bytes, have ? have.size * 2 : 0);
  const limit = ctx.device.limits.maxStorageBufferBindingSize;
  const buffer = ctx.device.createBuffer({ label: `noisenet ${name}`, size: Math.min(size, Math.max(bytes, limit)), usage: STORAGE });
  byName.set(name, buffer);
  return buffer;
}

/** WGSL helpers the activations need: erf (Abramowitz & Stegun 7.1.26, as the reference) and a tanh that saturates. */
const ACTIVATION_HELPERS = /* wgsl */ `
fn nn_erf(x: f32) -> f32 {
  let ax = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * ax);
  let y = 1.0 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-ax * ax);
  return select(y, -y, x < 0.0);
}
fn nn_tanh(x: f32) -> f32 {
  if (abs(x) > 15.0) { return sign(x); }
  return tanh(x);
}
`;

/** The element-wise activations a shader can select at run time (`act(v, kind)`), in `kind` order; softmax is not among them (it takes a row). */
const ELEMENTWISE: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'selu', 'leakyRelu', 'gelu', 'relu6', 'softplus'];

/** The `kind` of {@link ACTIVATION_WGSL}'s `act` for `act` (softmax: the identity, its row pass comes after). */
export function activationKind(act: Activation): number {
  return Math.max(0, ELEMENTWISE.indexOf(act));
}

/** The WGSL statement computing activation `act` of `v`. */
function activationBody(act: Activation): string {
  switch (act) {
    case 'linear':
    case 'softmax':
      return 'return v;';
    case 'relu':
      return 'if (v < 0.0) { return 0.0; } return v;';
    case 'sigmoid':
      return 'if (v >= 0.0) { return 1.0 / (1.0 + exp(-v)); } let e = exp(v); return e / (1.0 + e);';
    case 'tanh':
      return 'return nn_tanh(v);';
    case 'elu':
      return 'if (v > 0.0) { return v; } return exp(v) - 1.0;';
    case 'selu':
      return 'if (v > 0.0) { return 1.0507009873554805 * v; } return 1.7580993408473766 * (exp(v) - 1.0);';
    case 'leakyRelu':
      return 'if (v > 0.0) { return v; } return 0.2 * v;';
    case 'gelu':
      return 'return 0.5 * v * (1.0 + nn_erf(v * 0.7071067811865476));';
    case 'relu6':
      return 'if (v < 0.0) { return 0.0; } if (v > 6.0) { return 6.0; } return v;';
    case 'softplus':
      return 'var r = v; if (v < 0.0) { r = 0.0; } return r + log(1.0 + exp(-abs(v)));';
  }
}

/** WGSL defining `fn act(v: f32, kind: u32) -> f32`, the element-wise activation numbered `kind` (see {@link activationKind}). */
export const ACTIVATION_WGSL = `${ACTIVATION_HELPERS}
fn act(v: f32, kind: u32) -> f32 {
  switch kind {
${ELEMENTWISE.map((a, i) => `    case ${i}u: { ${activationBody(a)} }`).join('\n')}
    default: { return v; }
  }
}
`;

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
