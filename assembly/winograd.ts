/**
 * 3 x 3 convolutions with stride 1 and no dilation by Winograd's minimal filtering, F(2x2, 3x3)
 * or F(4x4, 3x3) (m = 2 or 4 outputs per tile side; winograd-transforms.ts,
 * winograd4-transforms.ts). Each image is first copied into a zero-padded image in the
 * thread's scratch (channels rounded up to a multiple of 4, borders wide enough for whole
 * tiles), so the transforms run on whole vectors with no border test. The image is cut into
 * tiles of m x m outputs ((m + 2) x (m + 2) inputs); a block of tiles is transformed into
 * E = (m + 2)^2 matrices (tiles x channels), multiplied by the E transformed filter matrices
 * with the GEMM of matmul.ts, and transformed back: 2.25 (m = 2) or 4 (m = 4) times fewer
 * multiplications than the direct sum. The backward passes are the transposed maps on the
 * same tiles.
 *
 * Work is cut by images (forward, input gradient) or by fixed groups of images whose partial
 * filter gradients are added in a fixed order afterwards (filter gradient), so every value is
 * computed the same way whatever the number of threads. A thread's scratch holds the padded
 * input image, the padded output image, 2 KiB of working space, then the transformed inputs
 * V[E][block][inCp] and outputs M[E][block][outCp].
 */
import { gemm } from './matmul';
import { biasActivation } from './activation';
import { inputTransform, outputTransform, gradOutputTransform, gradInputTransform, filterTransform, filterGradTransform } from './winograd-transforms';
import { inputTransform4, outputTransform4, gradOutputTransform4, gradInputTransform4, filterTransform4, filterGradTransform4 } from './winograd4-transforms';
import { BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, PAD_T, PAD_L, IN_CP, OUT_CP, TILES_H, TILES_W, BLOCK, PARTS, WINO_M, slot } from './window-params';

const WORK = 2048;

// @ts-ignore: decorator
@inline function elements(g: usize): i32 {
  const a = slot(g, WINO_M) + 2;
  return a * a;
}

/** Bytes of the padded input image: (m tilesH + 2) x (m tilesW + 2) pixels of inCp floats. */
// @ts-ignore: decorator
@inline function inBytes(g: usize): usize {
  const m = slot(g, WINO_M);
  return <usize>((m * slot(g, TILES_H) + 2) * (m * slot(g, TILES_W) + 2) * slot(g, IN_CP)) << 2;
}

/** Bytes of the padded output image: m tilesH x m tilesW pixels of outCp floats. */
// @ts-ignore: decorator
@inline function outBytes(g: usize): usize {
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
function copyPixels(dst: usize, dr: usize, dp: usize, src: usize, sr: usize, sp: usize, rows: i32, cols: i32, n: i32): void {
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
function padInput(g: usize, x: usize, b: i32, pad: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), cp = slot(g, IN_CP), pt = slot(g, PAD_T), pl = slot(g, PAD_L), m = slot(g, WINO_M);
  const ph = m * slot(g, TILES_H) + 2, pw = m * slot(g, TILES_W) + 2;
  memory.fill(pad, 0, inBytes(g));
  const rows = min(h, ph - pt), cols = min(w, pw - pl);
  const pix = <usize>cp << 2;
  copyPixels(pad + (<usize>(pt * pw + pl)) * pix, <usize>pw * pix, pix, x + (<usize>(b * h * w * c) << 2), <usize>(w * c) << 2, <usize>c << 2, rows, cols, c);
}

/** The padded copy of image b of `dy`: m tilesH x m tilesW pixels of outCp floats, zeros outside. */
function padOutputGrad(g: usize, dy: usize, b: i32, pad: usize): void {
  const oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C), fp = slot(g, OUT_CP), pw = slot(g, WINO_M) * slot(g, TILES_W);
  memory.fill(pad, 0, outBytes(g));
  copyPixels(pad, <usize>(pw * fp) << 2, <usize>fp << 2, dy + (<usize>(b * oh * ow * f) << 2), <usize>(ow * f) << 2, <usize>f << 2, oh, ow, f);
}

