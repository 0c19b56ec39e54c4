/**
 * Statistics for comparing runs over seeds: mean and sample standard deviation, Student t
 * quantiles, confidence intervals of a mean and of a difference of means (Welch), and the
 * binomial bounds and tests that randomized smoothing needs (Clopper-Pearson, exact sign test).
 */
import { inverseRegularizedBeta, regularizedBeta } from './special-functions.js';
import { invalid } from '../errors.js';

export { normalCdf, normalQuantile } from './special-functions.js';

/** A two-sided confidence interval around an estimate; `low`/`high` are NaN when it cannot be computed (fewer than 2 values). */
export interface Interval {
  /** The point estimate: a mean, or a difference of means. */
  estimate: number;
  low: number;
  high: number;
  /** Degrees of freedom of the t distribution used (Welch-Satterthwaite for a difference). */
  df: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample variance (divisor n - 1); NaN for fewer than 2 values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return s / (values.length - 1);
}

/** Sample standard deviation (divisor n - 1); NaN for fewer than 2 values. */
export function sampleSd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}

/** `P(T <= t)` for Student's t with `df` > 0 degrees of freedom (df need not be an integer). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/**
 * The quantile of Student's t with `df` > 0 degrees of freedom: the t with `P(T <= t) = p`.
 * Exact up to rounding, by inverting `P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2)`.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) throw invalid('studentTQuantile', 'df', 'a number > 0', df);
  if (!(p >= 0 && p <= 1)) throw invalid('studentTQuantile', 'p', 'a probability in [0, 1]', p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const x = inverseRegularizedBeta(2 * (1 - p), df / 2, 0.5);
  return x === 0 ? Infinity : Math.sqrt((df * (1 - x)) / x);
}

function checkLevel(where: string, level: number): number {
  if (!(level > 0 && level < 1)) throw invalid(where, 'level', 'a number between 0 and 1', level);
  return level;
}

/** The t confidence interval of the mean of `values` at `level` (default 0.95). */
export function meanInterval(values: readonly number[], level = 0.95): Interval {
  checkLevel('meanInterval', level);
  const n = values.length;
  const estimate = mean(values);
  if (n < 2) return { estimate, low: Number.NaN, high: Number.NaN, df: Number.NaN, level };
  const half = studentTQuantile(0.5 + level / 2, n - 1) * Math.sqrt(sampleVariance(values) / n);
  return { estimate, low: estimate - half, high: estimate + half, df: n - 1, level };
}

/**
 * Welch's confidence interval of `mean(a) - mean(b)` at `level` (default 0.95): unequal
 * variances, Welch-Satterthwaite degrees of freedom. When both samples have zero spread the
 * interval is the point itself.
 */
export function welchInterval(a: readonly number[], b: readonly number[], level = 0.95): Interval {
  checkLevel('welchInterval', level);
  const estimate = mean(a) - mean(b);
  if (a.length < 2 || b.length < 2) return { estimate, low: Number.NaN, high: Number.NaN, df: Number.NaN, level };
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const se2 = va + vb;
  if (se2 === 0) return { estimate, low: estimate, high: estimate, df: a.length + b.length - 2, level };
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const half = studentTQuantile(0.5 + level / 2, df) * Math.sqrt(se2);
  return { estimate, low: estimate - half, high: estimate + half, df, level };
}

function checkCounts(where: string, k: number, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw invalid(where, 'n', 'an integer >= 1', n);
  if (!Number.isInteger(k) || k < 0 || k > n) throw invalid(where, 'k', `an integer from 0 to n = ${n}`, k);
}

/**
 * The one-sided Clopper-Pearson lower confidence bound on a binomial proportion after `k`
 * successes in `n` trials: the p with `P(X >= k | p) = alpha`, i.e. the alpha quantile of
 * Beta(k, n - k + 1). 0 when k = 0; `alpha^(1/n)` when k = n.
 */
export function clopperPearsonLower(k: number, n: number, alpha: number): number {
  checkCounts('clopperPearsonLower', k, n);
  if (!(alpha > 0 && alpha < 1)) throw invalid('clopperPearsonLower', 'alpha', 'a number between 0 and 1', alpha);
  if (k === 0) return 0;
  return inverseRegularizedBeta(alpha, k, n - k + 1);
}

/** `P(X >= k)` for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return regularizedBeta(p, k, n - k + 1);
}

/**
 * The two-sided p-value of the exact binomial test of `k` successes in `n` trials against
 * p = 1/2 (the sign test of Cohen et al.'s PREDICT): `min(1, 2 P(X >= max(k, n - k)))`.
 */
export function binomialTestHalf(k: number, n: number): number {
  checkCounts('binomialTestHalf', k, n);
  return Math.min(1, 2 * binomialUpperTail(Math.max(k, n - k), n, 0.5));
}

/**
 * Welch's confidence interval of `mean(a) - mean(b)` from each sample's mean, sample sd and
 * count, as summary tables hold them: the same interval as {@link welchInterval} on the values.
 * NaN bounds when either side has fewer than 2 values.
 */
export function welchIntervalFromMoments(a: { mean: number; sd: number; n: number }, b: { mean: number; sd: number; n: number }, level = 0.95): Interval {
  checkLevel('welchIntervalFromMoments', level);
  const estimate = a.mean - b.mean;
  if (a.n < 2 || b.n < 2 || !Number.isFinite(a.sd) || !Number.isFinite(b.sd)) return { estimate, low: Number.NaN, high: Number.NaN, df: Number.NaN, level };
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se2 = va + vb;
  if (se2 === 0) return { estimate, low: estimate, high: estimate, df: a.n + b.n - 2, level };
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = studentTQuantile(0.5 + level / 2, df) * Math.sqrt(se2);
  return { estimate, low: estimate - half, high: estimate + half, df, level };
}
