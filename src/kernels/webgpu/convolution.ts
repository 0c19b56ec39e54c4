/**
 * The convolution kernels in WGSL, NHWC with an HWIO filter, as implicit matrix products: no
 * im2col buffer is written, each workgroup gathers its tiles of the virtual im2col matrix
 * straight from the image into workgroup memory and multiplies them with register blocking
 * (4 x 4 outputs per invocation).
 *
 * - forward: `y (batch*outH*outW x outC) = im2col(x) (.. x kH*kW*inC) * filter (kH*kW*inC x outC)`,
 *   the bias and the activation applied to the tile before it is written;
 * - input gradient: `dx (batch*inH*inW x inC) = G (.. x kH*kW*outC) * filter^T`, where row
 *   (b, iy, ix) of G holds `dy` at the output pixel each tap (ky, kx) maps the input pixel to
 *   (0 where none does: strides skip it or it falls outside);
 * - filter gradient: `dfilter (kH*kW*inC x outC) = im2col(x)^T * dy`, a reduction over
 *   batch*outH*outW rows cut into a fixed number of chunks (a function of the geometry alone);
 *   each chunk's product goes to a scratch buffer and a second pass adds the chunks in order,
 *   so the result is deterministic without atomics.
 */
import { ACTIVATIONS, type Activation, type Conv2dGeometry, type FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { ACT_FUNCTIONS_WGSL } from './activations.js';
import { grid, rowSoftmax, uniforms } from './window-support.js';

/** Depth of the reduction slice held in workgroup memory per step. */
const BK = 16;

/**
 * The tile of a product with `rows` x `cols` outputs: 4 x 4 outputs per invocation, up to 256
 * invocations (and two slices within the 16 KiB of workgroup memory every adapter has).
 */
function tile(rows: number, cols: number): { bm: number; bn: number } {
  // Few shapes, so few pipelines to compile: 128 x 32 and 64 x 64, and 32 x 32 for the short products of a filter gradient.
  if (rows <= 32) return { bm: 32, bn: 32 };
  return cols <= 32 ? { bm: 128, bn: 32 } : { bm: 64, bn: 64 };
}

/** The uniform block every convolution shader reads (same order as `geometryFields`). */
const PARAMS = /* wgsl */ `
struct Params {
  batch: u32, inH: u32, inW: u32, inC: u32,
  outH: u32, outW: u32, outC: u32, kH: u32,
  kW: u32, sH: u32, sW: u32, dH: u32,
  dW: u32, padT: u32, padL: u32, M: u32,
  K: u32, tilesN: u32, gridX: u32, chunk: u32,
  hasBias: u32, act: u32,
}`;

function geometryFields(g: Conv2dGeometry, m: number, k: number, tilesN: number, gridX: number, chunk = 0, hasBias = false, act: Activation = 'linear'): number[] {
  return [
    g.batch, g.inHeight, g.inWidth, g.inChannels,
    g.outHeight, g.outWidth, g.outChannels, g.kernelHeight,
    g.kernelWidth, g.strideHeight, g.strideWidth, g.dilationHeight,
    g.dilationWidth, g.padTop, g.padLeft, m,
    k, tilesN, gridX, chunk,
    hasBias ? 1 : 0, ACTIVATIONS.indexOf(act),
  ];
}

/** The tile constants and workgroup arrays of a `bm` x `bn` tile. */
function tileHeader(bm: number, bn: number): string {
  return /* wgsl */ `
const BM = ${bm}u;
const BN = ${bn}u;
const BK = ${BK}u;
const TX = BN / 4u;
const T = BM * BN / 16u;
const A_PER = ${(bm * BK) / ((bm * bn) / 16)}u;
const B_PER = ${(BK * bn) / ((bm * bn) / 16)}u;
var<workgroup> As: array<f32, ${BK * bm}>;
var<workgroup> Bs: array<f32, ${BK * bn}>;

/** v as digits (lo, mid, hi) of radices (r0, r1, unbounded). */
fn digits(v: u32, r0: u32, r1: u32) -> vec3<u32> {
  let q = v / r0;
  return vec3<u32>(v % r0, q % r1, q / r1);
}

/** Digits d advanced by n: a division only where a digit wraps (each step of the reduction moves every index by BK). */
fn advance(d: vec3<u32>, n: u32, r0: u32, r1: u32) -> vec3<u32> {
  var lo = d.x + n;
  var mid = d.y;
  var hi = d.z;
  if (lo >= r0) {
    let carry = lo / r0;
    lo -= carry * r0;
    mid += carry;
    if (mid >= r1) {
      let carry2 = mid / r1;
      mid -= carry2 * r1;
      hi += carry2;
    }
  }
  return vec3<u32>(lo, mid, hi);
}

fn multiplyTile(t: u32, acc: ptr<function, array<vec4<f32>, 4>>) {
  let r = (t / TX) * 4u;
  let c = (t % TX) * 4u;
  for (var kk = 0u; kk < BK; kk++) {
    let a = vec4<f32>(As[kk * BM + r], As[kk * BM + r + 1u], As[kk * BM + r + 2u], As[kk * BM + r + 3u]);
    let b = vec4<f32>(Bs[kk * BN + c], Bs[kk * BN + c + 1u], Bs[kk * BN + c + 2u], Bs[kk * BN + c + 3u]);
    (*acc)[0] += a.x * b;
    (*acc)[1] += a.y * b;
    (*acc)[2] += a.z * b;
    (*acc)[3] += a.w * b;
  }
}
`;
}

/**
 * Forward: the implicit product, then bias and activation on the tile; both are chosen by the
 * parameters (`hasBias`, `act`), not compiled in, so one pipeline per tile shape serves every
 * layer (a layer without bias binds the filter in the bias slot, unread).
 */
function forwardWgsl(bm: number, bn: number): string {
  return /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;
${tileHeader(bm, bn)}
${ACT_FUNCTIONS_WGSL}

@compute @workgroup_size(${(bm * bn) / 16})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let tileIndex = wg.y * p.gridX + wg.x;
  let tilesM = (p.M + BM - 1u) / BM;
  if (tileIndex >= tilesM * p.tilesN) { return; }
  let m0 = (tileIndex / p.tilesN) * BM;
  let n0 = (tileIndex % p.tilesN) * BN;

  // The image rows this invocation loads: fixed for the whole reduction.
  let acol = t % BK;
  var rowY: array<i32, A_PER>;
  var rowX: array<i32, A_PER>;
  var rowB: array<i32, A_PER>;
  for (var i = 0u; i < A_PER; i++) {
    let m = m0 + t / BK + i * (T / BK);
    rowB[i] = -1;
    if (m < p.M) {
      let ox = m % p.outW;
      let q = m / p.outW;
      rowY[i] = i32((q % p.outH) * p.sH) - i32(p.padT);
      rowX[i] = i32(ox * p.sW) - i32(p.padL);
      rowB[i] = i32((q / p.outH) * p.inH);
    }
  }
  let bcol = t % BN;
  var acc: array<vec4<f32>, 4>;
  var kd = digits(acol, p.inC, p.kW); // (c, kx, ky) of k
  for (var k0 = 0u; k0 < p.K; k0 += BK) {
    let k = k0 + acol;
    let c = kd.x;
    let ky = i32(kd.z * p.dH);
    let kx = i32(kd.y * p.dW);
    kd = advance(kd, BK, p.inC, p.kW);
    for (var i = 0u; i < A_PER; i++) {
      var v = 0.0;
      let iy = rowY[i] + ky;
      let ix = rowX[i] + kx;
      if (k < p.K && rowB[i] >= 0 && iy >= 0 && iy < i32(p.inH) && ix >= 0 && ix < i32(p.inW)) {
        v = x[(u32(rowB[i] + iy) * p.inW + u32(ix)) * p.inC + c];
      }
      As[acol * BM + t / BK + i * (T / BK)] = v;
    }
    for (var i = 0u; i < B_PER; i++) {
      let kr = t / BN + i * (T / BN);
      let kk = k0 + kr;
      let n = n0 + bcol;
      var v = 0.0;
      if (kk < p.K && n < p.outC) { v = w[kk * p.outC + n]; }
      Bs[kr * BN + bcol] = v;
    }
    workgroupBarrier();
    multiplyTile(t, &acc);
    workgroupBarrier();
  }
  let r = m0 + (t / TX) * 4u;
  let c0 = n0 + (t % TX) * 4u;
  for (var i = 0u; i < 4u; i++) {
    if (r + i >= p.M) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = c0 + j;
      if (n >= p.outC) { break; }
      var v = acc[i][j];
      if (p.hasBias != 0u) { v += bias[n]; }
      y[(r + i) * p.outC + n] = act_forward(p.act, v);
    }
  }
}
`;
}

/** Input gradient: rows are input pixels, the reduction runs over (ky, kx, outC). */
function backwardInputWgsl(bm: number, bn: number): string {
  return /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;
${tileHeader(bm, bn)}

@compute @workgroup_size(${(bm * bn) / 16})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let tileIndex = wg.y * p.gridX + wg.x;
  let tilesM = (p.M + BM - 1u) / BM;
  if (tileIndex >= tilesM * p.tilesN) { return; }
  let m0 = (tileIndex / p.tilesN) * BM;
  let n0 = (tileIndex % p.tilesN) * BN;

  let acol = t % BK;
  var rowY: array<i32, A_PER>;
  var rowX: array<i32, A_PER>;
  var rowB: array<i32, A_PER>;
  for (var i = 0u; i < A_PER; i++) {
    let m = m0 + t / BK + i * (T / BK);
    rowB[i] = -1;
    if (m < p.M) {
      let ix = m % p.inW;
      let q = m / p.inW;
      rowY[i] = i32(q % p.inH + p.padT);
      rowX[i] = i32(ix + p.padL);
      rowB[i] = i32((q / p.inH) * p.outH);
    }
  }
  let bcol = t % BN;
  var acc: array<vec4<f32>, 4>;
  var kd = digits(acol, p.outC, p.kW); // (co, kx, ky) of k
  var wd: array<vec3<u32>, B_PER>; // (co, tap) of each filter row this invocation loads
  for (var i = 0u; i < B_PER; i++) { wd[i] = digits(t / BN + i * (T / BN), p.outC, 0xffffffffu); }
  for (var k0 = 0u; k0 < p.K; k0 += BK) {
    let k = k0 + acol;
    let co = kd.x;
    let ky = i32(kd.z * p.dH);
    let kx = i32(kd.y * p.dW);
    kd = advance(kd, BK, p.outC, p.kW);
    for (var i = 0u; i < A_PER; i++) {
      var v = 0.0;
      let ty = rowY[i] - ky;
      let tx = rowX[i] - kx;
      if (k < p.K && rowB[i] >= 0 && ty >= 0 && tx >= 0) {
        let oy = u32(ty) / p.sH;
        let ox = u32(tx) / p.sW;
        if (oy * p.sH == u32(ty) && ox * p.sW == u32(tx) && oy < p.outH && ox < p.outW) {
          v = dy[((u32(rowB[i]) + oy) * p.outW + ox) * p.outC + co];
        }
      }
      As[acol * BM + t / BK + i * (T / BK)] = v;
    }
    for (var i = 0u; i < B_PER; i++) {
      let kr = t / BN + i * (T / BN);
      let kk = k0 + kr;
      let n = n0 + bcol;
      var v = 0.0;
      if (kk < p.K && n < p.inC) { v = w[(wd[i].y * p.inC + n) * p.outC + wd[i].x]; }
      Bs[kr * BN + bcol] = v;
      wd[i] = advance(wd[i], BK, p.outC, 0xffffffffu);
    }
    workgroupBarrier();
    multiplyTile(t, &acc);
    workgroupBarrier();
  }
  let r = m0 + (t / TX) * 4u;
  let c0 = n0 + (t % TX) * 4u;
  for (var i = 0u; i < 4u; i++) {
    if (r + i >= p.M) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = c0 + j;
      if (n >= p.inC) { break; }
      dx[(r + i) * p.inC + n] = acc[i][j];
    }
  }
}
`;
}

