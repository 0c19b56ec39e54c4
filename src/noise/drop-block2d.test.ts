import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropBlock2d } from './drop-block2d.js';
import { noiseLayerContract, ready, run } from '../testing/noise-harness.js';

noiseLayerContract('DropBlock2D', () => dropBlock2d({ blockSize: 2, keepProb: 0.7 }), (n) => (n % 4 === 0 ? [2, n / 4, 2] : [1, n, 1]));

/** Expected fraction of dropped units: each unit is dropped unless none of the k centers whose block covers it is a seed, `1 - (1 - gamma)^k`. */
function expectedDropRate(h: number, w: number, b: number, gamma: number): number {
  const covering = (i: number, size: number): number => {
    let k = 0;
    for (let center = Math.floor(b / 2); center < size - Math.floor((b - 1) / 2); center++) if (i >= center - Math.floor(b / 2) && i < center - Math.floor(b / 2) + b) k++;
    return k;
  };
  let sum = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) sum += 1 - (1 - gamma) ** (covering(y, h) * covering(x, w));
  return sum / (h * w);
}

test('dropBlock2d seeds blocks at its gamma formula, drops the rate that gamma gives, and rescales by count / kept', () => {
  const [h, w, c, batch, b, keep] = [12, 10, 4, 300, 3, 0.85];
  const layer = ready(dropBlock2d({ blockSize: b, keepProb: keep }), [h, w, c], 2);
  const gamma = ((1 - keep) / (b * b)) * ((h * w) / ((h - b + 1) * (w - b + 1)));
  assert.ok(Math.abs(layer.gamma(keep) - gamma) < 1e-15);
  const n = batch * h * w * c;
  const y = run(layer, new Float64Array(n).fill(1), batch);
  const dropped = y.filter((v) => v === 0).length / n;
  const expected = expectedDropRate(h, w, b, gamma);
  // Units of one map are correlated; a map's 120 units are at most 9-fold dependent, so the
  // standard error over 1200 maps is below sqrt(9 * p (1 - p) / n).
  const se = Math.sqrt((9 * expected * (1 - expected)) / n);
  assert.ok(Math.abs(dropped - expected) < 5 * se, `drop rate ${dropped}, expected ${expected} (se ${se})`);
  assert.ok(Math.abs(expected - (1 - keep)) < 0.25 * (1 - keep), `the formula aims at 1 - keepProb = ${1 - keep}, overlaps give ${expected}`);
  const kept = y.find((v) => v !== 0)!;
  assert.ok(Math.abs(kept - 1 / (1 - dropped)) < 1e-6 * kept, `kept units scaled by count / kept: ${kept}`);
  assert.ok(Math.abs(y.reduce((s, v) => s + v, 0) - n) < 1e-3 * n, 'the batch keeps its sum');
});

test('dropBlock2d drops whole squares: isolated seeds give blockSize x blockSize holes inside the map', () => {
  const [h, w] = [9, 9];
  const layer = ready(dropBlock2d({ blockSize: 3, keepProb: 0.99 }), [h, w, 1], 7);
  const y = run(layer, new Float64Array(400 * h * w).fill(1), 400);
  let holes = 0;
  for (let s = 0; s < 400; s++) {
    const zeros: number[] = [];
    for (let i = 0; i < h * w; i++) if (y[s * h * w + i] === 0) zeros.push(i);
    if (zeros.length !== 9) continue; // none, or overlapping blocks
    const ys = zeros.map((i) => Math.floor(i / w));
    const xs = zeros.map((i) => i % w);
    assert.equal(Math.max(...ys) - Math.min(...ys), 2);
    assert.equal(Math.max(...xs) - Math.min(...xs), 2);
    holes++;
  }
  assert.ok(holes > 20, `${holes} single blocks seen`);
});

test('dropBlock2d in its scheduled form is off at keepProb 1 and drops more as the schedule goes on', () => {
  const layer = ready(dropBlock2d({ blockSize: 2, keepProb: { from: 1, to: 0.8 } }), [8, 8, 2], 1);
  const x = new Float64Array(50 * 128).fill(1);
  const at = (step: number): number => run(layer, x, 50, { training: true, step, epoch: 0, totalSteps: 11, totalEpochs: 1 }).filter((v) => v === 0).length;
  assert.equal(at(0), 0, 'keepProb 1 at the first step');
  assert.ok(at(5) < at(10), 'more dropped at the end');
});
