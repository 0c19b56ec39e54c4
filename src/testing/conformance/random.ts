/**
 * Conformance of the random fills: statistics within bounds justified by the sample size
 * (6 standard errors: a false alarm about once in 500 million checks), and reproducibility.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../kernels/backend.js';
import { assertWithin, moments } from './helpers.js';

const N = 400_000;
const SIGMAS = 6;

/** Registers the random-fill checks. */
export function randomTests(get: () => Backend): void {
  it('fillNormal: mean, variance, tail mass, lag-1 correlation', () => {
    const b = get();
    const out = b.alloc(N);
    b.fillNormal(b.createRandom(11), out, N, 0.5, 2);
    const { mean, variance, tail } = moments(out, N, 0.5, 2 * 2);
    assertWithin(mean, 0.5, 2 / Math.sqrt(N), SIGMAS, 'normal mean');
    assertWithin(variance, 4, 4 * Math.sqrt(2 / N), SIGMAS, 'normal variance');
    const p = 0.0455003; // P(|z| > 2)
    assertWithin(tail, p, Math.sqrt((p * (1 - p)) / N), SIGMAS, 'normal mass beyond 2 sigma');
    let c = 0;
    for (let i = 1; i < N; i++) c += (out[i]! - 0.5) * (out[i - 1]! - 0.5);
    assertWithin(c / (N - 1) / 4, 0, 1 / Math.sqrt(N), SIGMAS, 'normal lag-1 correlation');
  });

  it('fillUniform: range, mean, variance', () => {
    const b = get();
    const out = b.alloc(N);
    b.fillUniform(b.createRandom(12), out, N, -3, 5);
    for (let i = 0; i < N; i++) if (!(out[i]! >= -3 && out[i]! <= 5)) assert.fail(`uniform value ${out[i]} outside [-3, 5]`);
    const { mean, variance } = moments(out, N);
    const span = 8;
    assertWithin(mean, 1, span / Math.sqrt(12 * N), SIGMAS, 'uniform mean');
    assertWithin(variance, span ** 2 / 12, span ** 2 * Math.sqrt((1 / 80 - 1 / 144) / N), SIGMAS, 'uniform variance');
  });

  it('fillBernoulli: only 0 and 1, rate p', () => {
    const b = get();
    for (const p of [0.1, 0.5, 0.9]) {
      const out = b.alloc(N);
      b.fillBernoulli(b.createRandom(13), out, N, p);
      let ones = 0;
      for (let i = 0; i < N; i++) {
        if (out[i] !== 0 && out[i] !== 1) assert.fail(`bernoulli value ${out[i]}`);
        ones += out[i]!;
      }
      assertWithin(ones / N, p, Math.sqrt((p * (1 - p)) / N), SIGMAS, `bernoulli rate p=${p}`);
    }
  });

  it('equal seeds give equal streams, other seeds other values, odd lengths included', () => {
    const b = get();
    const draw = (seed: number): Float32Array => {
      const rng = b.createRandom(seed);
      const parts: number[] = [];
      for (const n of [1, 7, 1023, 1025, 33, 50_000]) {
        const out = b.alloc(n);
        b.fillNormal(rng, out, n, 0, 1);
        parts.push(...out);
        b.fillUniform(rng, out, n, 0, 1);
        parts.push(...out);
        b.fillBernoulli(rng, out, n, 0.3);
        parts.push(...out);
      }
      return Float32Array.from(parts);
    };
    const a = draw(42);
    assert.deepEqual(draw(42), a);
    const other = draw(43);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === other[i] && a[i] !== 0 && a[i] !== 1) same++;
    assert.ok(same < a.length / 1000, `seeds 42 and 43 share ${same} values`);
    assert.equal(b.createRandom(42).seed, 42);
  });
}
