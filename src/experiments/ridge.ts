/**
 * The closed-form ridge regression that Gaussian input noise amounts to for a linear model
 * trained with the mean squared error (Bishop 1995). With inputs `x + e`, `e ~ N(0, s^2 I)`,
 * the expected squared error of one sample is
 *
 *   E_e[(w.(x + e) + b - t)^2] = (w.x + b - t)^2 + s^2 ||w||^2
 *
 * (the cross term has mean 0 and `E[(w.e)^2] = s^2 ||w||^2`), so the noisy mean squared error
 * over `n` samples is, in expectation, `(1/n) sum_i (w.x_i + b - t_i)^2 + s^2 ||w||^2`: the
 * ridge objective `||X w + b - t||^2 + alpha ||w||^2` divided by `n`, with `alpha = n s^2`.
 * The penalty does not grow with `n` inside the mean, but against the sum of squares it does.
 */
import { invalid } from '../errors.js';

/** The ridge strength `alpha = n s^2` that Gaussian input noise of stddev `s` gives `n` samples under the mean squared error. */
export function noiseRidgeAlpha(samples: number, stddev: number): number {
  return samples * stddev * stddev;
}

/**
 * The minimiser `(w, b)` of `||X w + b - t||^2 + alpha ||w||^2` (the intercept not penalised):
 * `w = (Xc' Xc + alpha I)^-1 Xc' tc` on centred `X` and `t`, solved in float64 by Gaussian
 * elimination with partial pivoting; `alpha = 0` gives least squares.
 */
export function ridgeSolution(x: readonly (readonly number[])[], t: readonly number[], alpha: number): { weights: number[]; intercept: number } {
  const n = x.length;
  if (n === 0 || t.length !== n) throw invalid('ridgeSolution', 't', `${n} targets, one per row of x`, t.length);
  if (!(alpha >= 0)) throw invalid('ridgeSolution', 'alpha', 'a number >= 0', alpha);
  const d = x[0]!.length;
  const mx = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  const mt = t.reduce((s, v) => s + v, 0) / n;
  // The augmented normal equations [Xc'Xc + alpha I | Xc'tc].
  const a = Array.from({ length: d }, () => new Float64Array(d + 1));
  for (let k = 0; k < n; k++) {
    const r = x[k]!;
    const tk = t[k]! - mt;
    for (let i = 0; i < d; i++) {
      const xi = r[i]! - mx[i]!;
      for (let j = 0; j < d; j++) a[i]![j]! += xi * (r[j]! - mx[j]!);
      a[i]![d]! += xi * tk;
    }
  }
  for (let i = 0; i < d; i++) a[i]![i]! += alpha;
  for (let i = 0; i < d; i++) {
    let p = i;
    for (let k = i + 1; k < d; k++) if (Math.abs(a[k]![i]!) > Math.abs(a[p]![i]!)) p = k;
    [a[i], a[p]] = [a[p]!, a[i]!];
    if (a[i]![i] === 0) throw invalid('ridgeSolution', 'x', 'columns that are not linearly dependent (or alpha > 0)', 'a singular system');
    for (let k = i + 1; k < d; k++) {
      const f = a[k]![i]! / a[i]![i]!;
      for (let j = i; j <= d; j++) a[k]![j]! -= f * a[i]![j]!;
    }
  }
  const w = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = a[i]![d]!;
    for (let j = i + 1; j < d; j++) s -= a[i]![j]! * w[j]!;
    w[i] = s / a[i]![i]!;
  }
  return { weights: w, intercept: mt - w.reduce((s, wj, j) => s + wj * mx[j]!, 0) };
}
