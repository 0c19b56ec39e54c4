/**
 * 3 x 3 convolutions with stride 1 and no dilation by Winograd's F(2x2, 3x3)
 * (winograd-transforms.ts). Each image is first copied into a zero-padded image in the
 * thread's scratch (channels rounded up to a multiple of 4, borders wide enough for whole
 * tiles), so the transforms run on whole vectors with no border test. The image is cut into
 * tiles of 2 x 2 outputs (4 x 4 inputs); a block of tiles is transformed into 16 matrices
 * (tiles x channels), multiplied by the 16 transformed filter matrices with the GEMM of
 * matmul.ts, and transformed back: 2.25 times fewer multiplications than the direct sum. The
 * backward passes are the transposed maps on the same tiles.
 *
 * Work is cut by images (forward, input gradient) or by fixed groups of images whose partial
 * filter gradients are added in a fixed order afterwards (filter gradient), so every value is
 * computed the same way whatever the number of threads. A thread's scratch holds the padded
 * input image, the padded output image, 256 bytes of working space, then the transformed
 * inputs V[16][block][inCp] and outputs M[16][block][outCp].
 */
import { gemm } from './matmul';
import { inputTransform, outputTransform, gradOutputTransform, gradInputTransform, filterTransform, filterGradTransform } from './winograd-transforms';
import { BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, PAD_T, PAD_L, IN_CP, OUT_CP, TILES_H, TILES_W, BLOCK, PARTS, slot } from './window-params';

/** Bytes of the padded input image: (2 tilesH + 2) x (2 tilesW + 2) pixels of inCp floats. */
// @ts-ignore: decorator
@inline function inBytes(g: usize): usize {
  return <usize>((2 * slot(g, TILES_H) + 2) * (2 * slot(g, TILES_W) + 2) * slot(g, IN_CP)) << 2;
}

/** Bytes of the padded output image: 2 tilesH x 2 tilesW pixels of outCp floats. */
// @ts-ignore: decorator
@inline function outBytes(g: usize): usize {
  return <usize>(4 * slot(g, TILES_H) * slot(g, TILES_W) * slot(g, OUT_CP)) << 2;
}

/** Bytes of scratch each thread needs for the Winograd kernels of geometry `g`. */
export function winogradScratchBytes(g: usize): usize {
  const block = <usize>slot(g, BLOCK);
  return inBytes(g) + outBytes(g) + 256 + 64 * block * <usize>(slot(g, IN_CP) + slot(g, OUT_CP));
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
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), cp = slot(g, IN_CP), pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  const ph = 2 * slot(g, TILES_H) + 2, pw = 2 * slot(g, TILES_W) + 2;
  memory.fill(pad, 0, inBytes(g));
  const rows = min(h, ph - pt), cols = min(w, pw - pl);
  const pix = <usize>cp << 2;
  copyPixels(pad + (<usize>(pt * pw + pl)) * pix, <usize>pw * pix, pix, x + (<usize>(b * h * w * c) << 2), <usize>(w * c) << 2, <usize>c << 2, rows, cols, c);
}

/** The padded copy of image b of `dy`: 2 tilesH x 2 tilesW pixels of outCp floats, zeros outside. */
function padOutputGrad(g: usize, dy: usize, b: i32, pad: usize): void {
  const oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C), fp = slot(g, OUT_CP), pw = 2 * slot(g, TILES_W);
  memory.fill(pad, 0, outBytes(g));
  copyPixels(pad, <usize>(pw * fp) << 2, <usize>fp << 2, dy + (<usize>(b * oh * ow * f) << 2), <usize>(ow * f) << 2, <usize>f << 2, oh, ow, f);
}

/** Transforms the input tiles t0..t0+nt of the padded image into V. */
function transformInputs(g: usize, pad: usize, t0: i32, nt: i32, v: usize, vS: usize): void {
  const cp = slot(g, IN_CP), tw = slot(g, TILES_W);
  const cs = <usize>cp << 2, rs = <usize>(2 * tw + 2) * cs;
  for (let tt = 0; tt < nt; tt++) {
    const t = t0 + tt;
    const p = pad + <usize>(2 * (t / tw)) * rs + <usize>(2 * (t % tw)) * cs;
    const row = v + <usize>(tt * cp) * 4;
    for (let c: usize = 0; c < cs; c += 16) inputTransform(p + c, rs, cs, row + c, vS);
  }
}

