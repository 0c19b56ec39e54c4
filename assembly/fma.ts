/**
 * Multiply-add, the one operation the hot loops are made of. The relaxed-SIMD build
 * (`--enable relaxed-simd`) fuses it (`f32x4.relaxed_madd`: one rounding, where the CPU has
 * FMA); the plain-SIMD build multiplies then adds (two roundings). The scalar form goes
 * through the same instruction on one lane, so a value computed by a vector loop and by a
 * scalar tail loop is the same whichever the build: results never depend on where a block
 * boundary falls.
 */

/** `a * b + c` on four lanes. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** `a * b + c` on one value, rounded as {@link madd} rounds each lane. */
// @ts-ignore: decorator
@inline export function madd1(a: f32, b: f32, c: f32): f32 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.extract_lane(f32x4.relaxed_madd(f32x4.splat(a), f32x4.splat(b), f32x4.splat(c)), 0);
  return a * b + c;
}

/** 1 when this build fuses multiply-adds (relaxed SIMD), 0 for the plain-SIMD build. */
export function relaxedSimd(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}
