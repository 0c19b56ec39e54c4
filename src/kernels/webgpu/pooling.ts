/**
 * The pooling kernels in WGSL, NHWC, one invocation per value written. The backward passes
 * gather instead of scattering: each input value visits the outputs whose windows hold it, in
 * output order, so overlapping windows add up without atomics and in the reference's order
 * (max pooling's gradient is bit-identical to the float32 reference).
 *
 * NaN is recognised by its bits, not by `v != v`: WGSL lets a compiler assume floats are never
 * NaN, and the contract wants a window's first NaN.
 */
import type { FloatArray, Pool2dGeometry } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { grid, uniforms } from './window-support.js';

const PARAMS = /* wgsl */ `
struct Params {
  inH: u32, inW: u32, C: u32, outH: u32,
  outW: u32, pH: u32, pW: u32, sH: u32,
  sW: u32, padT: u32, padL: u32, n: u32,
  gridX: u32,
}

/** Flat NHWC index i of an image of h rows and w columns as (batch, row, column, channel). */
fn nhwc(i: u32, h: u32, w: u32) -> vec4<u32> {
  let q = i / p.C;
  let q2 = q / w;
  return vec4<u32>(q2 / h, q2 % h, q % w, i % p.C);
}

/** The window of output (oy, ox) clipped to the input: rows [y0, y1), columns [x0, x1) as a vec4. */
fn window(oy: u32, ox: u32) -> vec4<u32> {
  let y = i32(oy * p.sH) - i32(p.padT);
  let x = i32(ox * p.sW) - i32(p.padL);
  return vec4<u32>(u32(max(y, 0)), u32(min(y + i32(p.pH), i32(p.inH))), u32(max(x, 0)), u32(min(x + i32(p.pW), i32(p.inW))));
}

/** The outputs whose windows hold input pixel (iy, ix): rows [oy0, oy1), columns [ox0, ox1) as a vec4. */
fn covering(iy: u32, ix: u32) -> vec4<u32> {
  let ty = i32(iy + p.padT);
  let tx = i32(ix + p.padL);
  // Output oy covers rows [oy * sH - padT, oy * sH - padT + pH): oy * sH in (ty - pH, ty].
  let oy0 = select(0, (ty - i32(p.pH)) / i32(p.sH) + 1, ty >= i32(p.pH));
  let ox0 = select(0, (tx - i32(p.pW)) / i32(p.sW) + 1, tx >= i32(p.pW));
  let oy1 = min(ty / i32(p.sH) + 1, i32(p.outH));
  let ox1 = min(tx / i32(p.sW) + 1, i32(p.outW));
  return vec4<u32>(u32(oy0), u32(max(oy1, oy0)), u32(ox0), u32(max(ox1, ox0)));
}
`;

const MAX_FORWARD_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> argmax: array<i32>;
@group(0) @binding(3) var<uniform> p: Params;
${PARAMS}

fn isNan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let o = (wg.y * p.gridX + wg.x) * 256u + t;
  if (o >= p.n) { return; }
  let pix = nhwc(o, p.outH, p.outW);
  let b = pix.x;
  let oy = pix.y;
  let ox = pix.z;
  let c = pix.w;
  let win = window(oy, ox);
  var best = -1;
  var value = 0.0;
  for (var iy = win.x; iy < win.y; iy++) {
    for (var ix = win.z; ix < win.w; ix++) {
      let i = ((b * p.inH + iy) * p.inW + ix) * p.C + c;
      let v = x[i];
      if (isNan(v)) {
        y[o] = v;
        argmax[o] = i32(i);
        return;
      }
      if (best < 0 || v > value) {
        best = i32(i);
        value = v;
      }
    }
  }
  y[o] = value;
  argmax[o] = best;
}
`;

const MAX_BACKWARD_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> argmax: array<i32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;
${PARAMS}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let i = (wg.y * p.gridX + wg.x) * 256u + t;
  if (i >= p.n) { return; }
  let pix = nhwc(i, p.inH, p.inW);
  let b = pix.x;
  let iy = pix.y;
  let ix = pix.z;
  let c = pix.w;
  let cov = covering(iy, ix);
  var s = 0.0;
  for (var oy = cov.x; oy < cov.y; oy++) {
    for (var ox = cov.z; ox < cov.w; ox++) {
      let o = ((b * p.outH + oy) * p.outW + ox) * p.C + c;
      if (argmax[o] == i32(i)) { s += dy[o]; }
    }
  }
  dx[i] = s;
}
`;

