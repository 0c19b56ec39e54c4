import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binomialTestHalf,
  clopperPearsonLower,
  mean,
  meanInterval,
  normalCdf,
  normalQuantile,
  sampleSd,
  studentTCdf,
  studentTQuantile,
  welchInterval,
} from './stats.js';
import { logGamma, regularizedBeta } from './special-functions.js';

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, received ${actual}`);
}

/** P(X >= k), X ~ Binomial(n, p), summed term by term: an oracle independent of the beta function. */
function tailBySum(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = k; i <= n; i++) {
    let logC = 0;
    for (let j = 1; j <= i; j++) logC += Math.log((n - i + j) / j);
    s += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return s;
}

test('mean and sample standard deviation', () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  close(sampleSd([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7), 1e-15, 'sd');
  assert.ok(Number.isNaN(sampleSd([1])));
  assert.ok(Number.isNaN(mean([])));
});

test('log-gamma and the incomplete beta function at known points', () => {
  close(logGamma(5), Math.log(24), 1e-13, 'lgamma(5)');
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13, 'lgamma(1/2)');
  close(logGamma(101), 363.73937555556347, 1e-10, 'lgamma(101)');
  close(regularizedBeta(0.3, 1, 1), 0.3, 1e-14, 'I(1,1)');
  close(regularizedBeta(0.3, 2, 3), tailBySum(2, 4, 0.3), 1e-14, 'I(2,3)');
});

test('Student t quantiles match the printed tables', () => {
  const table: [number, number, number][] = [
    [0.975, 1, 12.706205],
    [0.975, 2, 4.302653],
    [0.975, 4, 2.776445],
    [0.975, 10, 2.228139],
    [0.975, 30, 2.042272],
    [0.95, 1, 6.313752],
    [0.995, 5, 4.032143],
    [0.9, 3, 1.637744],
  ];
  for (const [p, df, t] of table) close(studentTQuantile(p, df), t, 5e-7, `t(${p}, ${df})`);
  close(studentTQuantile(0.025, 10), -2.228139, 5e-7, 't(0.025, 10)');
  assert.equal(studentTQuantile(0.5, 7), 0);
  close(studentTQuantile(0.975, 1e7), 1.959964, 1e-6, 't(0.975, 1e7) -> normal');
  close(studentTCdf(studentTQuantile(0.9, 7.3), 7.3), 0.9, 1e-12, 'cdf(quantile) for a fractional df');
});

test('normal quantile (AS 241) and CDF at known points', () => {
  close(normalQuantile(0.975), 1.959964, 5e-7, 'Phi^-1(0.975)');
  close(normalQuantile(0.5), 0, 1e-16, 'Phi^-1(0.5)');
  close(normalQuantile(0.6), 0.2533471, 5e-8, 'Phi^-1(0.6)');
  close(normalQuantile(0.999), 3.090232, 5e-7, 'Phi^-1(0.999)');
  close(normalQuantile(1e-10), -6.361341, 5e-7, 'Phi^-1(1e-10)');
  close(normalQuantile(1e-20), -9.262340, 5e-7, 'Phi^-1(1e-20)');
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  close(normalCdf(1), 0.8413447461, 1e-10, 'Phi(1)');
  close(normalCdf(-2), 0.0227501319, 1e-10, 'Phi(-2)');
  close(normalCdf(0), 0.5, 1e-15, 'Phi(0)');
  close(normalCdf(-10) / 7.619853024e-24, 1, 1e-8, 'Phi(-10) relative');
  for (const p of [1e-12, 0.01, 0.3, 0.7, 0.95, 0.999999]) close(normalCdf(normalQuantile(p)) / p, 1, 1e-12, `round trip ${p}`);
});

test('t interval of a mean and Welch interval of a difference', () => {
  const m = meanInterval([1, 2, 3]);
  close(m.estimate, 2, 1e-15, 'mean');
  close(m.high - 2, 4.302653 / Math.sqrt(3), 1e-6, 'half width');
  // a = [1,2,3], b = [4,5,6]: variances 1, se^2 = 2/3, Welch df = 4, t(0.975, 4) = 2.776445.
  const w = welchInterval([1, 2, 3], [4, 5, 6]);
  close(w.estimate, -3, 1e-15, 'difference');
  close(w.df, 4, 1e-12, 'Welch df');
  close(w.low, -3 - 2.776445 * Math.sqrt(2 / 3), 1e-6, 'low');
  close(w.high, -3 + 2.776445 * Math.sqrt(2 / 3), 1e-6, 'high');
  const flat = welchInterval([0.9, 0.9], [0.8, 0.8]);
  assert.deepEqual([flat.low, flat.high].map((v) => v.toFixed(12)), ['0.100000000000', '0.100000000000']);
  assert.ok(Number.isNaN(welchInterval([1], [2, 3]).low));
});

test('Clopper-Pearson one-sided lower bound', () => {
  close(clopperPearsonLower(10, 10, 0.05), 0.741134, 5e-7, '10/10');
  close(clopperPearsonLower(10, 10, 0.05), 0.05 ** (1 / 10), 1e-14, '10/10 closed form');
  assert.equal(clopperPearsonLower(0, 10, 0.05), 0);
  close(clopperPearsonLower(5, 10, 0.05), 0.2224411, 5e-7, '5/10 (lower end of the 90% two-sided interval)');
  for (const [k, n, alpha] of [[1, 10, 0.05], [83, 100, 0.001], [9000, 10000, 0.001]] as const) {
    const p = clopperPearsonLower(k, n, alpha);
    close(tailBySum(k, n, p), alpha, 1e-9, `P(X >= ${k} | n ${n}, p_lower) = alpha`);
  }
});

test('exact two-sided binomial test against 1/2', () => {
  close(binomialTestHalf(9, 10), 22 / 1024, 1e-14, '9 of 10');
  close(binomialTestHalf(1, 10), 22 / 1024, 1e-14, '1 of 10');
  assert.equal(binomialTestHalf(5, 10), 1);
  assert.throws(() => binomialTestHalf(11, 10), /k must be an integer from 0 to n = 10/);
});
