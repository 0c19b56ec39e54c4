/** Element-wise arithmetic, reductions and row gathers, four lanes at a time. */

/**
 * Exports that threads share take `(lo, hi, scratch, ...)`: the range of the work this call
 * does, then a scratch area of the calling thread (unused here).
 */

/** Elements i0..i1 of `out = a + b`. */
export function add(i0: i32, i1: i32, scratch: usize, a: usize, b: usize, out: usize): void {
  let o = <usize>i0 << 2;
  const end = <usize>i1 << 2;
  for (; o + 16 <= end; o += 16) v128.store(out + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
  for (; o < end; o += 4) store<f32>(out + o, load<f32>(a + o) + load<f32>(b + o));
}

/** Elements i0..i1 of `out = a * b`. */
export function mul(i0: i32, i1: i32, scratch: usize, a: usize, b: usize, out: usize): void {
  let o = <usize>i0 << 2;
  const end = <usize>i1 << 2;
  for (; o + 16 <= end; o += 16) v128.store(out + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  for (; o < end; o += 4) store<f32>(out + o, load<f32>(a + o) * load<f32>(b + o));
}

/** Elements i0..i1 of `out = a * s + t`. */
export function scale(i0: i32, i1: i32, scratch: usize, a: usize, s: f32, t: f32, out: usize): void {
  let o = <usize>i0 << 2;
  const end = <usize>i1 << 2;
  const vs = f32x4.splat(s), vt = f32x4.splat(t);
  for (; o + 16 <= end; o += 16) v128.store(out + o, f32x4.add(f32x4.mul(v128.load(a + o), vs), vt));
  for (; o < end; o += 4) store<f32>(out + o, load<f32>(a + o) * s + t);
}

/** Sum of n floats, accumulated in f64. */
export function sum(a: usize, n: i32): f64 {
  let lo = f64x2.splat(0), hi = lo;
  let o: usize = 0;
  const end = <usize>n << 2;
  for (; o + 16 <= end; o += 16) {
    const v = v128.load(a + o);
    lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
    hi = f64x2.add(hi, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
  }
  const both = f64x2.add(lo, hi);
  let s = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (; o < end; o += 4) s += <f64>load<f32>(a + o);
  return s;
}

/**
 * Columns c0..c1 of `out[j] (+)= sum_r x[r, j]`, summed in row order (x: rows x cols). Blocks
 * of 32 columns keep their sums in registers and read each row's block contiguously (one pass
 * over x for up to 32 columns); the remaining columns go four, then one at a time. The order of
 * each column's sum is the same in every path.
 */
export function sumRows(c0: i32, c1: i32, scratch: usize, x: usize, rows: i32, cols: i32, out: usize, accumulate: bool): void {
  const row4 = <usize>cols << 2;
  let j = c0;
  for (; j + 32 <= c1; j += 32) {
    const o = <usize>j << 2;
    let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    if (accumulate) {
      s0 = v128.load(out + o); s1 = v128.load(out + o, 16); s2 = v128.load(out + o, 32); s3 = v128.load(out + o, 48);
      s4 = v128.load(out + o, 64); s5 = v128.load(out + o, 80); s6 = v128.load(out + o, 96); s7 = v128.load(out + o, 112);
    }
    let p = x + o;
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, v128.load(p)); s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32)); s3 = f32x4.add(s3, v128.load(p, 48));
      s4 = f32x4.add(s4, v128.load(p, 64)); s5 = f32x4.add(s5, v128.load(p, 80));
      s6 = f32x4.add(s6, v128.load(p, 96)); s7 = f32x4.add(s7, v128.load(p, 112));
      p += row4;
    }
    v128.store(out + o, s0); v128.store(out + o, s1, 16); v128.store(out + o, s2, 32); v128.store(out + o, s3, 48);
    v128.store(out + o, s4, 64); v128.store(out + o, s5, 80); v128.store(out + o, s6, 96); v128.store(out + o, s7, 112);
  }
  for (; j + 4 <= c1; j += 4) {
    const o = <usize>j << 2;
    let s = accumulate ? v128.load(out + o) : f32x4.splat(0);
    for (let r = 0; r < rows; r++) s = f32x4.add(s, v128.load(x + <usize>r * row4 + o));
    v128.store(out + o, s);
  }
  for (; j < c1; j++) {
    const o = <usize>j << 2;
    let s: f32 = accumulate ? load<f32>(out + o) : 0;
    for (let r = 0; r < rows; r++) s += load<f32>(x + <usize>r * row4 + o);
    store<f32>(out + o, s);
  }
}

/** Rows r0..r1 of the gather `out[r, :] = src[index[r], :] * scale` from float rows (index: int32 per row). */
export function gatherRows(r0: i32, r1: i32, scratch: usize, src: usize, index: usize, rowSize: i32, scale: f32, out: usize): void {
  const row4 = <usize>rowSize << 2;
  const vs = f32x4.splat(scale);
  for (let r = r0; r < r1; r++) {
    const from = src + <usize>load<i32>(index + (<usize>r << 2)) * row4;
    const to = out + <usize>r * row4;
    let o: usize = 0;
    for (; o + 16 <= row4; o += 16) v128.store(to + o, f32x4.mul(v128.load(from + o), vs));
    for (; o < row4; o += 4) store<f32>(to + o, load<f32>(from + o) * scale);
  }
}

/** Four bytes (lanes of an i32x4) times scale, computed in f64 and rounded once to f32, as the reference does. */
@inline function scaleBytes(v: v128, s: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.convert_low_i32x4_s(v), s));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(v, v, 2, 3, 0, 1)), s));
  return i32x4.shuffle(lo, hi, 0, 1, 4, 5);
}

/** Elements i0..i1 of `out[i] = src[i] * scale` for bytes src (a gathered batch staged in memory). */
export function bytesToFloats(i0: i32, i1: i32, scratch: usize, src: usize, out: usize, scale: f64): void {
  const s = f64x2.splat(scale);
  let i = i0;
  for (; i + 16 <= i1; i += 16) {
    const b = v128.load(src + <usize>i);
    const lo = i16x8.extend_low_i8x16_u(b);
    const hi = i16x8.extend_high_i8x16_u(b);
    const o = out + (<usize>i << 2);
    v128.store(o, scaleBytes(i32x4.extend_low_i16x8_u(lo), s));
    v128.store(o, scaleBytes(i32x4.extend_high_i16x8_u(lo), s), 16);
    v128.store(o, scaleBytes(i32x4.extend_low_i16x8_u(hi), s), 32);
    v128.store(o, scaleBytes(i32x4.extend_high_i16x8_u(hi), s), 48);
  }
  for (; i < i1; i++) store<f32>(out + (<usize>i << 2), <f32>(<f64>load<u8>(src + <usize>i) * scale));
}
