import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ABSTAIN, certify, smoothedPredict } from './smoothing.js';
import { certifyDataset } from './certify-dataset.js';
import { normalCdf, normalQuantile } from './stats.js';
import { linearClassifier, pointAtDistance, repeatedPoint } from '../testing/experiment-fixtures.js';
import { Tensor } from '../tensor/tensor.js';

// f(x) = class 1 iff 3 x0 + 4 x1 - 5 > 0: ||v|| = 5, the boundary is the line 3 x0 + 4 x1 = 5.
// With e ~ N(0, s^2 I), v·e ~ N(0, s^2 ||v||^2), so a point at distance d keeps its class with
// probability pA = Phi(d / s), and the exact smoothed radius s Phi^-1(pA) is d itself.
const V: [number, number] = [3, 4];
const C = -5;
const model = linearClassifier(V, C);
const SIGMA = 0.5;
const N = 10_000;
const ALPHA = 0.001;

function at(d: number): Tensor {
  return repeatedPoint(pointAtDistance(V, C, d), 1, 0).x;
}

test('the fixture: points at signed distance d land on the expected side', () => {
  const foot = pointAtDistance(V, C, 0);
  assert.ok(Math.abs(foot[0] - 0.6) < 1e-12 && Math.abs(foot[1] - 0.8) < 1e-12, `foot ${foot}`);
  const p = pointAtDistance(V, C, 0.5);
  assert.ok(Math.abs((V[0] * p[0] + V[1] * p[1] + C) / 5 - 0.5) < 1e-12);
});

test('CERTIFY recovers the distance to the boundary of a linear classifier, within Monte Carlo slack', () => {
  for (const d of [0.25, 0.5, 1, -0.5, -1]) {
    const c = certify(model, at(d), 0, { sigma: SIGMA, n: N, alpha: ALPHA, seed: 1 });
    const dist = Math.abs(d);
    const pA = normalCdf(dist / SIGMA);
    const se = Math.sqrt((pA * (1 - pA)) / N);
    // pA_lower is about pA_hat - 3.09 se, and pA_hat is within 4 se of pA: the radius sits just below d.
    const lowest = SIGMA * normalQuantile(pA - 4 * se - 3.5 * se);
    assert.equal(c.prediction, d > 0 ? 1 : 0, `side at d=${d}`);
    assert.ok(c.radius < dist + 0.02, `d=${d}: radius ${c.radius} above the distance`);
    assert.ok(c.radius > lowest, `d=${d}: radius ${c.radius} below ${lowest}`);
    assert.ok(Math.abs(c.radius - SIGMA * normalQuantile(c.pALower)) < 1e-12);
  }
});

test('CERTIFY and PREDICT abstain next to the boundary and answer far from it', () => {
  const near = certify(model, at(0.005), 0, { sigma: SIGMA, n: N, alpha: ALPHA, seed: 2 });
  assert.equal(near.prediction, ABSTAIN);
  assert.equal(near.radius, 0);
  assert.ok(near.pALower <= 0.5);
  assert.equal(smoothedPredict(model, at(0.005), 0, { sigma: SIGMA, n: 1000, alpha: ALPHA, seed: 2 }), ABSTAIN);
  assert.equal(smoothedPredict(model, at(0.5), 0, { sigma: SIGMA, n: 1000, alpha: ALPHA, seed: 2 }), 1);
  assert.equal(smoothedPredict(model, at(-0.5), 0, { sigma: SIGMA, n: 1000, alpha: ALPHA, seed: 2 }), 0);
});

test('the same seed gives the same certificate; a bad sigma is rejected', () => {
  const a = certify(model, at(0.3), 0, { sigma: SIGMA, n: 2000, seed: 5 });
  assert.deepEqual(certify(model, at(0.3), 0, { sigma: SIGMA, n: 2000, seed: 5 }), a);
  assert.notDeepEqual(certify(model, at(0.3), 0, { sigma: SIGMA, n: 2000, seed: 6 }), a);
  assert.throws(() => certify(model, at(0.3), 0, { sigma: 0 }), /sigma must be a number > 0, received 0/);
});

test('certified accuracy over a test set counts correct, non-abstained samples with R >= r', async () => {
  const points = [pointAtDistance(V, C, 1), pointAtDistance(V, C, -0.5), pointAtDistance(V, C, 0.002), pointAtDistance(V, C, 1)];
  const x = new Tensor(Float32Array.from(points.flat()), [4, 2]);
  const y = new Tensor(Int32Array.from([1, 0, 1, 0]), [4]); // the last label is wrong on purpose
  const progress: number[] = [];
  const report = await certifyDataset(model, x, y, { sigma: SIGMA, n: N, alpha: ALPHA, radii: [0, 0.4, 0.8, 1.1], onProgress: (d) => progress.push(d) });
  assert.deepEqual(progress, [1, 2, 3, 4]);
  assert.deepEqual(report.samples.map((s) => s.prediction), [1, 0, ABSTAIN, 1]);
  assert.deepEqual(report.samples.map((s) => s.correct), [true, true, false, false]);
  assert.deepEqual(report.certifiedAccuracy, [
    { radius: 0, accuracy: 0.5 },
    { radius: 0.4, accuracy: 0.5 },
    { radius: 0.8, accuracy: 0.25 },
    { radius: 1.1, accuracy: 0 },
  ]);
  assert.equal(report.abstainRate, 0.25);
  assert.equal(report.n0, 100);
});
