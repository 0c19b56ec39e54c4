import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affineWarp, randomAffine } from './random-affine.js';
import { augmentContext, images } from '../testing/augment-harness.js';

const g = { height: 7, width: 9, channels: 1 };
const sparse = { kind: 'sparse', labels: new Int32Array(0) } as const;

function dot(y: number, x: number): Float64Array {
  const img = new Float64Array(63);
  img[y * 9 + x] = 1;
  return img;
}

test('a shift moves a pixel exactly where it should, with bilinear and nearest resampling', () => {
  for (const interpolation of ['bilinear', 'nearest'] as const) {
    const out = new Float64Array(63);
    affineWarp(dot(3, 4), out, 0, g, { tx: 2, ty: -1, angle: 0, scale: 1 }, interpolation);
    assert.deepEqual(out, dot(2, 6));
  }
});

test('a rotation by 180 degrees maps (y, x) to (h - 1 - y, w - 1 - x), a scale of 1 with no shift is the identity', () => {
  const out = new Float64Array(63);
  affineWarp(dot(1, 2), out, 0, g, { tx: 0, ty: 0, angle: Math.PI, scale: 1 }, 'bilinear');
  out.forEach((v, i) => assert.ok(Math.abs(v - dot(5, 6)[i]!) < 1e-12));
  const img = images(1, 63);
  affineWarp(img, out, 0, g, { tx: 0, ty: 0, angle: 0, scale: 1 }, 'bilinear');
  assert.deepEqual(out, img);
});

test('randomAffine draws whole-pixel shifts uniform in [-shift, shift], stays in the input range, is seeded', () => {
  const count = 400;
  const x = new Float64Array(count * 63);
  for (let r = 0; r < count; r++) x[r * 63 + 3 * 9 + 4] = 1;
  const a = randomAffine({ shift: 2, rotate: 0, shape: [7, 9] });
  a.seedRandom(1);
  a.apply(x, sparse, count, augmentContext(63, 2));
  const shifts = new Map<string, number>();
  for (let r = 0; r < count; r++) {
    const at = x.subarray(r * 63, r * 63 + 63).indexOf(1);
    assert.ok(at >= 0 && x.subarray(r * 63, r * 63 + 63).filter((v) => v !== 0).length === 1, 'a pure shift moves the pixel intact');
    const key = `${Math.floor(at / 9) - 3},${(at % 9) - 4}`;
    shifts.set(key, (shifts.get(key) ?? 0) + 1);
  }
  let meanX = 0;
  for (const [key, n] of shifts) {
    const [dy, dx] = key.split(',').map(Number) as [number, number];
    assert.ok(Math.abs(dy) <= 2 && Math.abs(dx) <= 2);
    meanX += (dx * n) / count;
  }
  // round(U(-2, 2)) has mean 0 and sd 1.08: standard error over 400 images 0.054.
  assert.ok(Math.abs(meanX) < 5 * 0.054, `mean shift ${meanX}`);
  assert.equal(shifts.size, 25, 'every shift in [-2, 2]^2 occurs');

  const run = (seed: number, opts = { shift: 3, rotate: 15, scale: 0.1 }): Float64Array => {
    const img = images(20, 63);
    const b = randomAffine({ ...opts, shape: [7, 9] });
    b.seedRandom(seed);
    b.apply(img, sparse, 20, augmentContext(63, 2));
    return img;
  };
  assert.ok(run(1).every((v) => v >= 0 && v < 1));
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
  assert.deepEqual(run(1, { shift: 0, rotate: 0, scale: 0 }), images(20, 63));
});

test('randomAffine validates its options and keeps them in its config', () => {
  assert.throws(() => randomAffine({ rotate: 200 }), /randomAffine: rotate must be a number >= 0 and <= 180, received 200/);
  assert.throws(() => randomAffine({ scale: 1 }), /randomAffine: scale must be a number >= 0 and < 1, received 1/);
  assert.throws(() => randomAffine({ shape: [0, 3] }), /randomAffine: shape must be two positive integers \[height, width\], received \[0, 3\]/);
  assert.deepEqual(randomAffine({ shift: 2 }).getConfig(), { shift: 2, rotate: 10, scale: 0, interpolation: 'bilinear' });
});
