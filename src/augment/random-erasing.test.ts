import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomErasing, type RandomErasingOptions } from './random-erasing.js';
import { augmentContext } from '../testing/augment-harness.js';

const [H, W, C] = [20, 16, 3];

function erase(options: RandomErasingOptions, count: number, seed: number): { x: Float64Array; erased: ReturnType<typeof randomErasing>['lastErased'] } {
  const e = randomErasing({ ...options, shape: [H, W] });
  e.seedRandom(seed);
  const x = new Float64Array(count * H * W * C).fill(2);
  e.apply(x, { kind: 'sparse', labels: new Int32Array(count) }, count, augmentContext(H * W * C, 2));
  return { x, erased: e.lastErased };
}

test('randomErasing erases a fraction p of the images, rectangles within the area and aspect ranges, inside the image', () => {
  const count = 3000;
  const o = { probability: 0.4, areaMin: 0.05, areaMax: 0.3, aspectMin: 0.5, aspectMax: 2 };
  const { x, erased } = erase(o, count, 2);
  // Binomial standard error sqrt(0.4 * 0.6 / 3000) = 8.9e-3; rectangles that never fit are rare here.
  assert.ok(Math.abs(erased.length / count - 0.4) < 5 * 9e-3, `erased fraction ${erased.length / count}`);
  const size = H * W * C;
  for (const e of erased) {
    assert.ok(e.y >= 0 && e.x >= 0 && e.y + e.height <= H && e.x + e.width <= W, 'inside the image');
    // Sides are rounded to pixels: the area and the aspect ratio within their ranges up to that rounding.
    const area = e.height * e.width;
    assert.ok(area >= Math.floor(0.05 * H * W * 0.8) && area <= Math.ceil(0.3 * H * W * 1.2) + 4, `area ${area}`);
    assert.ok(e.height / e.width >= 0.5 * 0.7 && e.height / e.width <= 2 / 0.7, `aspect ${e.height}/${e.width}`);
    let changed = 0;
    for (let i = 0; i < size; i++) {
      const v = x[e.sample * size + i]!;
      const p = Math.floor(i / C);
      const inside = Math.floor(p / W) >= e.y && Math.floor(p / W) < e.y + e.height && p % W >= e.x && p % W < e.x + e.width;
      if (inside) assert.ok(v >= 0 && v < 1, 'noise fill in [0, 1)');
      else assert.equal(v, 2);
      if (inside) changed++;
    }
    assert.equal(changed, area * C);
  }
  const areas = erased.map((e) => (e.height * e.width) / (H * W));
  const mean = areas.reduce((s, v) => s + v, 0) / areas.length;
  assert.ok(mean > 0.12 && mean < 0.2, `mean erased area ${mean}, U(0.05, 0.3) gives 0.175 before the fit test favours small ones`);
  const untouched = new Set(erased.map((e) => e.sample));
  for (let r = 0; r < count; r++) if (!untouched.has(r)) assert.ok(x.subarray(r * size, (r + 1) * size).every((v) => v === 2));
});

test('randomErasing fills with a value when asked, is reproduced by the seed, and checks its ranges', () => {
  const { x, erased } = erase({ probability: 1, fill: 'value', value: -1 }, 20, 1);
  assert.equal(erased.length, 20);
  assert.ok(x.every((v) => v === 2 || v === -1));
  assert.deepEqual(erase({}, 30, 4).x, erase({}, 30, 4).x);
  assert.notDeepEqual(erase({}, 30, 4).x, erase({}, 30, 5).x);
  assert.ok(erase({ probability: 0 }, 10, 1).x.every((v) => v === 2));
  assert.throws(() => randomErasing({ areaMin: 0.5, areaMax: 0.2 }), /randomErasing: areaMin must be at most areaMax \(0.2\), received 0.5/);
  assert.throws(() => randomErasing({ aspectMin: 0 }), /randomErasing: aspectMin must be a number > 0, received 0/);
});
