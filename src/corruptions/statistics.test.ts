/** The corruptions measured: each does to an image what its definition says, in numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Xoshiro128 } from '../random/xoshiro.js';
import type { CorruptionImage } from './corruption.js';
import { findCorruption } from './catalogue.js';
import { MUD } from './spatter.js';

const context = (seed: number, scale = 1): { rng: Xoshiro128; scale: number } => ({ rng: new Xoshiro128(seed), scale });
const constant = (v: number, size = 100, channels = 1): CorruptionImage => ({ height: size, width: size, channels, data: new Float32Array(size * size * channels).fill(v) });
const meanOf = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

/** A bright ellipse, long along `angle` (radians, x right, y down), on a 28 x 28 black image. */
function ellipse(angle: number, long = 10, short = 3): CorruptionImage {
  const data = new Float32Array(28 * 28);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const u = (x - 13.5) * Math.cos(angle) + (y - 13.5) * Math.sin(angle);
      const v = -(x - 13.5) * Math.sin(angle) + (y - 13.5) * Math.cos(angle);
      data[y * 28 + x] = (u / long) ** 2 + (v / short) ** 2 <= 1 ? 1 : 0;
    }
  }
  return { height: 28, width: 28, channels: 1, data };
}

/** The orientation of an image's mass from its second central moments, and its centre and mass. */
function moments(data: ArrayLike<number>, width = 28): { angle: number; cx: number; cy: number; mass: number } {
  let m = 0, sx = 0, sy = 0;
  for (let i = 0; i < data.length; i++) {
    const w = data[i]!;
    m += w;
    sx += w * (i % width);
    sy += w * Math.floor(i / width);
  }
  const cx = sx / m, cy = sy / m;
  let mu20 = 0, mu02 = 0, mu11 = 0;
  for (let i = 0; i < data.length; i++) {
    const w = data[i]!, dx = (i % width) - cx, dy = Math.floor(i / width) - cy;
    mu20 += w * dx * dx;
    mu02 += w * dy * dy;
    mu11 += w * dx * dy;
  }
  return { angle: 0.5 * Math.atan2(2 * mu11, mu20 - mu02), cx, cy, mass: m };
}

test('impulse noise changes a share c of the values, half to 0 and half to 1', () => {
  const levels = [0.03, 0.06, 0.09, 0.17, 0.27];
  const image = constant(0.5, 100, 3);
  for (let s = 1; s <= 5; s++) {
    const out = findCorruption('impulse_noise').corrupt(image, s, context(s));
    const changed = out.filter((v) => v !== 0.5).length / out.length;
    const c = levels[s - 1]!;
    const sd = Math.sqrt((c * (1 - c)) / out.length);
    assert.ok(Math.abs(changed - c) < 4 * sd, `severity ${s}: changed ${changed}, expected ${c}`);
    const salt = out.filter((v) => v === 1).length / out.length;
    assert.ok(Math.abs(salt - c / 2) < 4 * Math.sqrt((c / 2) / out.length), `severity ${s}: salt ${salt}`);
  }
});

test('shot noise keeps the mean and has the Poisson variance x / c', () => {
  const out = findCorruption('shot_noise').corrupt(constant(0.3), 1, context(2)); // c = 60
  const mean = meanOf(out);
  const variance = meanOf(Array.from(out, (v) => (v - mean) ** 2));
  assert.ok(Math.abs(mean - 0.3) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 0.3 / 60) < 0.0008, `variance ${variance}, expected ${0.3 / 60}`);
});

test('rotate turns the image by c radians, as its moments show; the direction is random', () => {
  const levels = [0.2, 0.4, 0.6, 0.8, 1];
  const signs = new Set<number>();
  for (let s = 1; s <= 5; s++) {
    for (const seed of [1, 2, 3, 4]) {
      const out = findCorruption('rotate').corrupt(ellipse(0.1), s, context(seed));
      const turned = moments(out).angle - moments(ellipse(0.1).data).angle;
      assert.ok(Math.abs(Math.abs(turned) - levels[s - 1]!) < 0.03, `severity ${s}: turned ${turned}, expected ±${levels[s - 1]}`);
      signs.add(Math.sign(turned));
      const centre = moments(out);
      assert.ok(Math.abs(centre.cx - 13.5) < 0.3 && Math.abs(centre.cy - 13.5) < 0.3, 'about the centre');
    }
  }
  assert.deepEqual([...signs].sort(), [-1, 1]);
});

test('brightness raises grey values by c, clipped at 1; colour keeps the hue', () => {
  const image = constant(0.4);
  for (let s = 1; s <= 5; s++) {
    const out = findCorruption('brightness').corrupt(image, s, context(0));
    assert.ok(Math.abs(meanOf(out) - Math.min(0.4 + 0.1 * s, 1)) < 1e-6, `severity ${s}: mean ${meanOf(out)}`);
  }
  const colour: CorruptionImage = { height: 1, width: 2, channels: 3, data: Float32Array.of(0.2, 0.4, 0.1, 0, 0, 0) };
  const out = findCorruption('brightness').corrupt(colour, 5, context(0)); // c = 0.5
  assert.deepEqual(Array.from(out, (v) => Number(v.toFixed(5))), [0.45, 0.9, 0.225, 0.5, 0.5, 0.5]);
});

