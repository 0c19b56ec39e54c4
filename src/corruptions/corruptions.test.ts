/** Every corruption: seeded and deterministic, the image itself at severity 0, values in [0, 1], grey and colour images of other sizes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Xoshiro128 } from '../random/xoshiro.js';
import { Tensor } from '../tensor/tensor.js';
import { CORRUPTIONS, CORRUPTION_NAMES, findCorruption, parseCorruptionList } from './catalogue.js';
import type { CorruptionImage } from './corruption.js';
import { corruptImages, corruptSample } from './corrupt-images.js';
import { InvalidArgumentError } from '../errors.js';

/** A digit-like picture: a thick ring and a bar, values in [0, 1]. */
export function digitLike(height = 28, width = 28, channels = 1): CorruptionImage {
  const data = new Float32Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dy = (y - height * 0.4) / height;
      const dx = (x - width * 0.5) / width;
      const r = Math.hypot(dx, dy);
      const ring = Math.max(0, 1 - Math.abs(r - 0.18) * 20);
      const bar = Math.abs(dx - 0.12) < 0.04 && y > height * 0.45 && y < height * 0.85 ? 1 : 0;
      for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = Math.min(1, ring + bar) * (channels === 1 ? 1 : 0.5 + 0.25 * c);
    }
  }
  return { height, width, channels, data };
}

const context = (seed: number, scale = 1): { rng: Xoshiro128; scale: number } => ({ rng: new Xoshiro128(seed), scale });

test('the catalogue holds the 15 corruptions of the MNIST-C benchmark, in its order, with its severities', () => {
  assert.deepEqual(CORRUPTION_NAMES, ['shot_noise', 'impulse_noise', 'glass_blur', 'motion_blur', 'shear', 'scale', 'rotate', 'brightness', 'translate', 'stripe', 'fog', 'spatter', 'dotted_line', 'zigzag', 'canny_edges']);
  const benchmark = Object.fromEntries(CORRUPTIONS.map((c) => [c.name, c.benchmarkSeverity]));
  assert.deepEqual(benchmark, {
    shot_noise: 5, impulse_noise: 4, glass_blur: 1, motion_blur: 1, shear: 2, scale: 3, rotate: 2, brightness: 5, translate: 3,
    stripe: null, fog: 5, spatter: 4, dotted_line: null, zigzag: null, canny_edges: null,
  });
  for (const c of CORRUPTIONS) {
    assert.ok(c.summary.length > 10 && c.details.length > 40, `${c.name} is documented`);
    assert.equal(c.levelDocs?.length ?? 5, 5, `${c.name} has five levels`);
  }
});

test('each corruption is deterministic for a seed, differs between seeds where random, and stays in [0, 1]', () => {
  const image = digitLike();
  for (const c of CORRUPTIONS) {
    for (const severity of [1, 3, 5] as const) {
      const a = c.corrupt(image, severity, context(7));
      const b = c.corrupt(image, severity, context(7));
      assert.deepEqual(a, b, `${c.name} ${severity}: same seed, same image`);
      assert.equal(a.length, image.data.length);
      assert.ok(a.every((v) => v >= 0 && v <= 1 && Number.isFinite(v)), `${c.name} ${severity}: values in [0, 1]`);
      const changes = [7, 8, 9, 10, 11].some((seed) => c.corrupt(image, severity, context(seed)).some((v, i) => Math.abs(v - image.data[i]!) > 1e-3));
      assert.ok(changes, `${c.name} ${severity}: changes the image (for one seed of five at least: spatter's mud may miss the image)`);
    }
  }
  for (const name of ['shot_noise', 'impulse_noise', 'glass_blur', 'fog', 'spatter', 'dotted_line', 'zigzag']) {
    const c = findCorruption(name);
    const draws = new Set([1, 2, 3, 4, 5].map((seed) => Array.from(c.corrupt(image, 'default', context(seed)), (v) => v.toFixed(3)).join()));
    assert.ok(draws.size > 1, `${name} differs between seeds`);
  }
});

