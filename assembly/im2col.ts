/**
 * Convolutions of any geometry (strides, dilation, padding, kernel size) as products: a block
 * of output rows is unrolled into the matrix of its windows (im2col: one row per output pixel,
 * kernelH * kernelW * inC columns in HWIO order), then multiplied by the filter with the GEMM
 * of matmul.ts. The input gradient multiplies the output gradient by the transposed filter and
 * adds the windows back (col2im); the filter gradient sums window-matrix products over fixed
 * parts of the rows, then sums the parts in order, so results do not depend on the threads.
 * The window matrix lives in the calling thread's scratch.
 */
import { gemm } from './matmul';
import { biasActivation } from './activation';
import { transposeRows } from './transpose';
import { BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, K_H, K_W, STRIDE_H, STRIDE_W, DIL_H, DIL_W, PAD_T, PAD_L, BLOCK, PARTS, slot } from './window-params';

/** Window-matrix columns: kernelH * kernelW * inC. */
// @ts-ignore: decorator
@inline function cols(g: usize): i32 {
  return slot(g, K_H) * slot(g, K_W) * slot(g, IN_C);
}

/** Bytes of scratch each thread needs for the im2col kernels of geometry `g`. */
export function im2colScratchBytes(g: usize): usize {
  return (<usize>(slot(g, BLOCK) * slot(g, OUT_W) * cols(g)) << 2) + 64;
}

/** Copies n floats. */
// @ts-ignore: decorator
@inline function copy(d: usize, s: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(d + (<usize>i << 2), v128.load(s + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(d + (<usize>i << 2), load<f32>(s + (<usize>i << 2)));
}

/** `d[i] += s[i]` for n floats. */
// @ts-ignore: decorator
@inline function addTo(d: usize, s: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(d + (<usize>i << 2), f32x4.add(v128.load(d + (<usize>i << 2)), v128.load(s + (<usize>i << 2))));
  for (; i < n; i++) store<f32>(d + (<usize>i << 2), load<f32>(d + (<usize>i << 2)) + load<f32>(s + (<usize>i << 2)));
}

/**
 * Adds (`back`) or copies the window matrix of the output rows r0..r0+nr (row r = image
 * r / outH, output row r % outH) from or to the images `x`: copying it out of x into `col`
 * (positions outside the input read 0), or adding `col` back into x (col2im).
 */
function windows(g: usize, x: usize, r0: i32, nr: i32, col: usize, back: bool): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W);
  const kh = slot(g, K_H), kw = slot(g, K_W), sh = slot(g, STRIDE_H), sw = slot(g, STRIDE_W);
  const dh = slot(g, DIL_H), dw = slot(g, DIL_W), pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  const c4 = <usize>c << 2;
  let d = col;
  for (let r = r0; r < r0 + nr; r++) {
    const b = r / oh, oy = r % oh;
    for (let ox = 0; ox < ow; ox++) {
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sh - pt + ky * dh;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * sw - pl + kx * dw;
          const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
          const at = x + (<usize>(((b * h + iy) * w + ix) * c) << 2);
          if (back) {
            if (inside) addTo(at, d, c);
          } else if (inside) {
            if (c == 1) store<f32>(d, load<f32>(at));
            else copy(d, at, c);
          } else {
            memory.fill(d, 0, c4);
          }
          d += c4;
        }
      }
    }
  }
}

/** Output rows r0..r1 (over the whole batch) of the forward convolution: `y = act(windows(x) filter + bias)` (bias 0: none). */
export function im2colForward(r0: i32, r1: i32, scratch: usize, x: usize, filter: usize, y: usize, g: usize, bias: usize, act: i32): void {
  const ow = slot(g, OUT_W), f = slot(g, OUT_C), block = slot(g, BLOCK), k = cols(g);
  for (let r = r0; r < r1; r += block) {
    const nr = min(block, r1 - r);
    windows(g, x, r, nr, scratch, false);
    gemm(scratch, <usize>k << 2, 4, filter, <usize>f << 2, y + (<usize>(r * ow * f) << 2), <usize>f << 2, nr * ow, k, f, false);
    if (bias != 0 || act != 0) biasActivation(r * ow, (r + nr) * ow, scratch, y, bias, y, f, act);
  }
}

/** Images i0..i1 of the input gradient: `dx = col2im(dy filter^T)`, with `filterT` the filter transposed (outC x k). */
export function im2colBackwardInput(i0: i32, i1: i32, scratch: usize, dy: usize, filterT: usize, dx: usize, g: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C);
  const block = slot(g, BLOCK), k = cols(g);
  for (let b = i0; b < i1; b++) {
    memory.fill(dx + (<usize>(b * h * w * c) << 2), 0, <usize>(h * w * c) << 2);
    for (let oy = 0; oy < oh; oy += block) {
      const nr = min(block, oh - oy);
      const r = b * oh + oy;
      gemm(dy + (<usize>(r * ow * f) << 2), <usize>f << 2, 4, filterT, <usize>k << 2, scratch, <usize>k << 2, nr * ow, f, k, false);
      windows(g, dx, r, nr, scratch, true);
    }
  }
}

/**
 * Parts p0..p1 of the filter gradient: part p sums `windows(x)^T dy` over the output rows
 * [p R / P, (p + 1) R / P) (R = batch * outH) into `parts + p * k * outC` floats.
 */
export function im2colFilterParts(p0: i32, p1: i32, scratch: usize, x: usize, dy: usize, parts: usize, g: usize): void {
  const rows = slot(g, BATCH) * slot(g, OUT_H), count = slot(g, PARTS);
  const ow = slot(g, OUT_W), f = slot(g, OUT_C), block = slot(g, BLOCK), k = cols(g);
  for (let p = p0; p < p1; p++) {
    const out = parts + (<usize>p * <usize>(k * f) << 2);
    const end = (p + 1) * rows / count;
    let first = true;
    for (let r = p * rows / count; r < end; r += block) {
      const nr = min(block, end - r);
      windows(g, x, r, nr, scratch, false);
      gemm(scratch, 4, <usize>k << 2, dy + (<usize>(r * ow * f) << 2), <usize>f << 2, out, <usize>f << 2, k, nr * ow, f, !first);
      first = false;
    }
  }
}

/** Elements i0..i1 of `out[i] = sum_p parts[p * stride + i]`, the parts added in order. */
export function sumParts(i0: i32, i1: i32, scratch: usize, parts: usize, out: usize, count: i32, stride: i32): void {
  const s4 = <usize>stride << 2;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const at = parts + (<usize>i << 2);
    let s = v128.load(at);
    for (let p = 1; p < count; p++) s = f32x4.add(s, v128.load(at + <usize>p * s4));
    v128.store(out + (<usize>i << 2), s);
  }
  for (; i < i1; i++) {
    const at = parts + (<usize>i << 2);
    let s = load<f32>(at);
    for (let p = 1; p < count; p++) s += load<f32>(at + <usize>p * s4);
    store<f32>(out + (<usize>i << 2), s);
  }
}

/** `t = m^T` for the rows x cols matrix m (the filter as k x outC, transposed for the input gradient). */
export function transposeMatrix(m: usize, rows: i32, cols: i32, t: usize): void {
  transposeRows(m, cols, 0, rows, t);
}
