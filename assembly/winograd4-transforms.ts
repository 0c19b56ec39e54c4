/**
 * The transforms of Winograd's F(4x4, 3x3) (Lavin & Gray 2016; interpolation points 0, 1, -1,
 * 2, -2 and infinity): a 4 x 4 block of outputs of a 3 x 3 correlation is
 * `Y = A^T [(G g G^T) * (B^T d B)] A` for the 6 x 6 input tile d, with
 *
 *   B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1],
 *   G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1],
 *   A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1],
 *
 * and the gradients the transposed maps, as in winograd-transforms.ts (same signatures; 36
 * elements per tile, e = 6 r + s). Each 2-D transform applies the 1-D one to the columns, then
 * to the rows, through the element storage (or a 24-vector working area at `w`).
 */

// @ts-ignore: decorator
@inline function k(v: f32): v128 {
  return f32x4.splat(v);
}

/** `B^T v` of six vectors `stride` apart from `src`, stored `dstride` apart from `dst` (may be src). */
// @ts-ignore: decorator
@inline function bt6(src: usize, stride: usize, dst: usize, dstride: usize): void {
  const d0 = v128.load(src), d1 = v128.load(src + stride), d2 = v128.load(src + 2 * stride);
  const d3 = v128.load(src + 3 * stride), d4 = v128.load(src + 4 * stride), d5 = v128.load(src + 5 * stride);
  const four = k(4), two = k(2), five = k(5);
  const a = f32x4.sub(d4, f32x4.mul(four, d2)); // d4 - 4 d2
  const b = f32x4.sub(d3, f32x4.mul(four, d1)); // d3 - 4 d1
  const c = f32x4.sub(d4, d2);
  const e = f32x4.mul(two, f32x4.sub(d3, d1));
  v128.store(dst, f32x4.sub(f32x4.add(f32x4.mul(four, d0), d4), f32x4.mul(five, d2)));
  v128.store(dst + dstride, f32x4.add(a, b));
  v128.store(dst + 2 * dstride, f32x4.sub(a, b));
  v128.store(dst + 3 * dstride, f32x4.add(c, e));
  v128.store(dst + 4 * dstride, f32x4.sub(c, e));
  v128.store(dst + 5 * dstride, f32x4.sub(f32x4.add(f32x4.mul(four, d1), d5), f32x4.mul(five, d3)));
}

/** `V = B^T d B` of the 6 x 6 tile at `p` into the 36 elements at `t`. */
export function inputTransform4(p: usize, rs: usize, cs: usize, t: usize, es: usize): void {
  for (let s = 0; s < 6; s++) bt6(p + <usize>s * cs, rs, t + <usize>s * es, 6 * es);
  for (let r = 0; r < 6; r++) bt6(t + <usize>(6 * r) * es, es, t + <usize>(6 * r) * es, es);
}

/** `A^T m` of six vectors `stride` apart from `src`: four vectors `dstride` apart from `dst`. */
// @ts-ignore: decorator
@inline function at6(src: usize, stride: usize, dst: usize, dstride: usize): void {
  const m0 = v128.load(src), m1 = v128.load(src + stride), m2 = v128.load(src + 2 * stride);
  const m3 = v128.load(src + 3 * stride), m4 = v128.load(src + 4 * stride), m5 = v128.load(src + 5 * stride);
  const s12 = f32x4.add(m1, m2), d12 = f32x4.sub(m1, m2), s34 = f32x4.add(m3, m4), d34 = f32x4.sub(m3, m4);
  v128.store(dst, f32x4.add(f32x4.add(m0, s12), s34));
  v128.store(dst + dstride, f32x4.add(d12, f32x4.mul(k(2), d34)));
  v128.store(dst + 2 * dstride, f32x4.add(s12, f32x4.mul(k(4), s34)));
  v128.store(dst + 3 * dstride, f32x4.add(f32x4.add(d12, f32x4.mul(k(8), d34)), m5));
}

/** `Y = A^T M A` of the 36 elements at `t`, stored as the 4 x 4 block at `p`; `w` is 24 vectors of working space. */
export function outputTransform4(t: usize, es: usize, p: usize, rs: usize, cs: usize, w: usize): void {
  // Columns: w[r][s] (r < 4, s < 6) = (A^T M)[r][s]; then each row r gives output row r.
  for (let s = 0; s < 6; s++) at6(t + <usize>s * es, 6 * es, w + (<usize>s << 4), 96);
  for (let r = 0; r < 4; r++) at6(w + <usize>r * 96, 16, p + <usize>r * rs, cs);
}

