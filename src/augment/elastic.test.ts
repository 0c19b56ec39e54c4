import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displacementFields, elastic, gaussianMatrix } from './elastic.js';
import { augmentContext, images } from '../testing/augment-harness.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';

const sparse = { kind: 'sparse', labels: new Int32Array(0) } as const;

test('the smoothing matrix is the normalised Gaussian truncated at 4 sigma', () => {
  const n = 30;
  const m = Float64Array.from(gaussianMatrix(n, 2));
  const row = m.subarray(15 * n, 16 * n);
  assert.ok(Math.abs(row.reduce((a, v) => a + v, 0) - 1) < 1e-12, 'interior rows sum to 1');
  assert.ok(Math.abs(row[16]! / row[15]! - Math.exp(-1 / 8)) < 1e-12);
  assert.equal(row[15 + 8]! > 0 && row[15 + 9], 0, 'zero beyond radius 8');
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.equal(m[i * n + j], m[j * n + i]);
});

test('displacements are U(-1, 1) fields smoothed and scaled: interior sd alpha * sqrt(1/3) * sum(g^2)', () => {
  const count = 500;
  const h = 32;
  const sigma = 2;
  const alpha = 10;
  const b = createRefBackend('float64');
  const ctx = augmentContext(h * h, 2, b);
  const f = displacementFields(b, b.createRandom(3), count, h, h, alpha, sigma, ctx.buffer);
  const g = Float64Array.from(gaussianMatrix(h, sigma)).subarray(16 * h, 17 * h);
  const s2 = g.reduce((a, v) => a + v * v, 0);
  const expected = (alpha * alpha * s2 * s2) / 3;
  // Pixels 16 apart (2 radii) have independent values: 4 pixels x 2 fields x 500 images = 4000
  // near-normal samples, relative standard error of the variance sqrt(2 / 4000) = 2.2%.
  let sum = 0;
  let m = 0;
  for (let r = 0; r < count; r++) {
    for (const [y, x] of [[8, 8], [8, 24], [24, 8], [24, 24]]) {
      for (const k of [0, 1]) {
        const v = f[y! * 2 * count * h + (2 * r + k) * h + x!]!;
        sum += v * v;
        m++;
      }
    }
  }
  assert.ok(Math.abs(sum / m / expected - 1) < 5 * 0.023, `variance ${sum / m} vs ${expected}`);
});

test('elastic stays in the input range, is seeded, the identity at alpha 0, and needs images', () => {
  const run = (seed: number, alpha: number): Float64Array => {
    const img = images(8, 28 * 28);
    const e = elastic({ alpha, sigma: 4 });
    e.setup({ sampleSize: 784, outputs: 10, imageShape: [28, 28] });
    e.seedRandom(seed);
    e.apply(img, sparse, 8, augmentContext(784, 10));
    return img;
  };
  const out = run(1, 34);
  assert.ok(out.every((v) => v >= 0 && v < 1));
  assert.notDeepEqual(out, images(8, 784));
  assert.deepEqual(run(1, 34), out);
  assert.notDeepEqual(run(2, 34), out);
  assert.deepEqual(run(1, 0), images(8, 784));
  assert.throws(() => elastic({ alpha: 34, sigma: 4 }).setup({ sampleSize: 784, outputs: 10 }), /elastic: needs images/);
  assert.throws(() => elastic({ alpha: 34, sigma: 0 }), /elastic: sigma must be a number > 0, received 0/);
  assert.deepEqual(elastic({ alpha: 34, sigma: 4, shape: [28, 28] }).getConfig(), { alpha: 34, sigma: 4, shape: [28, 28] });
});
