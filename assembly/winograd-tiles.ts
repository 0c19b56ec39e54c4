/**
 * The tiles of the Winograd kernels (winograd.ts): the scratch layout of a thread, the
 * zero-padded copies of an image and of its output gradient, and the loops that transform a
 * block of tiles with F(2x2, 3x3) or F(4x4, 3x3).
 */
import { inputTransform, gradOutputTransform } from './winograd-transforms';
import { inputTransform4, gradOutputTransform4 } from './winograd4-transforms';
import { IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, PAD_T, PAD_L, IN_CP, OUT_CP, TILES_H, TILES_W, BLOCK, WINO_M, slot } from './window-params';

/** Bytes of working space between the padded images and the tile blocks. */
export const WORK = 2048;

// @ts-ignore: decorator
@inline export function elements(g: usize): i32 {
  const a = slot(g, WINO_M) + 2;
  return a * a;
}

/** Bytes of the padded input image: (m tilesH + 2) x (m tilesW + 2) pixels of inCp floats. */
// @ts-ignore: decorator
@inline export function inBytes(g: usize): usize {
  const m = slot(g, WINO_M);
  return <usize>((m * slot(g, TILES_H) + 2) * (m * slot(g, TILES_W) + 2) * slot(g, IN_CP)) << 2;
}

/** Bytes of the padded output image: m tilesH x m tilesW pixels of outCp floats. */
// @ts-ignore: decorator
@inline export function outBytes(g: usize): usize {
  const m = slot(g, WINO_M);
  return <usize>(m * m * slot(g, TILES_H) * slot(g, TILES_W) * slot(g, OUT_CP)) << 2;
}

/** Bytes of scratch each thread needs for the Winograd kernels of geometry `g`. */
export function winogradScratchBytes(g: usize): usize {
  const block = <usize>slot(g, BLOCK);
  const blocks = inBytes(g) + outBytes(g) + WORK + 4 * <usize>elements(g) * block * <usize>(slot(g, IN_CP) + slot(g, OUT_CP));
  return max(blocks, 1024 + 4 * <usize>elements(g) * <usize>slot(g, OUT_CP)); // the filter-gradient reduction's sums
}

/**
 * Copies `rows` x `cols` pixels of `n` floats from `src` (row stride `sr`, pixel stride `sp`
 * bytes) to `dst` (strides `dr`, `dp`).
 */
export function copyPixels(dst: usize, dr: usize, dp: usize, src: usize, sr: usize, sp: usize, rows: i32, cols: i32, n: i32): void {
  const n4 = <usize>n << 2;
  for (let r = 0; r < rows; r++) {
    const d = dst + <usize>r * dr, s = src + <usize>r * sr;
    if (dp == n4 && sp == n4) {
      memory.copy(d, s, <usize>cols * n4);
      continue;
    }
    for (let c = 0; c < cols; c++) memory.copy(d + <usize>c * dp, s + <usize>c * sp, n4);
  }
}

/** The padded copy of image b of `x`: pixel (iy, ix) at row iy + padTop, column ix + padLeft, zeros elsewhere. */
export function padInput(g: usize, x: usize, b: i32, pad: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), cp = slot(g, IN_CP), pt = slot(g, PAD_T), pl = slot(g, PAD_L), m = slot(g, WINO_M);
  const ph = m * slot(g, TILES_H) + 2, pw = m * slot(g, TILES_W) + 2;
  memory.fill(pad, 0, inBytes(g));
  const rows = min(h, ph - pt), cols = min(w, pw - pl);
  const pix = <usize>cp << 2;
  copyPixels(pad + (<usize>(pt * pw + pl)) * pix, <usize>pw * pix, pix, x + (<usize>(b * h * w * c) << 2), <usize>(w * c) << 2, <usize>c << 2, rows, cols, c);
}

/** The padded copy of image b of `dy`: m tilesH x m tilesW pixels of outCp floats, zeros outside. */
export function padOutputGrad(g: usize, dy: usize, b: i32, pad: usize): void {
  const oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C), fp = slot(g, OUT_CP), pw = slot(g, WINO_M) * slot(g, TILES_W);
  memory.fill(pad, 0, outBytes(g));
  copyPixels(pad, <usize>(pw * fp) << 2, <usize>fp << 2, dy + (<usize>(b * oh * ow * f) << 2), <usize>(ow * f) << 2, <usize>f << 2, oh, ow, f);
}

/** Address of tile t's top-left pixel in a padded image with row stride rs and pixel stride cs. */
// @ts-ignore: decorator
@inline export function tileAt(pad: usize, t: i32, tw: i32, m: i32, rs: usize, cs: usize): usize {
  return pad + <usize>(m * (t / tw)) * rs + <usize>(m * (t % tw)) * cs;
}

/** Transforms the input tiles t0..t0+nt of the padded image into V. */
export function transformInputs(g: usize, pad: usize, t0: i32, nt: i32, v: usize, vS: usize): void {
  const cp = slot(g, IN_CP), tw = slot(g, TILES_W), m = slot(g, WINO_M);
  const cs = <usize>cp << 2, rs = <usize>(m * tw + 2) * cs;
  for (let tt = 0; tt < nt; tt++) {
    const p = tileAt(pad, t0 + tt, tw, m, rs, cs);
    const row = v + <usize>(tt * cp) * 4;
    if (m == 4) for (let c: usize = 0; c < cs; c += 16) inputTransform4(p + c, rs, cs, row + c, vS);
    else for (let c: usize = 0; c < cs; c += 16) inputTransform(p + c, rs, cs, row + c, vS);
  }
}

/** Transforms the output gradients of tiles t0..t0+nt of the padded gradient image into M. */
export function transformGradOutputs(g: usize, pad: usize, t0: i32, nt: i32, mt: usize, mS: usize, work: usize): void {
  const fp = slot(g, OUT_CP), tw = slot(g, TILES_W), m = slot(g, WINO_M);
  const cs = <usize>fp << 2, rs = <usize>(m * tw) * cs;
  for (let tt = 0; tt < nt; tt++) {
    const p = tileAt(pad, t0 + tt, tw, m, rs, cs);
    const row = mt + <usize>(tt * fp) * 4;
    if (m == 4) for (let c: usize = 0; c < cs; c += 16) gradOutputTransform4(p + c, rs, cs, row + c, mS, work);
    else for (let c: usize = 0; c < cs; c += 16) gradOutputTransform(p + c, rs, cs, row + c, mS);
  }
}
