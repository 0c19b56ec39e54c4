/**
 * 3 x 3 convolutions with stride 1 and no dilation by Winograd's minimal filtering, F(2x2, 3x3)
 * or F(4x4, 3x3) (m = 2 or 4 outputs per tile side; winograd-transforms.ts,
 * winograd4-transforms.ts). Each image is first copied into a zero-padded image in the
 * thread's scratch (channels rounded up to a multiple of 4, borders wide enough for whole
 * tiles), so the transforms run on whole vectors with no border test (winograd-tiles.ts). The
 * image is cut into tiles of m x m outputs ((m + 2) x (m + 2) inputs); a block of tiles is
 * transformed into E = (m + 2)^2 matrices (tiles x channels), multiplied by the E transformed
 * filter matrices with the GEMM of matmul.ts, and transformed back: 2.25 (m = 2) or 4 (m = 4)
 * times fewer multiplications than the direct sum. The backward passes are the transposed maps
 * on the same tiles; the filter's transforms are in winograd-filter.ts.
 *
 * Work is cut by images (forward, input gradient) or by fixed groups of images whose partial
 * filter gradients are added in a fixed order afterwards (filter gradient), so every value is
 * computed the same way whatever the number of threads.
 */
import { gemm } from './matmul';
import { biasActivation } from './activation';
import { outputTransform, gradInputTransform } from './winograd-transforms';
import { outputTransform4, gradInputTransform4 } from './winograd4-transforms';
import { WORK, elements, inBytes, outBytes, copyPixels, padInput, padOutputGrad, tileAt, transformInputs, transformGradOutputs } from './winograd-tiles';
import { BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, PAD_T, PAD_L, IN_CP, OUT_CP, TILES_H, TILES_W, BLOCK, PARTS, WINO_M, slot } from './window-params';

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
