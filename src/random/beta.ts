/**
 * Gamma and Beta draws from a seeded Xoshiro128 stream: Marsaglia & Tsang (2000) for shape
 * >= 1, and for shape < 1 the boost `Gamma(a) = Gamma(a + 1) U^(1/a)`, kept in log space so
 * that tiny shapes (mixup's alpha 0.1) never underflow to 0/0.
 */
import type { Xoshiro128 } from './xoshiro.js';

/** log of a Gamma(shape, 1) draw, shape > 0. */
export function logGamma(rng: Xoshiro128, shape: number): number {
  if (shape < 1) {
    const u = (rng.nextU32() + 1) / 4294967297; // (0, 1]
    return logGamma(rng, shape + 1) + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
}

/** A Beta(a, b) draw, a, b > 0: `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`. */
export function sampleBeta(rng: Xoshiro128, a: number, b: number): number {
  const lx = logGamma(rng, a);
  const ly = logGamma(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}