/** Transforms the output gradients of tiles t0..t0+nt of the padded gradient image into M. */
function transformGradOutputs(g: usize, pad: usize, t0: i32, nt: i32, m: usize, mS: usize): void {
  const fp = slot(g, OUT_CP), tw = slot(g, TILES_W);
  const cs = <usize>fp << 2, rs = <usize>(2 * tw) * cs;
  for (let tt = 0; tt < nt; tt++) {
    const t = t0 + tt;
    const p = pad + <usize>(2 * (t / tw)) * rs + <usize>(2 * (t % tw)) * cs;
    const row = m + <usize>(tt * fp) * 4;
    for (let c: usize = 0; c < cs; c += 16) gradOutputTransform(p + c, rs, cs, row + c, mS);
  }
}

/** Images i0..i1 of the forward convolution: `y` from `x` and the transformed filter `u` (U[16][inC][outCp]). */
export function winogradForward(i0: i32, i1: i32, scratch: usize, x: usize, u: usize, y: usize, g: usize): void {
  const c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C);
  const cp = slot(g, IN_CP), fp = slot(g, OUT_CP), tw = slot(g, TILES_W), tiles = slot(g, TILES_H) * tw, block = slot(g, BLOCK);
  const xpad = scratch, ypad = xpad + inBytes(g), v = ypad + outBytes(g) + 256;
  const vS = <usize>(block * cp) << 2, mS = <usize>(block * fp) << 2, uS = <usize>(c * fp) << 2, m = v + 16 * vS;
  const cs = <usize>fp << 2, rs = <usize>(2 * tw) * cs;
  for (let b = i0; b < i1; b++) {
    padInput(g, x, b, xpad);
    for (let t0 = 0; t0 < tiles; t0 += block) {
      const nt = min(block, tiles - t0);
      transformInputs(g, xpad, t0, nt, v, vS);
      for (let e = 0; e < 16; e++) gemm(v + <usize>e * vS, <usize>cp << 2, 4, u + <usize>e * uS, cs, m + <usize>e * mS, cs, nt, c, f, false);
      for (let tt = 0; tt < nt; tt++) {
        const t = t0 + tt;
        const p = ypad + <usize>(2 * (t / tw)) * rs + <usize>(2 * (t % tw)) * cs;
        const row = m + <usize>(tt * fp) * 4;
        for (let co: usize = 0; co < cs; co += 16) outputTransform(row + co, mS, p + co, rs, cs);
      }
    }
    copyPixels(y + (<usize>(b * oh * ow * f) << 2), <usize>(ow * f) << 2, <usize>f << 2, ypad, rs, cs, oh, ow, f);
  }
}

/** Images i0..i1 of the input gradient: `dx` from `dy` and the transposed transformed filter `ut` (UT[16][outC][inCp]). */
export function winogradBackwardInput(i0: i32, i1: i32, scratch: usize, dy: usize, ut: usize, dx: usize, g: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), f = slot(g, OUT_C);
  const cp = slot(g, IN_CP), fp = slot(g, OUT_CP), tw = slot(g, TILES_W), tiles = slot(g, TILES_H) * tw, block = slot(g, BLOCK);
  const pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  const dxpad = scratch, dypad = dxpad + inBytes(g), v = dypad + outBytes(g) + 256;
  const vS = <usize>(block * cp) << 2, mS = <usize>(block * fp) << 2, utS = <usize>(f * cp) << 2, m = v + 16 * vS;
  const cs = <usize>cp << 2, rs = <usize>(2 * tw + 2) * cs;
  for (let b = i0; b < i1; b++) {
    padOutputGrad(g, dy, b, dypad);
    memory.fill(dxpad, 0, inBytes(g));
    for (let t0 = 0; t0 < tiles; t0 += block) {
      const nt = min(block, tiles - t0);
      transformGradOutputs(g, dypad, t0, nt, m, mS);
      for (let e = 0; e < 16; e++) gemm(m + <usize>e * mS, <usize>fp << 2, 4, ut + <usize>e * utS, cs, v + <usize>e * vS, cs, nt, f, c, false);
      // Tiles overlap by two pixels: added in tile order.
      for (let tt = 0; tt < nt; tt++) {
        const t = t0 + tt;
        const p = dxpad + <usize>(2 * (t / tw)) * rs + <usize>(2 * (t % tw)) * cs;
        const row = v + <usize>(tt * cp) * 4;
        for (let ch: usize = 0; ch < cs; ch += 16) gradInputTransform(row + ch, vS, p + ch, rs, cs);
      }
    }
    copyPixels(dx + (<usize>(b * h * w * c) << 2), <usize>(w * c) << 2, <usize>c << 2, dxpad + <usize>(pt * (2 * tw + 2) + pl) * cs, rs, cs, h, w, c);
  }
}

