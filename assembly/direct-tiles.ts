/**
 * Register tiles of the direct convolution (direct-conv.ts): products whose A operand is
 * read from a padded image through a table of tap offsets instead of an unrolled window
 * matrix. Forward tiles compute 4 (or 1) output pixels x 8 (4, 1) output channels over the
 * taps p; filter tiles compute 4 (or 1) taps x 8 (4, 1) output channels over the pixels of
 * one image. Every value is a chain of multiply-adds (fma.ts) from 0 in the same order
 * whatever the tile, so the tiling never changes a result.
 */
import { madd, madd1 } from './fma';

// @ts-ignore: decorator
@inline function put(c: usize, v: v128, acc: bool): void {
  v128.store(c, acc ? f32x4.add(v128.load(c), v) : v);
}

// @ts-ignore: decorator
@inline function put1(c: usize, v: f32, acc: bool): void {
  store<f32>(c, acc ? load<f32>(c) + v : v);
}

// @ts-ignore: decorator
@inline function tap(tab: usize, p: i32): usize {
  return <usize>load<u32>(tab + (<usize>p << 2));
}

/** Four pixels (a, a + ps, ...) x eight channels: `c[j] = sum_p x[a + j ps + tab[p]] b[p]` (rows of c ldc apart). */
export function forward4x8(a: usize, ps: usize, tab: usize, k: i32, b: usize, ldb: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  let bp = b;
  for (let p = 0; p < k; p++) {
    const a0 = a + tap(tab, p);
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    let x = v128.load32_splat(a0);
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
    x = v128.load32_splat(a0 + ps);
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
    x = v128.load32_splat(a0 + 2 * ps);
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
    x = v128.load32_splat(a0 + 3 * ps);
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
    bp += ldb;
  }
  v128.store(c, c00); v128.store(c, c01, 16); c += ldc;
  v128.store(c, c10); v128.store(c, c11, 16); c += ldc;
  v128.store(c, c20); v128.store(c, c21, 16); c += ldc;
  v128.store(c, c30); v128.store(c, c31, 16);
}

/** One pixel x `w` channels (w = 8, 4 or 1) of {@link forward4x8}. */
export function forward1(a: usize, tab: usize, k: i32, b: usize, ldb: usize, c: usize, w: i32): void {
  let bp = b;
  if (w == 8) {
    let c0 = f32x4.splat(0), c1 = c0;
    for (let p = 0; p < k; p++) {
      const x = v128.load32_splat(a + tap(tab, p));
      c0 = madd(x, v128.load(bp), c0); c1 = madd(x, v128.load(bp, 16), c1);
      bp += ldb;
    }
    v128.store(c, c0); v128.store(c, c1, 16);
  } else if (w == 4) {
    let c0 = f32x4.splat(0);
    for (let p = 0; p < k; p++) {
      c0 = madd(v128.load32_splat(a + tap(tab, p)), v128.load(bp), c0);
      bp += ldb;
    }
    v128.store(c, c0);
  } else {
    let s: f32 = 0;
    for (let p = 0; p < k; p++) {
      s = madd1(load<f32>(a + tap(tab, p)), load<f32>(bp), s);
      bp += ldb;
    }
    store<f32>(c, s);
  }
}

/**
 * Four taps (offsets o0..o3) x eight channels of a filter gradient over one image:
 * `c[j] (+)= sum_{oy, ox} x[pad + oy rs + ox cs + o_j] dy[oy, ox]`, dy rows `dyRow` apart,
 * pixels `dyPix` apart; the four rows of c `ldc` apart.
 */
export function filter4x8(pad: usize, rs: usize, cs: usize, oh: i32, ow: i32, tab: usize, dy: usize, dyRow: usize, dyPix: usize, c: usize, ldc: usize, acc: bool): void {
  const o0 = tap(tab, 0), o1 = tap(tab, 1), o2 = tap(tab, 2), o3 = tap(tab, 3);
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (let oy = 0; oy < oh; oy++) {
    let a = pad + <usize>oy * rs, d = dy + <usize>oy * dyRow;
    for (let ox = 0; ox < ow; ox++) {
      const b0 = v128.load(d), b1 = v128.load(d, 16);
      let x = v128.load32_splat(a + o0);
      c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
      x = v128.load32_splat(a + o1);
      c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
      x = v128.load32_splat(a + o2);
      c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
      x = v128.load32_splat(a + o3);
      c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
      a += cs; d += dyPix;
    }
  }
  put(c, c00, acc); put(c + 16, c01, acc); c += ldc;
  put(c, c10, acc); put(c + 16, c11, acc); c += ldc;
  put(c, c20, acc); put(c + 16, c21, acc); c += ldc;
  put(c, c30, acc); put(c + 16, c31, acc);
}

/** One tap (offset at `tab`) x `w` channels (8, 4 or 1) of {@link filter4x8}. */
export function filter1(pad: usize, rs: usize, cs: usize, oh: i32, ow: i32, tab: usize, dy: usize, dyRow: usize, dyPix: usize, c: usize, w: i32, acc: bool): void {
  const o = tap(tab, 0);
  let c0 = f32x4.splat(0), c1 = c0;
  let s: f32 = 0;
  for (let oy = 0; oy < oh; oy++) {
    let a = pad + <usize>oy * rs + o, d = dy + <usize>oy * dyRow;
    if (w == 8) {
      for (let ox = 0; ox < ow; ox++) {
        const x = v128.load32_splat(a);
        c0 = madd(x, v128.load(d), c0); c1 = madd(x, v128.load(d, 16), c1);
        a += cs; d += dyPix;
      }
    } else if (w == 4) {
      for (let ox = 0; ox < ow; ox++) {
        c0 = madd(v128.load32_splat(a), v128.load(d), c0);
        a += cs; d += dyPix;
      }
    } else {
      for (let ox = 0; ox < ow; ox++) {
        s = madd1(load<f32>(a), load<f32>(d), s);
        a += cs; d += dyPix;
      }
    }
  }
  if (w == 8) {
    put(c, c0, acc); put(c + 16, c1, acc);
  } else if (w == 4) {
    put(c, c0, acc);
  } else {
    put1(c, s, acc);
  }
}
