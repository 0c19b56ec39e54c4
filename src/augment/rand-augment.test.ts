import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randAugment } from './rand-augment.js';
import { IMAGE_OPS, RAND_AUGMENT_SPACE, applyOp } from './ops/spaces.js';
import type { OpName } from './ops/image-op.js';
import { augmentContext, images } from '../testing/augment-harness.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { presetSpec } from '../models/presets.js';
import { expandSpecSets } from '../techniques/value-sets.js';

const sparse = { kind: 'sparse', labels: new Int32Array(0) } as const;

function augmented(options: Parameters<typeof randAugment>[0], count: number, h: number, w: number, c: number, seed: number) {
  const a = randAugment({ ...options, shape: [h, w] });
  a.seedRandom(seed);
  const x = images(count, h * w * c, 7);
  const before = Float64Array.from(x);
  a.apply(x, sparse, count, augmentContext(h * w * c, 3));
  return { a, x, before };
}

test('RandAugment applies n operations per image at the one magnitude: replaying them by hand gives its output', () => {
  for (const [c, n, magnitude] of [[1, 2, 9], [3, 3, 20]] as const) {
    const [h, w] = [7, 6];
    const size = h * w * c;
    const { a, x, before } = augmented({ n, magnitude }, 40, h, w, c, 3);
    const g = { height: h, width: w, channels: c };
    assert.equal(a.lastOps.length, 40);
    for (let r = 0; r < 40; r++) {
      const ops = a.lastOps[r]!;
      assert.equal(ops.length, n);
      let img = before.slice(r * size, (r + 1) * size);
      for (const { op, value } of ops) {
        assert.equal(Math.abs(value), Math.abs(RAND_AUGMENT_SPACE(op as OpName, magnitude / 30, g)), `${op} at magnitude ${magnitude}`);
        const next = new Float64Array(size);
        applyOp(IMAGE_OPS[op as OpName], img, next, g, value, 'nearest');
        img = next;
      }
      assert.deepEqual(x.slice(r * size, (r + 1) * size), img, `image ${r}`);
    }
  }
});

test('RandAugment draws its operations uniformly from 13 on grey images and 14 on colour ones', () => {
  for (const c of [1, 3]) {
    const { a } = augmented({ n: 3 }, 700, 4, 4, c, 5);
    const counts = new Map<string, number>();
    for (const ops of a.lastOps) for (const { op } of ops) counts.set(op, (counts.get(op) ?? 0) + 1);
    const k = c === 3 ? 14 : 13;
    assert.equal(counts.size, k);
    assert.equal(counts.has('color'), c === 3);
    // 2100 draws: expected 2100 / k each, binomial sd about 40; bound at 5 sd.
    for (const [op, n] of counts) assert.ok(Math.abs(n - 2100 / k) < 5 * Math.sqrt((2100 / k) * (1 - 1 / k)), `${op}: ${n}`);
    // Signed operations are negated half of the time.
    const signed = a.lastOps.flat().filter((o) => o.op === 'rotate');
    const negative = signed.filter((o) => o.value < 0).length;
    assert.ok(Math.abs(negative / signed.length - 0.5) < 0.15, `${negative} of ${signed.length}`);
  }
});

test('RandAugment is reproduced by its seed, the identity with n = 0, and refuses data that is not images', () => {
  assert.deepEqual(augmented({}, 10, 8, 8, 1, 4).x, augmented({}, 10, 8, 8, 1, 4).x);
  assert.notDeepEqual(augmented({}, 10, 8, 8, 1, 4).x, augmented({}, 10, 8, 8, 1, 5).x);
  const none = augmented({ n: 0 }, 5, 8, 8, 3, 4);
  assert.deepEqual(none.x, none.before);
  assert.throws(() => randAugment({ magnitude: 31 }), /randAugment: magnitude must be/);
  assert.throws(() => randAugment({ n: 1.5 }), /randAugment: n must be/);
  const mlp = presetSpec('mlp', { inputShape: [64], classes: 3, hidden: [8] });
  assert.throws(() => applyNoiseSpecs(['rand-augment'], mlp, {}), /rand-augment.*needs images/);
  assert.equal(applyNoiseSpecs(['rand-augment:n=1,magnitude=5'], mlp, { imageShape: [8, 8] }).augment[0]!.className, 'RandAugment');
});

test('RandAugment and TrivialAugment take sweep value sets, each value checked against the declared range', () => {
  assert.deepEqual(expandSpecSets('rand-augment:n={1,2},magnitude={5,15}').map((e) => e.text), [
    'rand-augment:n=1,magnitude=5', 'rand-augment:n=1,magnitude=15', 'rand-augment:n=2,magnitude=5', 'rand-augment:n=2,magnitude=15',
  ]);
  assert.equal(expandSpecSets('trivial-augment:probability={0.5,1}').length, 2);
  assert.throws(() => expandSpecSets('rand-augment:magnitude={9,40}'), /rand-augment:magnitude=40: magnitude must be/);
});