/**
 * Filter gradient, one chunk of the reduction per workgroup row of the grid: tile rows are
 * filter taps (ky, kx, ci), columns output channels; the reduction runs over output pixels
 * [chunk * wg.y, chunk * (wg.y + 1)) and the tile goes to slice wg.y of `part`.
 */
function backwardFilterWgsl(bm: number, bn: number): string {
  return /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> part: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;
${tileHeader(bm, bn)}

@compute @workgroup_size(${(bm * bn) / 16})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let tilesM = (p.K + BM - 1u) / BM;
  if (wg.x >= tilesM * p.tilesN) { return; }
  let k0 = (wg.x / p.tilesN) * BM;
  let n0 = (wg.x % p.tilesN) * BN;
  let start = wg.y * p.chunk;
  let end = min(start + p.chunk, p.M);

  // The filter tap this invocation loads: fixed for the whole reduction.
  let kcol = t % BM;
  let k = k0 + kcol;
  let c = k % p.inC;
  let tap = k / p.inC;
  let ky = i32((tap / p.kW) * p.dH) - i32(p.padT);
  let kx = i32((tap % p.kW) * p.dW) - i32(p.padL);
  let bcol = t % BN;
  let n = n0 + bcol;
  var acc: array<vec4<f32>, 4>;
  var md: array<vec3<u32>, A_PER>; // (ox, oy, b) of each output pixel this invocation loads
  for (var i = 0u; i < A_PER; i++) { md[i] = digits(start + t / BM + i * (T / BM), p.outW, p.outH); }
  for (var m0 = start; m0 < end; m0 += BK) {
    for (var i = 0u; i < A_PER; i++) {
      let mr = t / BM + i * (T / BM);
      let m = m0 + mr;
      var v = 0.0;
      let d = md[i];
      if (m < end && k < p.K) {
        let iy = i32(d.y * p.sH) + ky;
        let ix = i32(d.x * p.sW) + kx;
        if (iy >= 0 && iy < i32(p.inH) && ix >= 0 && ix < i32(p.inW)) {
          v = x[((d.z * p.inH + u32(iy)) * p.inW + u32(ix)) * p.inC + c];
        }
      }
      As[mr * BM + kcol] = v;
      md[i] = advance(d, BK, p.outW, p.outH);
    }
    for (var i = 0u; i < B_PER; i++) {
      let mr = t / BN + i * (T / BN);
      let m = m0 + mr;
      var v = 0.0;
      if (m < end && n < p.outC) { v = dy[m * p.outC + n]; }
      Bs[mr * BN + bcol] = v;
    }
    workgroupBarrier();
    multiplyTile(t, &acc);
    workgroupBarrier();
  }
  let r = k0 + (t / TX) * 4u;
  let c0 = n0 + (t % TX) * 4u;
  let base = wg.y * p.K * p.outC;
  for (var i = 0u; i < 4u; i++) {
    if (r + i >= p.K) { break; }
    for (var j = 0u; j < 4u; j++) {
      let nn = c0 + j;
      if (nn >= p.outC) { break; }
      part[base + (r + i) * p.outC + nn] = acc[i][j];
    }
  }
}
`;
}

/** Adds `parts` slices of `n` values in slice order: `out[i] = sum_s part[s * n + i]`. */
const SUM_PARTS_WGSL = /* wgsl */ `
struct Params { n: u32, parts: u32, gridX: u32 }
@group(0) @binding(0) var<storage, read> part: array<f32>;
@group(0) @binding(1) var<storage, read_write> total: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let i = (wg.y * p.gridX + wg.x) * 256u + t;
  if (i >= p.n) { return; }
  var s = part[i];
  for (var q = 1u; q < p.parts; q++) { s += part[q * p.n + i]; }
  total[i] = s;
}
`;

/** See Backend.conv2dForward. */
export function conv2dForward(ctx: GpuContext, x: FloatArray, filter: FloatArray, y: FloatArray, g: Conv2dGeometry, bias?: FloatArray | null, activation: Activation = 'linear'): void {
  const m = g.batch * g.outHeight * g.outWidth;
  const k = g.kernelHeight * g.kernelWidth * g.inChannels;
  const { bm, bn } = tile(m, g.outChannels);
  const tilesN = Math.ceil(g.outChannels / bn);
  const [gx, gy] = grid(Math.ceil(m / bm) * tilesN);
  const hasBias = bias !== undefined && bias !== null;
  const filters = ctx.input(filter, 'conv2d filter');
  const out = ctx.output(y, 'conv2d output');
  const buffers = [ctx.input(x, 'conv2d input'), filters, hasBias ? ctx.input(bias, 'conv2d bias') : filters, out];
  ctx.dispatch(`conv2d-forward-${bm}x${bn}`, forwardWgsl(bm, bn), buffers, uniforms(geometryFields(g, m, k, tilesN, gx, 0, hasBias, activation)), [gx, gy]);
  if (activation === 'softmax') rowSoftmax(ctx, out, m, g.outChannels);
}

/** See Backend.conv2dBackwardInput. */
export function conv2dBackwardInput(ctx: GpuContext, dy: FloatArray, filter: FloatArray, dx: FloatArray, g: Conv2dGeometry): void {
  const m = g.batch * g.inHeight * g.inWidth;
  const k = g.kernelHeight * g.kernelWidth * g.outChannels;
  const { bm, bn } = tile(m, g.inChannels);
  const tilesN = Math.ceil(g.inChannels / bn);
  const [gx, gy] = grid(Math.ceil(m / bm) * tilesN);
  const buffers = [ctx.input(dy, 'conv2d output gradient'), ctx.input(filter, 'conv2d filter'), ctx.output(dx, 'conv2d input gradient')];
  ctx.dispatch(`conv2d-backward-input-${bm}x${bn}`, backwardInputWgsl(bm, bn), buffers, uniforms(geometryFields(g, m, k, tilesN, gx)), [gx, gy]);
}

/**
 * How the filter gradient's reduction over `m` output pixels is cut: about 512 workgroups in
 * all, chunks a multiple of the reduction step; a function of the geometry alone, so the sums
 * (and their rounding) never depend on the adapter.
 */
export function filterGradientChunks(m: number, tiles: number): { chunk: number; parts: number } {
  const wanted = Math.max(1, Math.min(Math.ceil(512 / tiles), Math.ceil(m / 64)));
  const chunk = Math.ceil(Math.ceil(m / wanted) / BK) * BK;
  return { chunk, parts: Math.ceil(m / chunk) };
}

/** See Backend.conv2dBackwardFilter. */
export function conv2dBackwardFilter(ctx: GpuContext, x: FloatArray, dy: FloatArray, dfilter: FloatArray, g: Conv2dGeometry): void {
  const m = g.batch * g.outHeight * g.outWidth;
  const k = g.kernelHeight * g.kernelWidth * g.inChannels;
  const { bm, bn } = tile(k, g.outChannels);
  const tilesN = Math.ceil(g.outChannels / bn);
  const tiles = Math.ceil(k / bm) * tilesN;
  const { chunk, parts } = filterGradientChunks(m, tiles);
  const out = ctx.output(dfilter, 'conv2d filter gradient');
  const xs = ctx.input(x, 'conv2d input');
  const dys = ctx.input(dy, 'conv2d output gradient');
  const size = k * g.outChannels;
  const part = parts === 1 ? out : ctx.output(ctx.scratch('conv2d filter gradient parts', parts * size), 'conv2d filter gradient parts');
  ctx.dispatch(`conv2d-backward-filter-${bm}x${bn}`, backwardFilterWgsl(bm, bn), [xs, dys, part], uniforms(geometryFields(g, m, k, tilesN, tiles, chunk)), [tiles, parts]);
  if (parts > 1) {
    const [gx, gy] = grid(Math.ceil(size / 256));
    ctx.dispatch('conv2d-sum-parts', SUM_PARTS_WGSL, [part, out], uniforms([size, parts, gx]), [gx, gy]);
  }
}
