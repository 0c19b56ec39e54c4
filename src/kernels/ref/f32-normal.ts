/**
 * The normal values of one block, as the wasm normal fill computes them (`assembly/random.ts`,
 * `log4` in `assembly/vmath.ts`), in float32 arithmetic: every operation is rounded with
 * `Math.fround`. Float32 `+ - * sqrt` are correctly rounded, and a double holds the exact
 * result of any of them on two floats closely enough that one more rounding to float32 gives
 * the float32 result, so the values match the wasm kernels bit for bit.
 *
 * Pair q of a block (group `g = q >> 2` of eight values, lane `q & 3`) takes word
 * `w1 = words[8g + lane]` for the radius and `w2 = words[8g + 4 + lane]` for the angle, and
 * gives values `8g + lane` and `8g + 4 + lane`: `mean + r * a1` and `mean + r * a2`, where
 *
 * - `r = std * sqrt(-2 ln u1)`, `u1 = (k1 + 1) * 2^-24` in (0, 1] (k1 the top 24 bits of w1),
 *   ln the Cephes polynomial: `u1 = m * 2^e`, m in [0.5, 1) folded to [sqrt(1/2), sqrt(2)),
 *   `ln u1 = (m - 1) + P(m - 1) + e ln 2`;
 * - `x = (k2 * 2^-24 - 1/2) * pi/2` in [-pi/4, pi/4) (k2 the top 24 bits of w2), s and c its
 *   Cephes sine and cosine polynomials; `a1, a2 = (s, c)`, swapped to `(c, s)` when bit 0 of
 *   w2 is set, then a1 negated when bit 1 is set and a2 when bit 2 is set.
 */
const f = Math.fround;

/** 2^-24: uniform values are k * 2^-24 for the top 24 bits k of a word. */
export const INV24 = 5.9604644775390625e-8;
const HALF_PI = f(1.5707963267948966);
const LN2_HI = f(0.693359375);
const LN2_LO = f(-2.12194440e-4);
const SQRT_HALF = f(0.707106781186547524);
/** Coefficients of P(x) / x^3, highest degree first. */
const LOG_POLY = Float64Array.from(
  [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1],
  f,
);
const S0 = f(-1.9515295891e-4), S1 = f(8.3321608736e-3), S2 = f(-1.6666654611e-1);
const C0 = f(2.443315711809948e-5), C1 = f(-1.388731625493765e-3), C2 = f(4.166664568298827e-2);

/** Per pair: the folded mantissa, the exponent, the log polynomial, then the radius. */
const M = new Float64Array(512), E = new Float64Array(512), Y = new Float64Array(512);

/** Radii of the pairs `q < pairs` into Y, the polynomial one coefficient at a time over all pairs so their operations overlap. */
function radii(words: Int32Array, pairs: number, std: number): void {
  for (let q = 0; q < pairs; q++) {
    const j = (words[8 * (q >> 2) + (q & 3)]! >>> 8) + 1; // u1 = j * 2^-24, j in [1, 2^24]
    const p = 31 - Math.clz32(j);
    const m = j / (1 << (p + 1)); // [0.5, 1), exact
    const small = m < SQRT_HALF;
    E[q] = small ? p - 24 : p - 23;
    M[q] = small ? f(f(m - 1) + m) : f(m - 1);
    Y[q] = LOG_POLY[0]!;
  }
  for (let k = 1; k < LOG_POLY.length; k++) {
    const c = LOG_POLY[k]!;
    for (let q = 0; q < pairs; q++) Y[q] = f(f(Y[q]! * M[q]!) + c);
  }
  for (let q = 0; q < pairs; q++) {
    const m = M[q]!, e = E[q]!, z = f(m * m);
    let y = f(f(Y[q]! * m) * z);
    y = f(y + f(e * LN2_LO));
    y = f(y - f(z * 0.5));
    const ln = f(f(m + y) + f(e * LN2_HI));
    Y[q] = f(f(Math.sqrt(f(ln * -2))) * std);
  }
}

/**
 * Writes the first `count` normal values of a block with raw words `words` to
 * `out[start ..]`; `mean` and `std` must be float32 values.
 */
export function normalBlock(words: Int32Array, count: number, mean: number, std: number, out: Float32Array | Float64Array, start: number): void {
  radii(words, 4 * Math.ceil(count / 8), std);
  for (let g = 0; g < count; g += 8) {
    for (let lane = 0; lane < 4 && g + lane < count; lane++) {
      const w2 = words[g + 4 + lane]!;
      const x = f(f((w2 >>> 8) * INV24 - 0.5) * HALF_PI);
      const x2 = f(x * x);
      let sp = f(f(x2 * S0) + S1);
      sp = f(f(sp * x2) + S2);
      const s = f(f(f(sp * x2) * x) + x);
      let cp = f(f(x2 * C0) + C1);
      cp = f(f(cp * x2) + C2);
      const c = f(f(1 - f(x2 * 0.5)) + f(f(cp * x2) * x2));
      // Exact selects and sign flips by 0/1 arithmetic (s is never -0, c never 0): no branch on random bits.
      const swap = w2 & 1;
      const a1 = (s * (1 - swap) + c * swap) * (1 - (w2 & 2));
      const a2 = (c * (1 - swap) + s * swap) * (1 - ((w2 & 4) >> 1));
      const r = Y[(g >> 1) + lane]!;
      out[start + g + lane] = f(mean + f(r * a1));
      if (g + 4 + lane < count) out[start + g + 4 + lane] = f(mean + f(r * a2));
    }
  }
}