/** Address of tile t's top-left pixel in a padded image with row stride rs and pixel stride cs. */
// @ts-ignore: decorator
@inline function tileAt(pad: usize, t: i32, tw: i32, m: i32, rs: usize, cs: usize): usize {
  return pad + <usize>(m * (t / tw)) * rs + <usize>(m * (t % tw)) * cs;
}

/** Transforms the input tiles t0..t0+nt of the padded image into V. */
function transformInputs(g: usize, pad: usize, t0: i32, nt: i32, v: usize, vS: usize): void {
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
function transformGradOutputs(g: usize, pad: usize, t0: i32, nt: i32, mt: usize, mS: usize, work: usize): void {
  const fp = slot(g, OUT_CP), tw = slot(g, TILES_W), m = slot(g, WINO_M);
  const cs = <usize>fp << 2, rs = <usize>(m * tw) * cs;
  for (let tt = 0; tt < nt; tt++) {
    const p = tileAt(pad, t0 + tt, tw, m, rs, cs);
    const row = mt + <usize>(tt * fp) * 4;
    if (m == 4) for (let c: usize = 0; c < cs; c += 16) gradOutputTransform4(p + c, rs, cs, row + c, mS, work);
    else for (let c: usize = 0; c < cs; c += 16) gradOutputTransform(p + c, rs, cs, row + c, mS);
  }
}

/**
 * Images i0..i1 of the forward convolution: `y` from `x` and the transformed filter `u`
 * (U[E][inC][outCp]), then `act(y + bias)` on each image while it is in cache (bias 0: none).
 */
export function winogradForward(i0: i32, i1: i32, scratch: usize, x: usize, u: usize, y: usize, g: usize, bias: usize, act: i32): void {
  const c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C), m = slot(g, WINO_M), ne = elements(g);
  const cp = slot(g, IN_CP), fp = slot(g, OUT_CP), tw = slot(g, TILES_W), tiles = slot(g, TILES_H) * tw, block = slot(g, BLOCK);
  const xpad = scratch, ypad = xpad + inBytes(g), work = ypad + outBytes(g), v = work + WORK;
  const vS = <usize>(block * cp) << 2, mS = <usize>(block * fp) << 2, uS = <usize>(c * fp) << 2, mt = v + <usize>ne * vS;
  const cs = <usize>fp << 2, rs = <usize>(m * tw) * cs;
  for (let b = i0; b < i1; b++) {
    padInput(g, x, b, xpad);
    for (let t0 = 0; t0 < tiles; t0 += block) {
      const nt = min(block, tiles - t0);
      transformInputs(g, xpad, t0, nt, v, vS);
      for (let e = 0; e < ne; e++) gemm(v + <usize>e * vS, <usize>cp << 2, 4, u + <usize>e * uS, cs, mt + <usize>e * mS, cs, nt, c, f, false);
      for (let tt = 0; tt < nt; tt++) {
        const p = tileAt(ypad, t0 + tt, tw, m, rs, cs);
        const row = mt + <usize>(tt * fp) * 4;
        if (m == 4) for (let co: usize = 0; co < cs; co += 16) outputTransform4(row + co, mS, p + co, rs, cs, work);
        else for (let co: usize = 0; co < cs; co += 16) outputTransform(row + co, mS, p + co, rs, cs);
      }
    }
    copyPixels(y + (<usize>(b * oh * ow * f) << 2), <usize>(ow * f) << 2, <usize>f << 2, ypad, rs, cs, oh, ow, f);
    if (bias != 0 || act != 0) biasActivation(b * oh * ow, (b + 1) * oh * ow, scratch, y, bias, y, f, act);
  }
}

