// Measures the figures of docs/results/noise-as-ridge.md (after `npm run build`):
// a linear model with Gaussian input noise against the closed-form ridge of alpha = n s^2 on the
// diabetes table, then an MLP on the same table with input noise, over seeds, with 95% intervals.
// Usage: node scripts/noise-ridge.mjs
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sequential, input, dense, gaussianNoise, adam } from '../dist/index.js';
import { noiseRidgeAlpha, ridgeSolution } from '../dist/experiments/ridge.js';
import { meanInterval, welchInterval } from '../dist/experiments/stats.js';
import { Xoshiro128, shuffleInPlace } from '../dist/random/xoshiro.js';

const DIR = '/usr/lib/python3/dist-packages/sklearn/datasets/data/';
if (!existsSync(`${DIR}diabetes_data_raw.csv.gz`)) throw new Error("needs Debian's python3-sklearn (the diabetes table)");
const rows = (f) => gunzipSync(readFileSync(DIR + f)).toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
const raw = rows('diabetes_data_raw.csv.gz');
const target = rows('diabetes_target.csv.gz').flat();
const stats = (v) => {
  const m = v.reduce((s, a) => s + a, 0) / v.length;
  return { m, sd: Math.sqrt(v.reduce((s, a) => s + (a - m) ** 2, 0) / v.length) };
};
const n = raw.length;
const colStats = raw[0].map((_, j) => stats(raw.map((r) => r[j])));
const ts = stats(target);
const x = raw.map((r) => r.map((v, j) => (v - colStats[j].m) / colStats[j].sd));
const t = target.map((v) => (v - ts.m) / ts.sd);
const norm = (w) => Math.hypot(...w);
const relative = (a, b) => Math.hypot(...a.map((v, i) => v - b[i])) / norm(b);
const mse = (w, b, xs, ys) => xs.reduce((s, r, i) => s + (r.reduce((a, v, j) => a + v * w[j], b) - ys[i]) ** 2, 0) / xs.length;

console.log('Linear model, all 442 rows, features and target standardised; 1000 full-batch epochs of Adam 0.01, then 300 of Adam 0.001 averaged.');
console.log('| s | alpha = n s^2 | distance to ridge | distance to least squares | norm learned | norm ridge | train MSE learned | train MSE ridge |');
const ls = ridgeSolution(x, t, 0).weights;
for (const s of [0, 0.1, 0.3, 0.5, 1, 2, 5]) {
  const model = sequential([input({ shape: [10] }), gaussianNoise({ stddev: s }), dense({ units: 1 })]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'meanSquaredError' });
  await model.fit(x, t, { epochs: 1000, batchSize: n, seed: 1 });
  model.compile({ optimizer: adam({ learningRate: 0.001 }), loss: 'meanSquaredError' });
  const w = new Array(10).fill(0);
  let b = 0;
  await model.fit(x, t, { epochs: 300, batchSize: n, seed: 2, callbacks: [{ onEpochEnd: () => { const [k, bias] = model.getWeights(); k.data.forEach((v, j) => (w[j] += v / 300)); b += bias.data[0] / 300; } }] });
  const ridge = ridgeSolution(x, t, noiseRidgeAlpha(n, s));
  console.log(`| ${s} | ${noiseRidgeAlpha(n, s).toFixed(1)} | ${(100 * relative(w, ridge.weights)).toFixed(2)}% | ${(100 * relative(w, ls)).toFixed(1)}% | ${norm(w).toFixed(4)} | ${norm(ridge.weights).toFixed(4)} | ${mse(w, b, x, t).toFixed(4)} | ${mse(ridge.weights, ridge.intercept, x, t).toFixed(4)} |`);
  model.dispose();
}

// The MLP: a seeded 80/20 split, the features standardised on the training rows, 5 seeds per level.
const order = Array.from({ length: n }, (_, i) => i);
shuffleInPlace(order, new Xoshiro128(42));
const cut = Math.floor(0.8 * n);
const pick = (idx) => ({ x: idx.map((i) => raw[i]), t: idx.map((i) => target[i]) });
const train = pick(order.slice(0, cut));
const val = pick(order.slice(cut));
const fs = raw[0].map((_, j) => stats(train.x.map((r) => r[j])));
const tts = stats(train.t);
const sx = (xs) => xs.map((r) => r.map((v, j) => (v - fs[j].m) / fs[j].sd));
const st = (ys) => ys.map((v) => (v - tts.m) / tts.sd);
const [xtr, ttr, xva, tva] = [sx(train.x), st(train.t), sx(val.x), st(val.t)];
const seeds = [1, 2, 3, 4, 5];
for (const [name, hidden, epochs] of [['MLP 64-64 relu', [64, 64], 200], ['linear', [], 200]]) {
  console.log(`\n${name}: ${cut} train, ${n - cut} validation rows; Adam 0.001, batch 32, ${epochs} epochs; validation MSE in target variances, and its difference to no noise (Welch), 95% intervals over ${seeds.length} seeds`);
  console.log('| s | val MSE | 95% interval | minus no noise | 95% interval | val r2 |');
  let base = null;
  for (const s of [0, 0.1, 0.3, 0.5, 1, 2]) {
    const losses = [];
    const r2s = [];
    for (const seed of seeds) {
      const model = sequential([input({ shape: [10] }), gaussianNoise({ stddev: s }), ...hidden.map((u) => dense({ units: u, activation: 'relu' })), dense({ units: 1 })]);
      model.compile({ optimizer: adam({ learningRate: 0.001 }), loss: 'meanSquaredError', metrics: ['r2'] });
      await model.fit(xtr, ttr, { epochs, batchSize: 32, seed });
      const r = model.evaluate(xva, tva);
      losses.push(r.loss);
      r2s.push(r.r2);
      model.dispose();
    }
    base ??= losses;
    const m = meanInterval(losses);
    const d = welchInterval(losses, base);
    const r2 = meanInterval(r2s);
    console.log(`| ${s} | ${m.estimate.toFixed(4)} | [${m.low.toFixed(4)}, ${m.high.toFixed(4)}] | ${s === 0 ? '-' : d.estimate.toFixed(4)} | ${s === 0 ? '-' : `[${d.low.toFixed(4)}, ${d.high.toFixed(4)}]`} | ${r2.estimate.toFixed(3)} |`);
  }
}
