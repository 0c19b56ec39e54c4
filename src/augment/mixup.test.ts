import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixup } from './mixup.js';
import { sampleBeta } from '../random/beta.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { augmentContext } from '../testing/augment-harness.js';
import type { BatchTargets } from '../parts/loss.js';

const K = 8;

/** A batch whose inputs are the one-hot rows of its labels, so mixed inputs must equal mixed targets. */
function batch(count: number): { x: Float64Array; labels: Int32Array } {
  const labels = Int32Array.from({ length: count }, (_, r) => (r * 3) % K);
  const x = new Float64Array(count * K);
  labels.forEach((l, r) => (x[r * K + l] = 1));
  return { x, labels };
}

for (const mode of ['batch', 'sample'] as const) {
  test(`mixup (${mode}) mixes targets exactly like the inputs, with weights from Beta(alpha, alpha)`, () => {
    const m = mixup({ alpha: 0.4, mode });
    m.seedRandom(3);
    const ctx = augmentContext(K, K);
    for (let step = 0; step < 20; step++) {
      const { x, labels } = batch(K);
      const t = m.apply(x, { kind: 'sparse', labels }, K, ctx) as Extract<BatchTargets, { kind: 'dense' }>;
      assert.equal(t.kind, 'dense');
      for (let i = 0; i < K * K; i++) assert.ok(Math.abs(t.values[i]! - x[i]!) < 1e-12, `step ${step} value ${i}`);
      assert.equal(m.lastLambdas.length, mode === 'batch' ? 1 : K);
      // Labels are distinct, so row r holds l_r at its own class unless it was paired with itself.
      for (let r = 0; r < K; r++) {
        const l = m.lastLambdas[mode === 'batch' ? 0 : r]!;
        const own = x[r * K + labels[r]!]!;
        assert.ok(Math.abs(own - l) < 1e-12 || own === 1, `row ${r}: ${own} vs ${l}`);
        let sum = 0;
        for (let j = 0; j < K; j++) sum += x[r * K + j]!;
        assert.ok(Math.abs(sum - 1) < 1e-12);
      }
    }
  });
}

test('Beta(a, a) draws have mean 1/2 and variance 1 / (4 (2a + 1))', () => {
  const n = 20_000;
  for (const a of [0.1, 0.4, 2]) {
    const rng = new Xoshiro128(7);
    const v = Float64Array.from({ length: n }, () => sampleBeta(rng, a, a));
    let mean = 0;
    for (const x of v) mean += x / n;
    let variance = 0;
    for (const x of v) variance += (x - mean) ** 2 / (n - 1);
    const expected = 1 / (4 * (2 * a + 1));
    // |l - 1/2| <= 1/2, so the fourth central moment is <= 1/16: the standard error of the
    // variance is at most sqrt(1/16 / 2e4) = 1.8e-3, of the mean sqrt(0.25 / 2e4) = 3.5e-3.
    assert.ok(v.every((x) => x >= 0 && x <= 1 && Number.isFinite(x)));
    assert.ok(Math.abs(mean - 0.5) < 5 * Math.sqrt(expected / n), `a ${a}: mean ${mean}`);
    assert.ok(Math.abs(variance - expected) < 5 * 1.8e-3, `a ${a}: variance ${variance} vs ${expected}`);
  }
});

test('mixup is reproduced by the seed, is the identity at alpha 0 and mixes dense targets too', () => {
  const run = (seed: number, alpha: number): Float64Array => {
    const m = mixup({ alpha });
    m.seedRandom(seed);
    const { x, labels } = batch(K);
    m.apply(x, { kind: 'sparse', labels }, K, augmentContext(K, K));
    return x;
  };
  assert.deepEqual(run(1, 0.3), run(1, 0.3));
  assert.notDeepEqual(run(1, 0.3), run(2, 0.3));
  assert.deepEqual(run(1, 0), batch(K).x);
  const { x } = batch(K);
  const values = Float64Array.from(x);
  const m = mixup({ alpha: 1, mode: 'sample' });
  const t = m.apply(x, { kind: 'dense', values }, K, augmentContext(K, K));
  assert.deepEqual(t.kind === 'dense' && Array.from(t.values), Array.from(x));
  assert.throws(() => mixup({ alpha: -1 }), /mixup: alpha must be a number >= 0, received -1/);
  assert.throws(() => mixup({ alpha: 1, mode: 'pair' as never }), /mixup: mode must be one of 'batch', 'sample', received "pair"/);
});