test('severity 0 is the image itself; a higher severity changes the image more (the noises and geometric ones)', () => {
  const image = digitLike();
  for (const c of CORRUPTIONS) assert.deepEqual(c.corrupt(image, 0, context(1)), image.data, c.name);
  const change = (name: string, severity: number): number => {
    const out = findCorruption(name).corrupt(image, severity, context(3));
    return out.reduce((s, v, i) => s + Math.abs(v - image.data[i]!), 0);
  };
  for (const name of ['shot_noise', 'impulse_noise', 'scale', 'translate', 'brightness', 'fog']) {
    assert.ok(change(name, 5) > change(name, 1), `${name}: severity 5 changes more than 1`);
  }
});

test('corruptions without severity give the same image at every severity', () => {
  const image = digitLike();
  for (const c of CORRUPTIONS.filter((k) => !k.hasSeverity)) {
    const one = c.corrupt(image, 1, context(5));
    for (const s of [2, 5, 'default'] as const) assert.deepEqual(c.corrupt(image, s, context(5)), one, `${c.name} at ${s}`);
  }
});

test('every corruption takes colour images and other sizes', () => {
  for (const [h, w, ch] of [[32, 32, 3], [20, 36, 1], [9, 9, 3]] as const) {
    const image = digitLike(h, w, ch);
    for (const c of CORRUPTIONS) {
      const out = c.corrupt(image, 'default', context(11, Math.min(h, w) / 28));
      assert.equal(out.length, h * w * ch, `${c.name} on ${h}x${w}x${ch}`);
      assert.ok(out.every((v) => v >= 0 && v <= 1), `${c.name} on ${h}x${w}x${ch}: values in [0, 1]`);
    }
  }
});

test('corruptImages: a sample\'s corruption depends on the seed and its index only, and results are bytes', () => {
  const image = digitLike();
  const bytes = Uint8Array.from(image.data, (v) => Math.round(v * 255));
  const x = new Tensor(new Uint8Array([...bytes, ...bytes, ...bytes]), [3, 28, 28, 1], 1 / 255);
  const all = corruptImages(x, 'impulse_noise', { seed: 4 });
  assert.deepEqual(all.shape, [3, 28, 28, 1]);
  assert.ok(all.data instanceof Uint8Array);
  const second = corruptSample(x, 1, 'impulse_noise', { seed: 4 });
  assert.deepEqual(Array.from(all.data.subarray(784, 1568)), Array.from(second, (v) => Math.round(v * 255)));
  assert.notDeepEqual(Array.from(all.data.subarray(0, 784)), Array.from(all.data.subarray(784, 1568)), 'two copies of one image get different noise');
  assert.deepEqual(corruptImages(x, 'impulse_noise', { seed: 4 }).data, all.data);
  assert.notDeepEqual(corruptImages(x, 'impulse_noise', { seed: 5 }).data, all.data);
});

test('bad input: an unknown corruption names the ones there are; a severity outside 0-5 is refused', () => {
  assert.throws(() => findCorruption('snow'), (e: unknown) => e instanceof InvalidArgumentError && /unknown corruption 'snow'; the corruptions are shot_noise, impulse_noise, .*, canny_edges$/.test(e.message));
  assert.throws(() => parseCorruptionList('fog,nope'), /unknown corruption 'nope'/);
  assert.throws(() => parseCorruptionList('fog,fog'), /fog twice/);
  assert.deepEqual(parseCorruptionList('all').length, 15);
  assert.deepEqual(parseCorruptionList('shot-noise, rotate').map((c) => c.name), ['shot_noise', 'rotate']);
  const image = digitLike();
  for (const bad of [6, -1, 2.5, Number.NaN]) {
    assert.throws(() => findCorruption('fog').corrupt(image, bad, context(1)), (e: unknown) => e instanceof InvalidArgumentError && /severity must be an integer from 0 to 5 or 'default', got/.test(e.message), String(bad));
  }
  const x = new Tensor(new Uint8Array(784), [1, 784]);
  assert.throws(() => corruptImages(x, 'fog'), /images of shape \[count, height, width, channels\] expected, got \[1, 784\]/);
  assert.equal(corruptImages(x, 'fog', { imageShape: [28, 28, 1] }).count, 1);
});
