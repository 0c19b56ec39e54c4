/**
 * Matrix product and the bias gradient (`sumRows`) of the webgpu backend.
 *
 * The matrix product is tiled: a workgroup of 16 x 16 threads computes a 64 x 64 block of C,
 * each thread a 4 x 4 sub-block, stepping through k 16 at a time with the A and B tiles staged
 * in workgroup memory (each value of A and B read from the buffer once per block instead of
 * once per product).
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { bindArrays, cachedSource, Params } from './kernel-source.js';

const TILE = 64;
const DEPTH = 16;

/**
 * `C = op(A) op(B)` (or `+=`), the block of C of workgroup (x, y): columns 64x.., rows 64y...
 * The transposes and `accumulate` are uniform flags, not compiled variants: one pipeline (a
 * shader compiles slowly on a CPU adapter), and a branch every thread takes the same way.
 * The loops over the 4 x 4 sub-block are unrolled into vec4 accumulators.
 */
const MATMUL_WGSL = `
var<workgroup> As: array<array<f32, ${TILE}>, ${DEPTH}>;
var<workgroup> Bs: array<array<f32, ${TILE}>, ${DEPTH}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid3: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row0 = wid.y * ${TILE}u;
  let col0 = wid.x * ${TILE}u;
  let tA = P.flags & 1u;
  let tB = (P.flags >> 1u) & 1u;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  let r0 = lid3.y * 4u;
  let c0 = lid3.x * 4u;
  for (var k0 = 0u; k0 < P.k; k0 += ${DEPTH}u) {
${[0, 1, 2, 3].map((l) => `    {
      let e = lid + ${256 * l}u;
      // Consecutive threads read consecutive addresses: along i for a transposed A, else along kk.
      let ia = select(e / ${DEPTH}u, e % ${TILE}u, tA == 1u);
      let ka = select(e % ${DEPTH}u, e / ${TILE}u, tA == 1u);
      let i = row0 + ia;
      let kk = k0 + ka;
      var v = 0.0;
      if (i < P.m && kk < P.k) { v = A[select(i * P.k + kk, kk * P.m + i, tA == 1u)]; }
      As[ka][ia] = v;
      let jb = select(e % ${TILE}u, e / ${DEPTH}u, tB == 1u);
      let kb = select(e / ${TILE}u, e % ${DEPTH}u, tB == 1u);
      let j = col0 + jb;
      let kk2 = k0 + kb;
      var w = 0.0;
      if (j < P.n && kk2 < P.k) { w = B[select(kk2 * P.n + j, j * P.k + kk2, tB == 1u)]; }
      Bs[kb][jb] = w;
    }`).join('\n')}
    workgroupBarrier();
    for (var kk = 0u; kk < ${DEPTH}u; kk++) {
      let a = vec4<f32>(As[kk][r0], As[kk][r0 + 1u], As[kk][r0 + 2u], As[kk][r0 + 3u]);
      let b = vec4<f32>(Bs[kk][c0], Bs[kk][c0 + 1u], Bs[kk][c0 + 2u], Bs[kk][c0 + 3u]);
      acc0 += a.x * b;
      acc1 += a.y * b;
      acc2 += a.z * b;
      acc3 += a.w * b;
    }
    workgroupBarrier();
  }
  let accumulate = (P.flags & 4u) != 0u;
${[0, 1, 2, 3].map((r) => `  {
    let i = row0 + r0 + ${r}u;
    if (i < P.m) {
      for (var c = 0u; c < 4u; c++) {
        let j = col0 + c0 + c;
        if (j < P.n) {
          let at = i * P.n + j;
          var v = acc${r}[c];
          if (accumulate) { v += C[at]; }
          C[at] = v;
        }
      }
    }
  }`).join('\n')}
}`;

/** `C = op(A) op(B)`, or `+=` when `accumulate` (see Backend.matmul). */
export function matmul(ctx: GpuContext, a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean): void {
  if (m <= 0 || n <= 0) return;
  const bound = bindArrays(ctx, [
    { name: 'A', array: a, access: 'read' },
    { name: 'B', array: b, access: 'read' },
    { name: 'C', array: c, access: 'readwrite' },
  ], 'matmul');
  const key = `matmul|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { m: u32, k: u32, n: u32, flags: u32 }', MATMUL_WGSL));
  const flags = (transA ? 1 : 0) | (transB ? 2 : 0) | (accumulate ? 4 : 0);
  ctx.dispatch(key, wgsl, bound.buffers, new Params().u32(m).u32(k).u32(n).u32(flags).buffer, [Math.ceil(n / TILE), Math.ceil(m / TILE)]);
}

/** 16 columns per workgroup, 16 threads down the rows of each, their partial sums added in workgroup memory. */
function sumRowsSource(accumulate: boolean): string {
  return `
var<workgroup> partial: array<array<f32, 16>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let j = wid.x * 16u + lid.x;
  var s = 0.0;
  if (j < P.cols) {
    for (var r = lid.y; r < P.rows; r += 16u) { s += X[r * P.cols + j]; }
  }
  partial[lid.y][lid.x] = s;
  workgroupBarrier();
  if (lid.y == 0u && j < P.cols) {
    var t = 0.0;
    for (var q = 0u; q < 16u; q++) { t += partial[q][lid.x]; }
    OUT[j] = ${accumulate ? 'OUT[j] + ' : ''}t;
  }
}`;
}

/** `out[j] = sum_r x[r, j]` (or `+=` when `accumulate`). */
export function sumRows(ctx: GpuContext, x: FloatArray, rows: number, cols: number, out: FloatArray, accumulate: boolean): void {
  if (cols <= 0) return;
  const bound = bindArrays(ctx, [
    { name: 'X', array: x, access: 'read' },
    { name: 'OUT', array: out, access: accumulate ? 'readwrite' : 'write' },
  ], 'sumRows');
  const key = `sumRows|${+accumulate}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { rows: u32, cols: u32 }', sumRowsSource(accumulate)));
  ctx.dispatch(key, wgsl, bound.buffers, new Params().u32(Math.max(0, rows)).u32(cols).buffer, [Math.ceil(cols / 16)]);
}
