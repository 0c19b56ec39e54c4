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
 * `dy * (x - mean)` (plane 1).
 */
export function batchNormSums(p0: i32, p1: i32, scratch: usize, x: usize, dy: usize, mean: usize, rows: i32, cols: i32, count: i32, mode: i32, parts: usize): void {
  const planes = mode == SUM_DY_AND_DY_DEVIATION ? 2 : 1;
  for (let p = p0; p < p1; p++) {
    const out = parts + (<usize>(p * planes * cols) << 3);
    memory.fill(out, 0, <usize>(planes * cols) << 3);
    const end = (p + 1) * rows / count;
    for (let r = p * rows / count; r < end; r++) {
      const row = <usize>(r * cols) << 2;
      for (let j = 0; j < cols; j++) {
        const xv = <f64>load<f32>(x + row + (<usize>j << 2));
        const at = out + (<usize>j << 3);
        if (mode == SUM_X) {
          store<f64>(at, load<f64>(at) + xv);
        } else {
          const d = xv - load<f64>(mean + (<usize>j << 3));
          if (mode == SUM_SQUARED_DEVIATION) {
            store<f64>(at, load<f64>(at) + d * d);
          } else {
            const g = <f64>load<f32>(dy + row + (<usize>j << 2));
            store<f64>(at, load<f64>(at) + g);
            const at1 = at + (<usize>cols << 3);
            store<f64>(at1, load<f64>(at1) + g * d);
          }
        }
      }
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
