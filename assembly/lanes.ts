/**
 * Loads and stores of the first `n` lanes of a v128 (n from 1 to 4), for the last group of a
 * channel row whose length is not a multiple of 4: they touch no byte past lane n - 1, so a
 * kernel never reads or writes past the end of a buffer. Missing lanes load as 0.
 */

/** Lanes 0..n-1 from `p`, the others 0. */
export function loadN(p: usize, n: i32): v128 {
  if (n >= 4) return v128.load(p);
  let v = v128.load32_zero(p);
  if (n > 1) v = v128.load32_lane(p + 4, v, 1);
  if (n > 2) v = v128.load32_lane(p + 8, v, 2);
  return v;
}

/** Stores lanes 0..n-1 of `v` at `p`. */
export function storeN(p: usize, v: v128, n: i32): void {
  if (n >= 4) {
    v128.store(p, v);
    return;
  }
  v128.store32_lane(p, v, 0);
  if (n > 1) v128.store32_lane(p + 4, v, 1);
  if (n > 2) v128.store32_lane(p + 8, v, 2);
}

/** `*p += v` on lanes 0..n-1. */
// @ts-ignore: decorator
@inline export function addN(p: usize, v: v128, n: i32): void {
  if (n >= 4) v128.store(p, f32x4.add(v128.load(p), v));
  else storeN(p, f32x4.add(loadN(p, n), v), n);
}
