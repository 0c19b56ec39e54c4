import { test } from 'node:test';
import assert from 'node:assert/strict';
import { augmix, AUGMIX_OPS, augmixValue } from './augmix.js';
import { IMAGE_OPS, applyOp } from './ops/spaces.js';
import type { OpName } from './ops/image-op.js';
import { augmentContext, images } from '../testing/augment-harness.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { presetSpec } from '../models/presets.js';

const sparse = { kind: 'sparse', labels: new Int32Array(0) } as const;
const ALLOWED = new Set(AUGMIX_OPS.map((o) => o.name));

test('AugMix with one chain of one operation gives (1 - m) x + m op(x), with the operations that exclude the test corruptions', () => {
  const [h, w] = [8, 7];
  const g = { height: h, width: w, channels: 1 };
  const size = h * w;
  const a = augmix({ width: 1, depth: 1, lambda: 0, shape: [h, w] });
  a.seedRandom(1);
  const x = images(1, size, 3);
  const ctx = augmentContext(size, 3);
  const seen = new Set<string>();
  for (let step = 0; step < 60; step++) {
    const before = Float64Array.from(x);
    a.atStep(step);
    a.apply(x, sparse, 1, ctx);
    const [{ op, value }] = a.lastOps[0]!;
    seen.add(op);
    assert.equal(a.lastWeights[0], 1, 'one chain takes all the weight');
    const m = a.lastWeights[1]!;
    assert.ok(m > 0 && m < 1);
    const y = new Float64Array(size);
    applyOp(IMAGE_OPS[op as OpName], before, y, g, value, 'bilinear');
    for (let i = 0; i < size; i++) assert.ok(Math.abs(x[i]! - ((1 - m) * before[i]! + m * y[i]!)) < 1e-12, `${op}: value ${i}`);
    x.set(before);
  }
  assert.ok([...seen].every((op) => ALLOWED.has(op as OpName)), [...seen].join(', '));
  assert.ok(seen.size >= 8, `${seen.size} operations drawn`);
});

test("AugMix draws width chains of 1 to 3 operations, Dirichlet weights summing to 1, and the authors' magnitudes", () => {
  const a = augmix({ width: 4, severity: 10, lambda: 0, shape: [30, 30] });
  a.seedRandom(2);
  const x = images(300, 900, 1);
  a.apply(x, sparse, 300, augmentContext(900, 3));
  const perImage = a.lastOps.map((ops) => ops.length);
  assert.ok(Math.min(...perImage) >= 4 && Math.max(...perImage) <= 12);
  assert.ok(perImage.includes(4) && perImage.includes(12));
  const w = a.lastWeights;
  assert.ok(Math.abs(w.slice(0, 4).reduce((s, v) => s + v, 0) - 1) < 1e-12 && w.every((v) => v >= 0 && v <= 1));
  const g = { height: 30, width: 30, channels: 1 };
  for (const { op, value } of a.lastOps.flat()) {
    if (op === 'rotate') assert.ok(Number.isInteger(value) && Math.abs(value) <= 29, `rotate ${value}`);
    if (op === 'posterize') assert.ok([0, 1, 2, 3, 4].includes(value), `posterize ${value}`);
    if (op === 'translateX') assert.ok(Math.abs(value) <= 9, `translate ${value}`);
    if (op === 'shearX') assert.ok(Math.abs(value) <= 0.3, `shear ${value}`);
  }
  assert.equal(augmixValue('rotate', 3, g), 9);
  assert.equal(augmixValue('solarize', 5, g), 128 / 255);
  assert.equal(augmixValue('posterize', 3, g), 3);
  assert.equal(augmixValue('translateY', 10, g), 10);
  assert.ok(x.every((v) => v >= 0 && v <= 1), 'values stay in [0, 1]');
});

test('AugMix with its consistency loss leaves the batch clean and writes two views after it; it is reproduced by its seed', () => {
  const make = (seed: number) => {
    const a = augmix({ shape: [6, 6] });
    a.seedRandom(seed);
    const rows = images(3 * 5, 36, 4);
    const clean = rows.slice(0, 5 * 36);
    const ctx = augmentContext(36, 3);
    assert.equal(a.apply(rows, sparse, 5, ctx), sparse);
    assert.deepEqual(rows.slice(0, 5 * 36), clean, 'apply leaves the batch itself');
    a.makeViews(rows, 5, ctx);
    assert.deepEqual(rows.slice(0, 5 * 36), clean, 'the batch stays clean');
    return rows;
  };
  const rows = make(3);
  assert.equal(augmix().views, 3);
  assert.equal(augmix({ lambda: 0 }).views, 1);
  assert.notDeepEqual(rows.slice(5 * 36, 10 * 36), rows.slice(10 * 36), 'two different views');
  assert.deepEqual(make(3), rows);
  assert.notDeepEqual(make(4), rows);
});

test('AugMix is refused on feature vectors, saying why', () => {
  assert.throws(() => augmix().setup({ sampleSize: 10, outputs: 2 }), /^InvalidArgumentError: augmix: images only: its operations \(rotate, shear, translate, posterize, \.\.\.\) act on pixels, and the inputs are vectors of 10 values with no imageShape/);
  const mlp = presetSpec('mlp', { inputShape: [64], classes: 3, hidden: [8] });
  assert.throws(() => applyNoiseSpecs(['augmix'], mlp, {}), /augmix.*needs images/);
  assert.throws(() => augmix({ severity: 11 }), /augmix: severity must be/);
  assert.throws(() => augmix({ alpha: 0 }), /augmix: alpha must be/);
});

test("AugMix's views at a step depend on the seed and the step alone, so a resumed run sees the same ones", () => {
  const views = (steps: number[]) => {
    const a = augmix({ shape: [5, 5] });
    a.seedRandom(9);
    const ctx = augmentContext(25, 3);
    let rows = images(0, 25, 2);
    for (const step of steps) {
      rows = images(3 * 4, 25, 2);
      a.atStep(step);
      a.makeViews(rows, 4, { ...ctx, step });
    }
    return rows;
  };
  assert.deepEqual(views([0, 1, 2, 3]), views([3]));
  assert.notDeepEqual(views([2]), views([3]));
});
