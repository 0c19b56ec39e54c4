import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutMix, type CutMixOptions } from './cut-mix.js';
import { augmentContext } from '../testing/augment-harness.js';

const [H, W, C, K] = [10, 12, 2, 5];

/** Image r holds the value r + 1 everywhere, so every pixel tells which image it came from. */
function mix(options: CutMixOptions, count: number, seed: number, step = 0): { x: Float64Array; y: Float64Array; lambdas: Float64Array; partners: Int32Array } {
  const c = cutMix({ ...options, shape: [H, W] });
  c.seedRandom(seed);
  c.atStep(step);
  const size = H * W * C;
  const x = Float64Array.from({ length: count * size }, (_, i) => Math.floor(i / size) + 1);
  const labels = Int32Array.from({ length: count }, (_, r) => r % K);
  const t = c.apply(x, { kind: 'sparse', labels }, count, augmentContext(size, K, undefined, step));
  assert.equal(t.kind, 'dense');
  return { x, y: Float64Array.from(t.kind === 'dense' ? t.values : []), lambdas: c.lastLambdas, partners: c.lastPartners };
}

test("cutMix pastes one rectangle of the partner image and weighs the labels by the kept areas exactly", () => {
  for (const mode of ['batch', 'sample'] as const) {
    const count = 64;
    const { x, y, lambdas, partners } = mix({ mode }, count, 3);
    const size = H * W * C;
    for (let r = 0; r < count; r++) {
      const own = x.subarray(r * size, (r + 1) * size);
      const pasted = own.filter((v) => v !== r + 1);
      const partner = partners[r]!;
      assert.ok(pasted.every((v) => v === partner + 1), 'pasted pixels come from the partner');
      if (partner !== r) assert.equal(1 - pasted.length / size, lambdas[r], `${mode}: the label weight is the kept area`);
      // The pasted pixels form one rectangle, all channels alike.
      const pixels = [...Array(H * W).keys()].filter((p) => own[p * C] !== r + 1);
      for (const p of pixels) assert.equal(own[p * C + 1], own[p * C]);
      if (pixels.length && partner !== r) {
        const ys = pixels.map((p) => Math.floor(p / W));
        const xs = pixels.map((p) => p % W);
        assert.equal(pixels.length, (Math.max(...ys) - Math.min(...ys) + 1) * (Math.max(...xs) - Math.min(...xs) + 1));
      }
      for (let k = 0; k < K; k++) {
        const expected = lambdas[r]! * (k === r % K ? 1 : 0) + (1 - lambdas[r]!) * (k === partner % K ? 1 : 0);
        assert.ok(Math.abs(y[r * K + k]! - expected) < 1e-12, `${mode}: target ${r},${k}`);
      }
    }
    if (mode === 'batch') assert.equal(new Set(Array.from(lambdas)).size <= 2, true, 'one box per batch (identity partners keep 1)');
  }
});

/** E[l] of the authors' box: l0 ~ U(0, 1) (alpha 1), sides floor(n sqrt(1 - l0)), half on each side of a uniform center, clipped. */
function expectedKept(): { mean: number; sd: number } {
  const span = (n: number, cut: number): number => {
    const half = Math.floor(Math.floor(n * cut) / 2);
    let s = 0;
    for (let c = 0; c < n; c++) s += Math.min(c + half, n) - Math.max(c - half, 0);
    return s / n;
  };
  let m1 = 0;
  let m2 = 0;
  const steps = 20000;
  for (let i = 0; i < steps; i++) {
    const cut = Math.sqrt(1 - (i + 0.5) / steps);
    // Rows and columns are independent given l0, so the mean area is the product of mean spans.
    // The sd below counts the spread over l0 only; + 0.1 allows generously for the centers'.
    const l = 1 - (span(H, cut) * span(W, cut)) / (H * W);
    m1 += l / steps;
    m2 += (l * l) / steps;
  }
  return { mean: m1, sd: Math.sqrt(Math.max(m2 - m1 * m1, 0)) + 0.1 };
}

test("cutMix kept areas follow the authors' box: l0 ~ Beta(1, 1), sides n sqrt(1 - l0), uniform centers, clipped", () => {
  const kept: number[] = [];
  for (let step = 0; step < 1500; step++) {
    const { lambdas, partners } = mix({ alpha: 1 }, 4, 5, step);
    if (partners[0] !== 0) kept.push(lambdas[0]!);
  }
  const mean = kept.reduce((s, v) => s + v, 0) / kept.length;
  const e = expectedKept();
  assert.ok(Math.abs(mean - e.mean) < 5 * (e.sd / Math.sqrt(kept.length)), `mean kept area ${mean}, expected ${e.mean}`);
  assert.ok(kept.some((v) => v < 0.45) && kept.some((v) => v === 1), 'large boxes and empty ones');
});

test('cutMix with probability p cuts a fraction p of the batches; it is reproduced by the seed', () => {
  let cut = 0;
  for (let step = 0; step < 2000; step++) if (mix({ probability: 0.3 }, 3, 1, step).lambdas.some((l) => l < 1)) cut++;
  // A batch cut with a box of zero area (l0 near 1) counts as uncut: slightly below 0.3. Standard error 0.01.
  assert.ok(cut / 2000 > 0.25 && cut / 2000 < 0.33, `cut fraction ${cut / 2000}`);
  assert.deepEqual(mix({}, 8, 9).x, mix({}, 8, 9).x);
  assert.notDeepEqual(mix({}, 8, 9).x, mix({}, 8, 10).x);
  assert.throws(() => cutMix({ probability: 2 }), /cutMix: probability must be a number >= 0 and <= 1, received 2/);
});
