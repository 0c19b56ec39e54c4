/**
 * Convolutions with few taps per output (kernelH * kernelW * inC small, e.g. the first layer
 * of an image model) computed directly: each image is copied into a zero-padded image in the
 * thread's scratch, and register tiles (direct-tiles.ts) read it through a table of tap
 * offsets, so no window matrix is written or read and borders cost no test. The filter
 * gradient is summed per image into fixed parts of the batch (part p: images
 * [p B / P, (p + 1) B / P)), added in order afterwards (sumParts): the same on any number of
 * threads.
 */
import { forward4x8, forward1, filter4x8, filter1 } from './direct-tiles';
import { biasActivation } from './activation';
import { BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, K_H, K_W, STRIDE_H, STRIDE_W, DIL_H, DIL_W, PAD_T, PAD_L, PARTS, slot } from './window-params';

// @ts-ignore: decorator
@inline function padH(g: usize): i32 {
  return (slot(g, OUT_H) - 1) * slot(g, STRIDE_H) + (slot(g, K_H) - 1) * slot(g, DIL_H) + 1;
}

// @ts-ignore: decorator
@inline function padW(g: usize): i32 {
  return (slot(g, OUT_W) - 1) * slot(g, STRIDE_W) + (slot(g, K_W) - 1) * slot(g, DIL_W) + 1;
}

// @ts-ignore: decorator
@inline function taps(g: usize): i32 {
  return slot(g, K_H) * slot(g, K_W) * slot(g, IN_C);
}

// @ts-ignore: decorator
@inline function imageBytes(g: usize): usize {
  return ((<usize>(padH(g) * padW(g) * slot(g, IN_C)) << 2) + 63) & ~63;
}

/** Bytes of scratch each thread needs for the direct kernels of geometry `g`: the padded image and the tap table. */
export function directScratchBytes(g: usize): usize {
  return imageBytes(g) + (<usize>taps(g) << 2) + 64;
}

/** Image b of x copied to `pad` at row padTop, column padLeft, zeros around; and the tap offsets (bytes) into `tab`. */
function prepare(g: usize, x: usize, b: i32, pad: usize, tab: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  const hp = padH(g), wp = padW(g);
  memory.fill(pad, 0, imageBytes(g));
  const rows = min(h, hp - pt), cols = min(w, wp - pl);
  const src = x + (<usize>(b * h * w * c) << 2);
  for (let iy = 0; iy < rows; iy++) {
    memory.copy(pad + (<usize>(((iy + pt) * wp + pl) * c) << 2), src + (<usize>(iy * w * c) << 2), <usize>(cols * c) << 2);
  }
  const kw = slot(g, K_W), dh = slot(g, DIL_H), dw = slot(g, DIL_W);
  let p = 0;
  for (let ky = 0; ky < slot(g, K_H); ky++) {
    for (let kx = 0; kx < kw; kx++) {
      for (let ch = 0; ch < c; ch++) {
        store<u32>(tab + (<usize>p << 2), <u32>(((ky * dh * wp + kx * dw) * c + ch) << 2));
        p++;
      }
    }
  }
}

