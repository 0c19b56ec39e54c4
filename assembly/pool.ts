/**
 * Max and average pooling over NHWC images, four channels at a time. The forward kernels are
 * cut by output rows; the backward ones by images (each image's gradient is zeroed and summed
 * by one thread, in output order), so overlapping windows add up the same way on any number
 * of threads. Geometry slots as in window-params.ts (K_H, K_W: the pool size; IN_C: channels).
 */
import { loadN, storeN, addN } from './lanes';
import { IN_H, IN_W, IN_C, OUT_H, OUT_W, K_H, K_W, STRIDE_H, STRIDE_W, PAD_T, PAD_L, slot } from './window-params';

// @ts-ignore: decorator
@inline function ld(p: usize, n: i32): v128 {
  return n >= 4 ? v128.load(p) : loadN(p, n);
}

// @ts-ignore: decorator
@inline function st(p: usize, v: v128, n: i32): void {
  if (n >= 4) v128.store(p, v);
  else storeN(p, v, n);
}

/**
 * Output rows r0..r1 (over the batch) of max pooling: `y` the largest value of each window,
 * `argmax` its index in x (i32). The first of equal values wins; the first NaN wins over
 * everything, as in the reference kernel.
 */
export function maxPoolForward(r0: i32, r1: i32, scratch: usize, x: usize, y: usize, argmax: usize, g: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W);
  const ph = slot(g, K_H), pw = slot(g, K_W), sh = slot(g, STRIDE_H), sw = slot(g, STRIDE_W), pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  const lanes = i32x4(0, 1, 2, 3), pixStep = i32x4.splat(c), rowStep = i32x4.splat(w * c);
  const cs = <usize>c << 2, rs = <usize>(w * c) << 2;
  for (let r = r0; r < r1; r++) {
    const b = r / oh, oy = r % oh;
    const wy = oy * sh - pt;
    const y0 = max(wy, 0), wh = min(wy + ph, h) - y0;
    for (let ox = 0; ox < ow; ox++) {
      const wx = ox * sw - pl;
      const x0 = max(wx, 0), ww = min(wx + pw, w) - x0;
      const o = (r * ow + ox) * c;
      const first = ((b * h + y0) * w + x0) * c;
      for (let ch = 0; ch < c; ch += 4) {
        const n = c - ch;
        const p0 = x + (<usize>(first + ch) << 2);
        let best = ld(p0, n);
        let index = i32x4.add(i32x4.splat(first + ch), lanes);
        if (wh == 2 && ww == 2 && n >= 4) {
          // The common 2 x 2 window, unrolled; the same comparisons in the same order.
          const v1 = v128.load(p0 + cs), v2 = v128.load(p0 + rs), v3 = v128.load(p0 + rs + cs);
          let take = v128.or(f32x4.gt(v1, best), v128.andnot(f32x4.ne(v1, v1), f32x4.ne(best, best)));
          best = v128.bitselect(v1, best, take);
          index = v128.bitselect(i32x4.add(index, pixStep), index, take);
          const i2 = i32x4.add(i32x4.splat(first + ch), i32x4.add(lanes, rowStep));
          take = v128.or(f32x4.gt(v2, best), v128.andnot(f32x4.ne(v2, v2), f32x4.ne(best, best)));
          best = v128.bitselect(v2, best, take);
          index = v128.bitselect(i2, index, take);
          take = v128.or(f32x4.gt(v3, best), v128.andnot(f32x4.ne(v3, v3), f32x4.ne(best, best)));
          best = v128.bitselect(v3, best, take);
          index = v128.bitselect(i32x4.add(i2, pixStep), index, take);
          v128.store(y + (<usize>(o + ch) << 2), best);
          v128.store(argmax + (<usize>(o + ch) << 2), index);
          continue;
        }
        let rowIndex = index;
        let q = p0;
        for (let iy = 0; iy < wh; iy++) {
          let cand = rowIndex;
          let pp = q;
          for (let ix = 0; ix < ww; ix++) {
            const v = ld(pp, n);
            // Greater, or the first NaN: v > best is false once best is NaN.
            const take = v128.or(f32x4.gt(v, best), v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best)));
            best = v128.bitselect(v, best, take);
            index = v128.bitselect(cand, index, take);
            pp += cs;
            cand = i32x4.add(cand, pixStep);
          }
          q += rs;
          rowIndex = i32x4.add(rowIndex, rowStep);
        }
        st(y + (<usize>(o + ch) << 2), best, n);
        st(argmax + (<usize>(o + ch) << 2), index, n);
      }
    }
  }
}