/**
 * Parts p0..p1 of the filter gradient: part p sums the images [p B / P, (p + 1) B / P) into
 * `parts + p * 16 inC outCp` floats (the transformed gradient dU[16][inC][outCp]).
 */
export function winogradFilterParts(p0: i32, p1: i32, scratch: usize, x: usize, dy: usize, parts: usize, g: usize): void {
  const batch = slot(g, BATCH), count = slot(g, PARTS), c = slot(g, IN_C), f = slot(g, OUT_C);
  const cp = slot(g, IN_CP), fp = slot(g, OUT_CP), tiles = slot(g, TILES_H) * slot(g, TILES_W), block = slot(g, BLOCK);
  const xpad = scratch, dypad = xpad + inBytes(g), v = dypad + outBytes(g) + 256;
  const vS = <usize>(block * cp) << 2, mS = <usize>(block * fp) << 2, pS = <usize>(c * fp) << 2, m = v + 16 * vS;
  for (let p = p0; p < p1; p++) {
    const out = parts + 16 * <usize>p * pS;
    let first = true;
    for (let b = (p * batch) / count; b < ((p + 1) * batch) / count; b++) {
      padInput(g, x, b, xpad);
      padOutputGrad(g, dy, b, dypad);
      for (let t0 = 0; t0 < tiles; t0 += block) {
        const nt = min(block, tiles - t0);
        transformInputs(g, xpad, t0, nt, v, vS);
        transformGradOutputs(g, dypad, t0, nt, m, mS);
        for (let e = 0; e < 16; e++) gemm(v + <usize>e * vS, 4, <usize>cp << 2, m + <usize>e * mS, <usize>fp << 2, out + <usize>e * pS, <usize>fp << 2, c, nt, f, !first);
        first = false;
      }
    }
  }
}

/** Input channels c0..c1 of the filter gradient: the parts added in order, then `dg = G^T dU G` into `dfilter` (HWIO). */
export function winogradFilterReduce(c0: i32, c1: i32, scratch: usize, parts: usize, dfilter: usize, g: usize): void {
  const count = slot(g, PARTS), c = slot(g, IN_C), f = slot(g, OUT_C), fp = slot(g, OUT_CP);
  const eS = <usize>(c * fp) << 2, pS = 16 * eS, tapS = <usize>(c * f) << 2;
  const taps = scratch + 256;
  for (let ci = c0; ci < c1; ci++) {
    for (let co = 0; co < f; co += 4) {
      const at = parts + (<usize>(ci * fp + co) << 2);
      for (let e = 0; e < 16; e++) {
        let s = v128.load(at + <usize>e * eS);
        for (let p = 1; p < count; p++) s = f32x4.add(s, v128.load(at + <usize>p * pS + <usize>e * eS));
        v128.store(scratch + (<usize>e << 4), s);
      }
      filterGradTransform(scratch, 16, taps, 16);
      const n = min(4, f - co);
      for (let k = 0; k < 9; k++) {
        const from = taps + (<usize>k << 4), to = dfilter + <usize>k * tapS + (<usize>(ci * f + co) << 2);
        if (n == 4) v128.store(to, v128.load(from));
        else memory.copy(to, from, <usize>n << 2);
      }
    }
  }
}

/** Input channels c0..c1 of the transformed filter: U[16][inC][outCp] and its transpose UT[16][outC][inCp]. */
export function winogradFilter(c0: i32, c1: i32, scratch: usize, filter: usize, u: usize, ut: usize, g: usize): void {
  const c = slot(g, IN_C), f = slot(g, OUT_C), cp = slot(g, IN_CP), fp = slot(g, OUT_CP);
  const uS = <usize>(c * fp) << 2, utS = <usize>(f * cp) << 2, tapS = <usize>(c * f) << 2;
  const taps = scratch + 256;
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
      filterTransform(taps, 16, scratch, 16);
      const row = <usize>cp << 2;
      for (let e = 0; e < 16; e++) {
        const val = v128.load(scratch + (<usize>e << 4));
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