/** `A y` of four vectors `stride` apart from `src`: six vectors `dstride` apart from `dst`. */
// @ts-ignore: decorator
@inline function a4(src: usize, stride: usize, dst: usize, dstride: usize): void {
  const y0 = v128.load(src), y1 = v128.load(src + stride), y2 = v128.load(src + 2 * stride), y3 = v128.load(src + 3 * stride);
  const e = f32x4.add(y0, y2), o = f32x4.add(y1, y3);
  const e4 = f32x4.add(y0, f32x4.mul(k(4), y2)), o4 = f32x4.add(f32x4.mul(k(2), y1), f32x4.mul(k(8), y3));
  v128.store(dst, y0);
  v128.store(dst + dstride, f32x4.add(e, o));
  v128.store(dst + 2 * dstride, f32x4.sub(e, o));
  v128.store(dst + 3 * dstride, f32x4.add(e4, o4));
  v128.store(dst + 4 * dstride, f32x4.sub(e4, o4));
  v128.store(dst + 5 * dstride, y3);
}

/** `dM = A dY A^T` of the 4 x 4 output gradient block at `p`, into the 36 elements at `t`; `w` is 24 vectors of working space. */
export function gradOutputTransform4(p: usize, rs: usize, cs: usize, t: usize, es: usize, w: usize): void {
  // Rows first: w[r][s] (r < 4, s < 6) = (dY A^T)[r][s]; then each column s gives column s of dM.
  for (let r = 0; r < 4; r++) a4(p + <usize>r * rs, cs, w + <usize>r * 96, 16);
  for (let s = 0; s < 6; s++) a4(w + (<usize>s << 4), 96, t + <usize>s * es, 6 * es);
}

/** `B v` of six vectors `stride` apart from `src`, stored (or added, `add`) `dstride` apart from `dst`. */
// @ts-ignore: decorator
@inline function b6(src: usize, stride: usize, dst: usize, dstride: usize, add: bool): void {
  const v0 = v128.load(src), v1 = v128.load(src + stride), v2 = v128.load(src + 2 * stride);
  const v3 = v128.load(src + 3 * stride), v4 = v128.load(src + 4 * stride), v5 = v128.load(src + 5 * stride);
  const four = k(4), two = k(2), five = k(5);
  const r0 = f32x4.mul(four, v0);
  const r1 = f32x4.add(f32x4.add(f32x4.mul(four, f32x4.sub(v2, v1)), f32x4.mul(two, f32x4.sub(v4, v3))), f32x4.mul(four, v5));
  const r2 = f32x4.sub(f32x4.sub(f32x4.neg(f32x4.mul(five, v0)), f32x4.mul(four, f32x4.add(v1, v2))), f32x4.add(v3, v4));
  const r3 = f32x4.sub(f32x4.add(f32x4.sub(v1, v2), f32x4.mul(two, f32x4.sub(v3, v4))), f32x4.mul(five, v5));
  const r4 = f32x4.add(f32x4.add(f32x4.add(v0, v1), f32x4.add(v2, v3)), v4);
  if (add) {
    v128.store(dst, f32x4.add(v128.load(dst), r0));
    v128.store(dst + dstride, f32x4.add(v128.load(dst + dstride), r1));
    v128.store(dst + 2 * dstride, f32x4.add(v128.load(dst + 2 * dstride), r2));
    v128.store(dst + 3 * dstride, f32x4.add(v128.load(dst + 3 * dstride), r3));
    v128.store(dst + 4 * dstride, f32x4.add(v128.load(dst + 4 * dstride), r4));
    v128.store(dst + 5 * dstride, f32x4.add(v128.load(dst + 5 * dstride), v5));
  } else {
    v128.store(dst, r0);
    v128.store(dst + dstride, r1);
    v128.store(dst + 2 * dstride, r2);
    v128.store(dst + 3 * dstride, r3);
    v128.store(dst + 4 * dstride, r4);
    v128.store(dst + 5 * dstride, v5);
  }
}

