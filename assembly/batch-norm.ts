/**
 * Batch normalisation over a rows x cols matrix (a column per channel). Column sums run in
 * double precision over fixed parts of the rows (part p: rows [p R / P, (p + 1) R / P)); the
 * caller adds the parts in order, so the statistics do not depend on the threads. The
 * per-row passes work on four columns at a time.
 */
import { loadN, storeN } from './lanes';

/** What {@link batchNormSums} sums per column. */
const SUM_X = 0, SUM_SQUARED_DEVIATION = 1, SUM_DY_AND_DY_DEVIATION = 2;

// @ts-ignore: decorator
@inline function ld(p: usize, n: i32): v128 {
  return n >= 4 ? v128.load(p) : loadN(p, n);
}

/**
 * Parts p0..p1 of column sums into `parts` (f64, part p at `p * planes * cols`): mode 0 sums
 * x; mode 1 sums `(x - mean)^2` (mean: f64 per column); mode 2 sums dy (plane 0) and
 * `dy * (x - mean)` (plane 1). Each column is summed row after row in double precision; four
 * columns go at a time as two f64x2 lanes each (the same additions in the same order as one
 * column at a time, so the same sums to the bit), the last `cols % 4` one at a time.
 */
export function batchNormSums(p0: i32, p1: i32, scratch: usize, x: usize, dy: usize, mean: usize, rows: i32, cols: i32, count: i32, mode: i32, parts: usize): void {
  const planes = mode == SUM_DY_AND_DY_DEVIATION ? 2 : 1;
  const c4 = cols & ~3;
  const plane = <usize>cols << 3;
  for (let p = p0; p < p1; p++) {
    const out = parts + (<usize>(p * planes * cols) << 3);
    memory.fill(out, 0, <usize>(planes * cols) << 3);
    const begin = p * rows / count, end = (p + 1) * rows / count;
    if (mode == SUM_X) sumX(x, begin, end, cols, c4, out);
    else if (mode == SUM_SQUARED_DEVIATION) sumSquaredDeviation(x, mean, begin, end, cols, c4, out);
    else sumDyAndDyDeviation(x, dy, mean, begin, end, cols, c4, out, out + plane);
  }
}

/** Lanes 0 and 1 of an f32x4 as an f64x2. */
// @ts-ignore: decorator
@inline function lowPair(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

/** Lanes 2 and 3 of an f32x4 as an f64x2. */
// @ts-ignore: decorator
@inline function highPair(v: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1));
}

/** `*p += v` on an f64x2. */
// @ts-ignore: decorator
@inline function accumulate(p: usize, v: v128): void {
  v128.store(p, f64x2.add(v128.load(p), v));
}

function sumX(x: usize, begin: i32, end: i32, cols: i32, c4: i32, out: usize): void {
  for (let r = begin; r < end; r++) {
    const row = x + (<usize>(r * cols) << 2);
    for (let j = 0; j < c4; j += 4) {
      const v = v128.load(row + (<usize>j << 2));
      const at = out + (<usize>j << 3);
      accumulate(at, lowPair(v));
      accumulate(at + 16, highPair(v));
    }
    for (let j = c4; j < cols; j++) {
      const at = out + (<usize>j << 3);
      store<f64>(at, load<f64>(at) + <f64>load<f32>(row + (<usize>j << 2)));
    }
  }
}

function sumSquaredDeviation(x: usize, mean: usize, begin: i32, end: i32, cols: i32, c4: i32, out: usize): void {
  for (let r = begin; r < end; r++) {
    const row = x + (<usize>(r * cols) << 2);
    for (let j = 0; j < c4; j += 4) {
      const v = v128.load(row + (<usize>j << 2));
      const at = out + (<usize>j << 3), m = mean + (<usize>j << 3);
      const d0 = f64x2.sub(lowPair(v), v128.load(m));
      const d1 = f64x2.sub(highPair(v), v128.load(m + 16));
      accumulate(at, f64x2.mul(d0, d0));
      accumulate(at + 16, f64x2.mul(d1, d1));
    }
    for (let j = c4; j < cols; j++) {
      const at = out + (<usize>j << 3);
      const d = <f64>load<f32>(row + (<usize>j << 2)) - load<f64>(mean + (<usize>j << 3));
      store<f64>(at, load<f64>(at) + d * d);
    }
  }
}

function sumDyAndDyDeviation(x: usize, dy: usize, mean: usize, begin: i32, end: i32, cols: i32, c4: i32, out: usize, out1: usize): void {
  for (let r = begin; r < end; r++) {
    const offset = <usize>(r * cols) << 2;
    const row = x + offset, grow = dy + offset;
    for (let j = 0; j < c4; j += 4) {
      const v = v128.load(row + (<usize>j << 2));
      const g = v128.load(grow + (<usize>j << 2));
      const o = <usize>j << 3, m = mean + o;
      const g0 = lowPair(g), g1 = highPair(g);
      accumulate(out + o, g0);
      accumulate(out + o + 16, g1);
      accumulate(out1 + o, f64x2.mul(g0, f64x2.sub(lowPair(v), v128.load(m))));
      accumulate(out1 + o + 16, f64x2.mul(g1, f64x2.sub(highPair(v), v128.load(m + 16))));
    }
    for (let j = c4; j < cols; j++) {
      const o = <usize>j << 3;
      const d = <f64>load<f32>(row + (<usize>j << 2)) - load<f64>(mean + o);
      const g = <f64>load<f32>(grow + (<usize>j << 2));
      store<f64>(out + o, load<f64>(out + o) + g);
      store<f64>(out1 + o, load<f64>(out1 + o) + g * d);
    }
  }
}

/** Rows r0..r1 of `y = (x - mean) * scale + beta`, with `coef` holding mean, scale and beta (f32, a row of cols each). */
export function batchNormForward(r0: i32, r1: i32, scratch: usize, x: usize, y: usize, cols: i32, coef: usize): void {
  const c4 = <usize>cols << 2;
  for (let r = r0; r < r1; r++) {
    const row = <usize>r * c4;
    for (let j = 0; j < cols; j += 4) {
      const n = cols - j, o = <usize>j << 2;
      const v = f32x4.add(f32x4.mul(f32x4.sub(ld(x + row + o, n), ld(coef + o, n)), ld(coef + c4 + o, n)), ld(coef + 2 * c4 + o, n));
      if (n >= 4) v128.store(y + row + o, v);
      else storeN(y + row + o, v, n);
    }
  }
}

/**
 * Rows r0..r1 of the batch-norm input gradient `dx = k (dy - a - (x - mean) inv b)`, with
 * `coef` holding mean, inv, k, a and b (f32, a row of cols each). `dx` may be `dy`.
 */
export function batchNormBackward(r0: i32, r1: i32, scratch: usize, dy: usize, x: usize, dx: usize, cols: i32, coef: usize): void {
  const c4 = <usize>cols << 2;
  for (let r = r0; r < r1; r++) {
    const row = <usize>r * c4;
    for (let j = 0; j < cols; j += 4) {
      const n = cols - j, o = <usize>j << 2;
      const xhat = f32x4.mul(f32x4.sub(ld(x + row + o, n), ld(coef + o, n)), ld(coef + c4 + o, n));
      const inner = f32x4.sub(f32x4.sub(ld(dy + row + o, n), ld(coef + 3 * c4 + o, n)), f32x4.mul(xhat, ld(coef + 4 * c4 + o, n)));
      const v = f32x4.mul(ld(coef + 2 * c4 + o, n), inner);
      if (n >= 4) v128.store(dx + row + o, v);
      else storeN(dx + row + o, v, n);
    }
  }
}