/** Images i0..i1 of the max-pooling gradient: `dx` zeroed, then `dx[argmax[o]] += dy[o]` in output order (indexes outside the image are skipped). */
export function maxPoolBackward(i0: i32, i1: i32, scratch: usize, dy: usize, argmax: usize, dx: usize, g: usize): void {
  const inSize = slot(g, IN_H) * slot(g, IN_W) * slot(g, IN_C);
  const outSize = slot(g, OUT_H) * slot(g, OUT_W) * slot(g, IN_C);
  for (let b = i0; b < i1; b++) {
    const base = b * inSize;
    memory.fill(dx + (<usize>base << 2), 0, <usize>inSize << 2);
    for (let o = b * outSize; o < (b + 1) * outSize; o++) {
      const i = load<i32>(argmax + (<usize>o << 2)) - base;
      if (<u32>i >= <u32>inSize) continue;
      const at = dx + (<usize>(base + i) << 2);
      store<f32>(at, load<f32>(at) + load<f32>(dy + (<usize>o << 2)));
    }
  }
}

/** Output rows r0..r1 of average pooling: the mean of each window's input pixels (padding not counted). */
export function avgPoolForward(r0: i32, r1: i32, scratch: usize, x: usize, y: usize, g: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W);
  const ph = slot(g, K_H), pw = slot(g, K_W), sh = slot(g, STRIDE_H), sw = slot(g, STRIDE_W), pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  for (let r = r0; r < r1; r++) {
    const b = r / oh, oy = r % oh;
    const wy = oy * sh - pt;
    const y0 = max(wy, 0), y1 = min(wy + ph, h);
    for (let ox = 0; ox < ow; ox++) {
      const wx = ox * sw - pl;
      const x0 = max(wx, 0), x1 = min(wx + pw, w);
      const inv = f32x4.splat(<f32>(1.0 / <f64>((y1 - y0) * (x1 - x0))));
      const o = (r * ow + ox) * c;
      for (let ch = 0; ch < c; ch += 4) {
        const n = c - ch;
        let s = f32x4.splat(0);
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) s = f32x4.add(s, ld(x + (<usize>(((b * h + iy) * w + ix) * c + ch) << 2), n));
        }
        st(y + (<usize>(o + ch) << 2), f32x4.mul(s, inv), n);
      }
    }
  }
}

/** Images i0..i1 of the average-pooling gradient: each `dy` spread evenly over its window's input pixels. */
export function avgPoolBackward(i0: i32, i1: i32, scratch: usize, dy: usize, dx: usize, g: usize): void {
  const h = slot(g, IN_H), w = slot(g, IN_W), c = slot(g, IN_C), oh = slot(g, OUT_H), ow = slot(g, OUT_W);
  const ph = slot(g, K_H), pw = slot(g, K_W), sh = slot(g, STRIDE_H), sw = slot(g, STRIDE_W), pt = slot(g, PAD_T), pl = slot(g, PAD_L);
  for (let b = i0; b < i1; b++) {
    memory.fill(dx + (<usize>(b * h * w * c) << 2), 0, <usize>(h * w * c) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const wy = oy * sh - pt;
      const y0 = max(wy, 0), y1 = min(wy + ph, h);
      for (let ox = 0; ox < ow; ox++) {
        const wx = ox * sw - pl;
        const x0 = max(wx, 0), x1 = min(wx + pw, w);
        const inv = f32x4.splat(<f32>(1.0 / <f64>((y1 - y0) * (x1 - x0))));
        const o = ((b * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch += 4) {
          const n = c - ch;
          const d = f32x4.mul(ld(dy + (<usize>(o + ch) << 2), n), inv);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) addN(dx + (<usize>(((b * h + iy) * w + ix) * c + ch) << 2), d, n);
          }
        }
      }
    }
  }
}