/** Images i0..i1 of the input gradient: `dx` from `dy` and the transposed transformed filter `ut` (UT[E][outC][inCp]). */
export function winogradBackwardInput(i0: i32, i1: i32, scratch: usize, dy: usize, ut: usize, dx: usize, g: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), f = slot(g, OUT_C), m = slot(g, WINO_M), ne = elements(g);
  const cp = slot(g, IN_CP), fp = slot(g, OUT_CP), tw = slot(g, TILES_W), tiles = slot(g, TILES_H) * tw, block = slot(g, BLOCK);
  const pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  const dxpad = scratch, dypad = dxpad + inBytes(g), work = dypad + outBytes(g), v = work + WORK;
  const vS = <usize>(block * cp) << 2, mS = <usize>(block * fp) << 2, utS = <usize>(f * cp) << 2, mt = v + <usize>ne * vS;
  const cs = <usize>cp << 2, rs = <usize>(m * tw + 2) * cs;
  for (let b = i0; b < i1; b++) {
    padOutputGrad(g, dy, b, dypad);
    memory.fill(dxpad, 0, inBytes(g));
    for (let t0 = 0; t0 < tiles; t0 += block) {
      const nt = min(block, tiles - t0);
      transformGradOutputs(g, dypad, t0, nt, mt, mS, work);
      for (let e = 0; e < ne; e++) gemm(mt + <usize>e * mS, <usize>fp << 2, 4, ut + <usize>e * utS, cs, v + <usize>e * vS, cs, nt, f, c, false);
      // Tiles overlap by two pixels: added in tile order.
      for (let tt = 0; tt < nt; tt++) {
        const p = tileAt(dxpad, t0 + tt, tw, m, rs, cs);
        const row = v + <usize>(tt * cp) * 4;
        if (m == 4) for (let ch: usize = 0; ch < cs; ch += 16) gradInputTransform4(row + ch, vS, p + ch, rs, cs);
        else for (let ch: usize = 0; ch < cs; ch += 16) gradInputTransform(row + ch, vS, p + ch, rs, cs);
      }
    }
    copyPixels(dx + (<usize>(b * h * w * c) << 2), <usize>(w * c) << 2, <usize>c << 2, dxpad + <usize>(pt * (m * tw + 2) + pl) * cs, rs, cs, h, w, c);
  }
}

/**
 * Parts p0..p1 of the filter gradient: part p sums the images [p B / P, (p + 1) B / P) into
 * `parts + p * E inC outCp` floats (the transformed gradient dU[E][inC][outCp]).
 */
export function winogradFilterParts(p0: i32, p1: i32, scratch: usize, x: usize, dy: usize, parts: usize, g: usize): void {
  const batch = slot(g, BATCH), count = slot(g, PARTS), c = slot(g, IN_C), f = slot(g, OUT_C), ne = elements(g);
  const cp = slot(g, IN_CP), fp = slot(g, OUT_CP), tiles = slot(g, TILES_H) * slot(g, TILES_W), block = slot(g, BLOCK);
  const xpad = scratch, dypad = xpad + inBytes(g), work = dypad + outBytes(g), v = work + WORK;
  const vS = <usize>(block * cp) << 2, mS = <usize>(block * fp) << 2, pS = <usize>(c * fp) << 2, mt = v + <usize>ne * vS;
  // Whole images per product when they fit in a block (longer sums per product), else blocks of one image's tiles.
  const images = tiles <= block ? block / tiles : 0;
  for (let p = p0; p < p1; p++) {
    const out = parts + <usize>ne * <usize>p * pS;
    const end = ((p + 1) * batch) / count;
    let first = true;
    for (let b = (p * batch) / count; b < end; b += max(images, 1)) {
      if (images > 0) {
        const nb = min(images, end - b);
        for (let j = 0; j < nb; j++) {
          padInput(g, x, b + j, xpad);
          padOutputGrad(g, dy, b + j, dypad);
          transformInputs(g, xpad, 0, tiles, v + <usize>(j * tiles * cp) * 4, vS);
          transformGradOutputs(g, dypad, 0, tiles, mt + <usize>(j * tiles * fp) * 4, mS, work);
        }
        for (let e = 0; e < ne; e++) gemm(v + <usize>e * vS, 4, <usize>cp << 2, mt + <usize>e * mS, <usize>fp << 2, out + <usize>e * pS, <usize>fp << 2, c, nb * tiles, f, !first);
        first = false;
        continue;
      }
      padInput(g, x, b, xpad);
      padOutputGrad(g, dy, b, dypad);
      for (let t0 = 0; t0 < tiles; t0 += block) {
        const nt = min(block, tiles - t0);
        transformInputs(g, xpad, t0, nt, v, vS);
        transformGradOutputs(g, dypad, t0, nt, mt, mS, work);
        for (let e = 0; e < ne; e++) gemm(v + <usize>e * vS, 4, <usize>cp << 2, mt + <usize>e * mS, <usize>fp << 2, out + <usize>e * pS, <usize>fp << 2, c, nt, f, !first);
        first = false;
      }
    }
  }
}