const AVG_FORWARD_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;
${PARAMS}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let o = (wg.y * p.gridX + wg.x) * 256u + t;
  if (o >= p.n) { return; }
  let pix = nhwc(o, p.outH, p.outW);
  let b = pix.x;
  let oy = pix.y;
  let ox = pix.z;
  let c = pix.w;
  let win = window(oy, ox);
  var s = 0.0;
  for (var iy = win.x; iy < win.y; iy++) {
    for (var ix = win.z; ix < win.w; ix++) { s += x[((b * p.inH + iy) * p.inW + ix) * p.C + c]; }
  }
  y[o] = s / f32((win.y - win.x) * (win.w - win.z));
}
`;

const AVG_BACKWARD_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read_write> dx: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;
${PARAMS}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let i = (wg.y * p.gridX + wg.x) * 256u + t;
  if (i >= p.n) { return; }
  let pix = nhwc(i, p.inH, p.inW);
  let b = pix.x;
  let iy = pix.y;
  let ix = pix.z;
  let c = pix.w;
  let cov = covering(iy, ix);
  var s = 0.0;
  for (var oy = cov.x; oy < cov.y; oy++) {
    for (var ox = cov.z; ox < cov.w; ox++) {
      let win = window(oy, ox);
      s += dy[((b * p.outH + oy) * p.outW + ox) * p.C + c] / f32((win.y - win.x) * (win.w - win.z));
    }
  }
  dx[i] = s;
}
`;

function params(g: Pool2dGeometry, n: number, gridX: number): ArrayBuffer {
  return uniforms([g.inHeight, g.inWidth, g.channels, g.outHeight, g.outWidth, g.poolHeight, g.poolWidth, g.strideHeight, g.strideWidth, g.padTop, g.padLeft, n, gridX]);
}

/** Queues `wgsl` over `n` values, one invocation each. */
function perValue(ctx: GpuContext, key: string, wgsl: string, buffers: GPUBuffer[], g: Pool2dGeometry, n: number): void {
  const [gx, gy] = grid(Math.ceil(n / 256));
  ctx.dispatch(key, wgsl, buffers, params(g, n, gx), [gx, gy]);
}

const outputs = (g: Pool2dGeometry): number => g.batch * g.outHeight * g.outWidth * g.channels;
const inputs = (g: Pool2dGeometry): number => g.batch * g.inHeight * g.inWidth * g.channels;

/** See Backend.maxPool2dForward. */
export function maxPool2dForward(ctx: GpuContext, x: FloatArray, y: FloatArray, argmax: Int32Array, g: Pool2dGeometry): void {
  const buffers = [ctx.input(x, 'max-pooling input'), ctx.output(y, 'max-pooling output'), ctx.output(argmax, 'max-pooling argmax')];
  perValue(ctx, 'max-pool2d-forward', MAX_FORWARD_WGSL, buffers, g, outputs(g));
}

/** See Backend.maxPool2dBackward. */
export function maxPool2dBackward(ctx: GpuContext, dy: FloatArray, argmax: Int32Array, dx: FloatArray, g: Pool2dGeometry): void {
  const buffers = [ctx.input(dy, 'max-pooling output gradient'), ctx.input(argmax, 'max-pooling argmax'), ctx.output(dx, 'max-pooling input gradient')];
  perValue(ctx, 'max-pool2d-backward', MAX_BACKWARD_WGSL, buffers, g, inputs(g));
}

/** See Backend.avgPool2dForward. */
export function avgPool2dForward(ctx: GpuContext, x: FloatArray, y: FloatArray, g: Pool2dGeometry): void {
  const buffers = [ctx.input(x, 'average-pooling input'), ctx.output(y, 'average-pooling output')];
  perValue(ctx, 'avg-pool2d-forward', AVG_FORWARD_WGSL, buffers, g, outputs(g));
}

/** See Backend.avgPool2dBackward. */
export function avgPool2dBackward(ctx: GpuContext, dy: FloatArray, dx: FloatArray, g: Pool2dGeometry): void {
  const buffers = [ctx.input(dy, 'average-pooling output gradient'), ctx.output(dx, 'average-pooling input gradient')];
  perValue(ctx, 'avg-pool2d-backward', AVG_BACKWARD_WGSL, buffers, g, inputs(g));
}