/** Images i0..i1 of the forward convolution, then `act(y + bias)` on each image while it is in cache (bias 0: none). */
export function directForward(i0: i32, i1: i32, scratch: usize, x: usize, filter: usize, y: usize, g: usize, bias: usize, act: i32): void {
  const c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C), k = taps(g);
  const pad = scratch, tab = scratch + imageBytes(g);
  const ps = <usize>(slot(g, STRIDE_W) * c) << 2, rs = <usize>(slot(g, STRIDE_H) * padW(g) * c) << 2, f4 = <usize>f << 2;
  for (let b = i0; b < i1; b++) {
    prepare(g, x, b, pad, tab);
    for (let oy = 0; oy < oh; oy++) {
      const a = pad + <usize>oy * rs;
      const yr = y + <usize>((b * oh + oy) * ow) * f4;
      let ox = 0;
      for (; ox + 4 <= ow; ox += 4) {
        const ap = a + <usize>ox * ps, yp = yr + <usize>ox * f4;
        let co = 0;
        for (; co + 8 <= f; co += 8) forward4x8(ap, ps, tab, k, filter + (<usize>co << 2), f4, yp + (<usize>co << 2), f4);
        for (let j = 0; j < 4; j++) {
          let cj = co;
          for (; cj + 4 <= f; cj += 4) forward1(ap + <usize>j * ps, tab, k, filter + (<usize>cj << 2), f4, yp + <usize>j * f4 + (<usize>cj << 2), 4);
          for (; cj < f; cj++) forward1(ap + <usize>j * ps, tab, k, filter + (<usize>cj << 2), f4, yp + <usize>j * f4 + (<usize>cj << 2), 1);
        }
      }
      for (; ox < ow; ox++) {
        const ap = a + <usize>ox * ps, yp = yr + <usize>ox * f4;
        let co = 0;
        for (; co + 8 <= f; co += 8) forward1(ap, tab, k, filter + (<usize>co << 2), f4, yp + (<usize>co << 2), 8);
        for (; co + 4 <= f; co += 4) forward1(ap, tab, k, filter + (<usize>co << 2), f4, yp + (<usize>co << 2), 4);
        for (; co < f; co++) forward1(ap, tab, k, filter + (<usize>co << 2), f4, yp + (<usize>co << 2), 1);
      }
    }
    if (bias != 0 || act != 0) biasActivation(b * oh * ow, (b + 1) * oh * ow, scratch, y, bias, y, f, act);
  }
}

/** Parts p0..p1 of the filter gradient: part p sums its images into `parts + p * k * outC` floats (k x outC, HWIO rows). */
export function directFilterParts(p0: i32, p1: i32, scratch: usize, x: usize, dy: usize, parts: usize, g: usize): void {
  const batch = slot(g, BATCH), count = slot(g, PARTS);
  const c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W), f = slot(g, OUT_C), k = taps(g);
  const pad = scratch, tab = scratch + imageBytes(g);
  const cs = <usize>(slot(g, STRIDE_W) * c) << 2, rs = <usize>(slot(g, STRIDE_H) * padW(g) * c) << 2, f4 = <usize>f << 2, dyRow = <usize>ow * f4;
  for (let p = p0; p < p1; p++) {
    const out = parts + <usize>p * <usize>k * f4;
    let first = true;
    for (let b = (p * batch) / count; b < ((p + 1) * batch) / count; b++) {
      prepare(g, x, b, pad, tab);
      const dyb = dy + <usize>(b * oh * ow) * f4;
      for (let t = 0; t < k; t += 4) {
        const nt = min(4, k - t);
        let co = 0;
        if (nt == 4) {
          for (; co + 8 <= f; co += 8) filter4x8(pad, rs, cs, oh, ow, tab + (<usize>t << 2), dyb + (<usize>co << 2), dyRow, f4, out + <usize>t * f4 + (<usize>co << 2), f4, !first);
        }
        for (let j = 0; j < nt; j++) {
          const tj = tab + (<usize>(t + j) << 2), oj = out + <usize>(t + j) * f4;
          let cj = co;
          for (; cj + 8 <= f; cj += 8) filter1(pad, rs, cs, oh, ow, tj, dyb + (<usize>cj << 2), dyRow, f4, oj + (<usize>cj << 2), 8, !first);
          for (; cj + 4 <= f; cj += 4) filter1(pad, rs, cs, oh, ow, tj, dyb + (<usize>cj << 2), dyRow, f4, oj + (<usize>cj << 2), 4, !first);
          for (; cj < f; cj++) filter1(pad, rs, cs, oh, ow, tj, dyb + (<usize>cj << 2), dyRow, f4, oj + (<usize>cj << 2), 1, !first);
        }
      }
      first = false;
    }
  }
}
