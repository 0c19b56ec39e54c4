import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutout } from './cutout.js';
import { augmentContext } from '../testing/augment-harness.js';

const sparse = { kind: 'sparse', labels: new Int32Array(0) } as const;

function cut(count: number, h: number, w: number, size: number, seed: number, channels = 1): Float64Array {
  const c = cutout({ size, shape: [h, w] });
  c.seedRandom(seed);
  const x = new Float64Array(count * h * w * channels).fill(1);
  c.apply(x, sparse, count, augmentContext(h * w * channels, 2));
  return x;
}

test('cutout zeroes one size x size square per image, clipped at the borders, all channels alike', () => {
  const h = 20;
  const x = cut(500, h, h, 6, 1, 2);
  let whole = 0;
  for (let r = 0; r < 500; r++) {
    const zeros: [number, number][] = [];
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < h; xx++) {
        const o = r * h * h * 2 + (y * h + xx) * 2;
        assert.equal(x[o], x[o + 1], 'channels share the patch');
        if (x[o] === 0) zeros.push([y, xx]);
      }
    }
    const ys = zeros.map((p) => p[0]);
    const xs = zeros.map((p) => p[1]);
    const height = Math.max(...ys) - Math.min(...ys) + 1;
    const width = Math.max(...xs) - Math.min(...xs) + 1;
    assert.equal(zeros.length, height * width, 'the zeros form a rectangle');
    assert.ok(height <= 6 && width <= 6 && height >= 3 && width >= 3, `${height}x${width}`);
    if (height === 6 && width === 6) whole++;
  }
  // The patch stays whole when its center is in rows and columns 3..16 (14 of 20): p = 0.49.
  // Binomial standard error over 500 images: 0.022; bound at 5 of them.
  assert.ok(Math.abs(whole / 500 - 0.49) < 5 * 0.023, `whole patches ${whole / 500}`);
});

test('cutout centers are uniform over the image', () => {
  const n = 4000;
  const h = 16;
  const x = cut(n, h, h, 1, 2);
  let sumY = 0;
  let sumX = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== 0) continue;
    const p = i % (h * h);
    sumY += Math.floor(p / h) / n;
    sumX += (p % h) / n;
  }
  // Uniform on 0..15: mean 7.5, sd 4.61; standard error over 4000 centers 0.073.
  assert.ok(Math.abs(sumY - 7.5) < 5 * 0.073 && Math.abs(sumX - 7.5) < 5 * 0.073, `${sumY} ${sumX}`);
});

test('cutout is reproduced by the seed, the identity at size 0, and refuses data that is not images', () => {
  assert.deepEqual(cut(10, 8, 8, 3, 5), cut(10, 8, 8, 3, 5));
  assert.notDeepEqual(cut(10, 8, 8, 3, 5), cut(10, 8, 8, 3, 6));
  assert.ok(cut(10, 8, 8, 0, 5).every((v) => v === 1));
  assert.throws(() => cutout({ size: 4 }).setup({ sampleSize: 12, outputs: 3 }), /^InvalidArgumentError: cutout: needs images: pass imageShape \[height, width\] to fit or shape to cutout; the inputs have 12 values per sample$/);
  assert.throws(() => cutout({ size: 4, shape: [28, 28] }).setup({ sampleSize: 12, outputs: 3 }), /cutout: images of 28x28 pixels need a multiple of 784 values per sample, the inputs have 12/);
  assert.throws(() => cutout({ size: -1 }), /cutout: size must be a number >= 0, received -1/);
  assert.deepEqual(cutout({ size: 8, shape: [28, 28] }).getConfig(), { size: 8, probability: 1, shape: [28, 28] });
});

test('cutout rejects a patch larger than the images before training', () => {
  assert.throws(() => cutout({ size: 100 }).setup({ sampleSize: 784, outputs: 10, imageShape: [28, 28] }), /cutout: size must be at most the image side, 28 pixels of 28x28 images, received 100/);
  assert.doesNotThrow(() => cutout({ size: 28 }).setup({ sampleSize: 784, outputs: 10, imageShape: [28, 28] }));
});

test('cutout with probability p cuts a square in a fraction p of the images; p = 1 draws as before', () => {
  const c = cutout({ size: 3, shape: [8, 8], probability: 0.3 });
  c.seedRandom(4);
  const n = 4000;
  const x = new Float64Array(n * 64).fill(1);
  c.apply(x, sparse, n, augmentContext(64, 2));
  let cut = 0;
  for (let r = 0; r < n; r++) if (x.subarray(r * 64, (r + 1) * 64).some((v) => v === 0)) cut++;
  // Binomial standard error sqrt(0.3 * 0.7 / 4000) = 7.2e-3; bound at 5 of them.
  assert.ok(Math.abs(cut / n - 0.3) < 5 * 7.3e-3, `cut fraction ${cut / n}`);
  const always = cutout({ size: 3, shape: [8, 8], probability: 1 });
  always.seedRandom(5);
  const y = new Float64Array(10 * 64).fill(1);
  always.apply(y, sparse, 10, augmentContext(64, 2));
  assert.deepEqual(y, cut8(10, 5), 'probability 1 is the cutout without the option');
  assert.throws(() => cutout({ probability: 1.5 }), /cutout: probability must be a number >= 0 and <= 1, received 1.5/);
});

function cut8(count: number, seed: number): Float64Array {
  return cut(count, 8, 8, 3, seed);
}