/** `dd = B dV B^T` of the 36 elements at `t`, added to the 6 x 6 tile at `p`. Uses the elements at `t` as working space. */
export function gradInputTransform4(t: usize, es: usize, p: usize, rs: usize, cs: usize): void {
  for (let s = 0; s < 6; s++) b6(t + <usize>s * es, 6 * es, t + <usize>s * es, 6 * es, false);
  for (let r = 0; r < 6; r++) b6(t + <usize>(6 * r) * es, es, p + <usize>r * rs, cs, true);
}

/** `G g` of three vectors `stride` apart from `src`: six vectors `dstride` apart from `dst`. */
// @ts-ignore: decorator
@inline function g3(src: usize, stride: usize, dst: usize, dstride: usize): void {
  const g0 = v128.load(src), g1 = v128.load(src + stride), g2 = v128.load(src + 2 * stride);
  const ends = f32x4.add(g0, g2);
  const q = f32x4.add(f32x4.mul(k(1.0 / 24), g0), f32x4.mul(k(1.0 / 6), g2));
  const h = f32x4.mul(k(1.0 / 12), g1);
  v128.store(dst, f32x4.mul(k(0.25), g0));
  v128.store(dst + dstride, f32x4.mul(k(-1.0 / 6), f32x4.add(ends, g1)));
  v128.store(dst + 2 * dstride, f32x4.mul(k(-1.0 / 6), f32x4.sub(ends, g1)));
  v128.store(dst + 3 * dstride, f32x4.add(q, h));
  v128.store(dst + 4 * dstride, f32x4.sub(q, h));
  v128.store(dst + 5 * dstride, g2);
}

/** `U = G g G^T` of the 3 x 3 taps at `g` (tap (ky, kx) at `g + (3 ky + kx) * ts`) into the 36 elements at `t`; `w` is 18 vectors of working space. */
export function filterTransform4(g: usize, ts: usize, t: usize, es: usize, w: usize): void {
  // Columns: w[r][kx] (r < 6, kx < 3) = (G g)[r][kx]; then each row r gives row r of U.
  for (let kx = 0; kx < 3; kx++) g3(g + <usize>kx * ts, 3 * ts, w + (<usize>kx << 4), 48);
  for (let r = 0; r < 6; r++) g3(w + <usize>r * 48, 16, t + <usize>(6 * r) * es, es);
}

/** `G^T u` of six vectors `stride` apart from `src`: three vectors `dstride` apart from `dst`. */
// @ts-ignore: decorator
@inline function gt6(src: usize, stride: usize, dst: usize, dstride: usize): void {
  const u0 = v128.load(src), u1 = v128.load(src + stride), u2 = v128.load(src + 2 * stride);
  const u3 = v128.load(src + 3 * stride), u4 = v128.load(src + 4 * stride), u5 = v128.load(src + 5 * stride);
  const s12 = f32x4.add(u1, u2), d12 = f32x4.sub(u2, u1), s34 = f32x4.add(u3, u4), d34 = f32x4.sub(u3, u4);
  const sixth = k(1.0 / 6);
  v128.store(dst, f32x4.add(f32x4.sub(f32x4.mul(k(0.25), u0), f32x4.mul(sixth, s12)), f32x4.mul(k(1.0 / 24), s34)));
  v128.store(dst + dstride, f32x4.add(f32x4.mul(sixth, d12), f32x4.mul(k(1.0 / 12), d34)));
  v128.store(dst + 2 * dstride, f32x4.add(f32x4.mul(sixth, f32x4.sub(s34, s12)), u5));
}

/** `dg = G^T dU G` of the 36 elements at `t`, stored as the 3 x 3 taps at `g` (tap (ky, kx) at `g + (3 ky + kx) * ts`); `w` is 18 vectors of working space. */
export function filterGradTransform4(t: usize, es: usize, g: usize, ts: usize, w: usize): void {
  // Columns: w[ky][s] (ky < 3, s < 6) = (G^T dU)[ky][s]; then each row ky gives taps (ky, 0..2).
  for (let s = 0; s < 6; s++) gt6(t + <usize>s * es, 6 * es, w + (<usize>s << 4), 96);
  for (let ky = 0; ky < 3; ky++) gt6(w + <usize>ky * 96, 16, g + <usize>(3 * ky) * ts, ts);
}