test('scale shrinks the mass to 1 / c^2 about the centre; translate moves it by ±c pixels on each axis', () => {
  const blob = ellipse(0);
  const before = moments(blob.data);
  for (let s = 1; s <= 5; s++) {
    const c = 1 / (1 - 0.1 * s);
    const after = moments(findCorruption('scale').corrupt(blob, s, context(0)));
    assert.ok(Math.abs(after.mass / before.mass - 1 / (c * c)) < 0.03, `severity ${s}: mass ratio ${after.mass / before.mass}, expected ${1 / (c * c)}`);
    assert.ok(Math.abs(after.cx - before.cx) < 0.1 && Math.abs(after.cy - before.cy) < 0.1);
  }
  const small = moments(ellipse(0, 6, 3).data);
  for (let s = 1; s <= 5; s++) {
    const after = moments(findCorruption('translate').corrupt(ellipse(0, 6, 3), s, context(s)));
    assert.ok(Math.abs(Math.abs(after.cx - small.cx) - s) < 1e-3 && Math.abs(Math.abs(after.cy - small.cy) - s) < 1e-3, `severity ${s}: moved ${after.cx - small.cx}, ${after.cy - small.cy}`);
  }
});

test('shear leans the image by c radians: the top and bottom rows move opposite ways', () => {
  const bar: CorruptionImage = { height: 28, width: 28, channels: 1, data: new Float32Array(784).map((_, i) => (Math.abs((i % 28) - 13.5) < 2 ? 1 : 0)) };
  const out = findCorruption('shear').corrupt(bar, 1, context(1));
  const rowCentre = (y: number): number => {
    let m = 0, s = 0;
    for (let x = 0; x < 28; x++) { m += out[y * 28 + x]!; s += out[y * 28 + x]! * x; }
    return s / m;
  };
  const lean = (rowCentre(26) - rowCentre(1)) / 25;
  assert.ok(Math.abs(Math.abs(lean) - Math.tan(0.2)) < 0.03, `lean ${lean}, expected ±${Math.tan(0.2)}`);
});

test('stripe inverts columns 0-6 and 21-27 exactly; canny finds the border of a square', () => {
  const image = constant(0.2, 28);
  const out = findCorruption('stripe').corrupt(image, 'default', context(0));
  for (let x = 0; x < 28; x++) assert.ok(Math.abs(out[5 * 28 + x]! - (x < 7 || x >= 21 ? 0.8 : 0.2)) < 1e-6, `column ${x}`);
  const square: CorruptionImage = { height: 28, width: 28, channels: 1, data: new Float32Array(784).map((_, i) => (i % 28 >= 8 && i % 28 < 20 && i / 28 >= 8 && i / 28 < 20 ? 1 : 0)) };
  const edges = findCorruption('canny_edges').corrupt(square, 'default', context(0));
  assert.ok(edges.every((v) => v === 0 || v === 1), 'a binary map');
  const on = [...edges.keys()].filter((i) => edges[i] === 1);
  assert.ok(on.length > 30 && on.length < 60, `${on.length} edge pixels around a 12 x 12 square`);
  for (const i of on) {
    const x = i % 28, y = Math.floor(i / 28);
    assert.ok(Math.min(Math.abs(x - 7.5), Math.abs(x - 19.5), Math.abs(y - 7.5), Math.abs(y - 19.5)) <= 1, `edge at ${x}, ${y} lies on the border`);
  }
  assert.deepEqual(findCorruption('canny_edges').corrupt(constant(0.5, 28), 'default', context(0)), new Float32Array(784), 'a flat image has no edges');
});

test('spatter mixes pixels with the grey mud; fog keeps the brightest value\'s scale', () => {
  const black = constant(0, 28);
  let mud = 0;
  for (let seed = 0; seed < 20; seed++) {
    const out = findCorruption('spatter').corrupt(black, 5, context(seed));
    assert.ok(out.every((v) => v <= MUD + 1e-6), 'black pixels become at most mud-grey');
    mud += out.filter((v) => v > 0).length;
  }
  assert.ok(mud > 0, 'some mud falls');
  const out = findCorruption('fog').corrupt(constant(1, 28), 5, context(1));
  assert.ok(out.every((v) => v >= 1 / 4 - 1e-6 && v <= 1), 'x = 1 becomes (1 + 3 f) / 4 in [1/4, 1]');
});

test('motion blur keeps a flat image flat and smears a dot along one line', () => {
  assert.ok(findCorruption('motion_blur').corrupt(constant(0.6, 28), 3, context(1)).every((v) => Math.abs(v - 0.6) < 1e-6));
  const dot = constant(0, 28);
  dot.data[14 * 28 + 14] = 1;
  const out = findCorruption('motion_blur').corrupt(dot, 1, context(1));
  const lit = [...out.keys()].filter((i) => out[i]! > 0);
  assert.ok(lit.length >= 5 && lit.length <= 21, `${lit.length} pixels lit`);
  assert.ok(Math.abs(out.reduce((s, v) => s + v, 0) - 1) < 1e-3, 'the dot\'s mass is kept (the far taps weigh almost nothing)');
});