/**
 * Input channels c0..c1 of the filter gradient: the parts added in order (part 0, then 1, ...),
 * then `dg = G^T dU G` into `dfilter` (HWIO). The sums of one input channel (E x outCp floats)
 * are gathered in scratch, each part's rows read contiguously.
 */
export function winogradFilterReduce(c0: i32, c1: i32, scratch: usize, parts: usize, dfilter: usize, g: usize): void {
  const count = slot(g, PARTS), c = slot(g, IN_C), f = slot(g, OUT_C), fp = slot(g, OUT_CP), m = slot(g, WINO_M), ne = elements(g);
  const row = <usize>fp << 2, eS = <usize>c * row, pS = <usize>ne * eS, tapS = <usize>(c * f) << 2;
  // Working space: the 9 taps and the transform's 18 vectors, then the sums dU[E][outCp] of one channel.
  const taps = scratch, work = scratch + 144, sums = scratch + 1024;
  for (let ci = c0; ci < c1; ci++) {
    const at = parts + <usize>ci * row;
    for (let e = 0; e < ne; e++) memory.copy(sums + <usize>e * row, at + <usize>e * eS, row);
    for (let p = 1; p < count; p++) {
      for (let e = 0; e < ne; e++) {
        const from = at + <usize>p * pS + <usize>e * eS, to = sums + <usize>e * row;
        for (let o: usize = 0; o < row; o += 16) v128.store(to + o, f32x4.add(v128.load(to + o), v128.load(from + o)));
      }
    }
    for (let co = 0; co < f; co += 4) {
      if (m == 4) filterGradTransform4(sums + (<usize>co << 2), row, taps, 16, work);
      else filterGradTransform(sums + (<usize>co << 2), row, taps, 16);
      const n = min(4, f - co);
      for (let k = 0; k < 9; k++) {
        const from = taps + (<usize>k << 4), to = dfilter + <usize>k * tapS + (<usize>(ci * f + co) << 2);
        if (n == 4) v128.store(to, v128.load(from));
        else memory.copy(to, from, <usize>n << 2);
      }
    }
  }
}

/** Input channels c0..c1 of the transformed filter: U[E][inC][outCp] and its transpose UT[E][outC][inCp]. */
export function winogradFilter(c0: i32, c1: i32, scratch: usize, filter: usize, u: usize, ut: usize, g: usize): void {
  const c = slot(g, IN_C), f = slot(g, OUT_C), cp = slot(g, IN_CP), fp = slot(g, OUT_CP), m = slot(g, WINO_M), ne = elements(g);
  const uS = <usize>(c * fp) << 2, utS = <usize>(f * cp) << 2, tapS = <usize>(c * f) << 2;
  const elems = scratch, taps = scratch + 576, work = scratch + 720;
  for (let ci = c0; ci < c1; ci++) {
    for (let co = 0; co < f; co += 4) {
      const n = min(4, f - co);
      // The nine taps of four output channels, zeros past the last channel.
      for (let k = 0; k < 9; k++) {
        const from = filter + <usize>k * tapS + (<usize>(ci * f + co) << 2), to = taps + (<usize>k << 4);
        if (n == 4) v128.store(to, v128.load(from));
        else {
          v128.store(to, f32x4.splat(0));
          memory.copy(to, from, <usize>n << 2);
        }
      }
      if (m == 4) filterTransform4(taps, 16, elems, 16, work);
      else filterTransform(taps, 16, elems, 16);
      const row = <usize>cp << 2;
      for (let e = 0; e < ne; e++) {
        const val = v128.load(elems + (<usize>e << 4));
        v128.store(u + <usize>e * uS + (<usize>(ci * fp + co) << 2), val);
        const t = ut + <usize>e * utS + (<usize>(co * cp + ci) << 2);
        v128.store32_lane(t, val, 0);
        if (n > 1) v128.store32_lane(t + row, val, 1);
        if (n > 2) v128.store32_lane(t + 2 * row, val, 2);
        if (n > 3) v128.store32_lane(t + 3 * row, val, 3);
      }
    }
  }
}
