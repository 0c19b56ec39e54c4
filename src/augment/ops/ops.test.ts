import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGE_OPS, RAND_AUGMENT_SPACE, TRIVIAL_AUGMENT_SPACE, applyOp, policyOps } from './spaces.js';
import { OP_NAMES, type OpName } from './image-op.js';
import type { ImageGeometry, Interpolation } from '../image.js';
import { pythonSkip, runPython } from '../../testing/python-reference.js';

/** An image of `g` with values in [0, 1] from a simple deterministic hash; `levels` makes them multiples of 1/255. */
function image(g: ImageGeometry, seed = 1, levels = false): Float64Array {
  const n = g.height * g.width * g.channels;
  return Float64Array.from({ length: n }, (_, i) => {
    const u = (((i + 3) * 2654435761 + seed * 40503) % 1000) / 999;
    return levels ? Math.round(u * 255) / 255 : u;
  });
}

function run(op: OpName, src: Float64Array, g: ImageGeometry, v = 0, interpolation: Interpolation = 'bilinear'): Float64Array {
  const dst = new Float64Array(src.length).fill(NaN);
  applyOp(IMAGE_OPS[op], src, dst, g, v, interpolation);
  return dst;
}

const GREY: ImageGeometry = { height: 9, width: 7, channels: 1 };
const COLOUR: ImageGeometry = { height: 6, width: 8, channels: 3 };

test('every operation is the identity at parameter 0 (or its neutral value), on grey and colour images', () => {
  const neutral: Partial<Record<OpName, number>> = { posterize: 8, solarize: 256 / 255 };
  for (const g of [GREY, COLOUR]) {
    const x = image(g);
    for (const op of OP_NAMES) {
      if (op === 'autocontrast' || op === 'equalize') continue; // no magnitude
      for (const interpolation of ['bilinear', 'nearest'] as const) assert.deepEqual(run(op, x, g, neutral[op] ?? 0, interpolation), x, `${op} ${interpolation} on ${g.channels} channel(s)`);
    }
  }
});

test('every operation keeps values in [0, 1], at the strongest magnitudes of both policies and both signs', () => {
  for (const g of [GREY, COLOUR, { height: 5, width: 11, channels: 2 }]) {
    const x = image(g, 3);
    for (const op of OP_NAMES) {
      for (const space of [RAND_AUGMENT_SPACE, TRIVIAL_AUGMENT_SPACE]) {
        for (const m of [0, 0.5, 1]) {
          for (const sign of [1, -1]) {
            const y = run(op, x, g, sign * space(op, m, g));
            assert.ok(y.every((v) => v >= 0 && v <= 1), `${op} at ${m} (${sign}) on ${g.channels} channel(s): ${y.find((v) => !(v >= 0 && v <= 1))}`);
          }
        }
      }
    }
  }
});

test('rotate turns a bar counter-clockwise by the angle, recovered from its second moments', () => {
  const g: ImageGeometry = { height: 41, width: 41, channels: 1 };
  const bar = new Float64Array(41 * 41);
  for (let y = 19; y <= 21; y++) for (let x = 4; x <= 36; x++) bar[y * 41 + x] = 1;
  for (const angle of [20, -35, 60]) {
    const y = run('rotate', bar, g, angle);
    // Orientation of the mass, with the y axis pointing up: 0.5 atan2(2 mu11, mu20 - mu02).
    let m = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < y.length; i++) {
      m += y[i]!;
      sx += y[i]! * (i % 41);
      sy += y[i]! * -Math.floor(i / 41);
    }
    const [cx, cy] = [sx / m, sy / m];
    let mu20 = 0;
    let mu02 = 0;
    let mu11 = 0;
    for (let i = 0; i < y.length; i++) {
      const dx = (i % 41) - cx;
      const dy = -Math.floor(i / 41) - cy;
      mu20 += y[i]! * dx * dx;
      mu02 += y[i]! * dy * dy;
      mu11 += y[i]! * dx * dy;
    }
    const found = (0.5 * Math.atan2(2 * mu11, mu20 - mu02) * 180) / Math.PI;
    assert.ok(Math.abs(found - angle) < 1, `rotate ${angle}: found ${found.toFixed(2)} degrees`);
    assert.ok(Math.abs(cx - 20) < 0.05 && Math.abs(cy + 20) < 0.05, 'about the center');
  }
});

test('translate shifts by whole pixels, filling with 0; shear slants a vertical line by its coefficient', () => {
  const g: ImageGeometry = { height: 9, width: 9, channels: 1 };
  const x = image(g, 2);
  const right = run('translateX', x, g, 2.7); // truncated to 2 pixels
  const down = run('translateY', x, g, -3);
  for (let r = 0; r < 9; r++) {
    for (let c = 0; c < 9; c++) {
      assert.equal(right[r * 9 + c], c >= 2 ? x[r * 9 + c - 2] : 0);
      assert.equal(down[r * 9 + c], r < 6 ? x[(r + 3) * 9 + c] : 0);
    }
  }
  const line = new Float64Array(81);
  for (let r = 0; r < 9; r++) line[r * 9 + 4] = 1;
  const sheared = run('shearX', line, g, 0.5, 'nearest');
  for (let r = 0; r < 9; r++) {
    // Output column c reads input column c + 0.5 (r - 4): the line is at c = 4 - 0.5 (r - 4), rounded.
    const cols = [...Array(9).keys()].filter((c) => sheared[r * 9 + c] === 1);
    assert.equal(cols.length, 1, `row ${r}`);
    assert.ok(Math.abs(cols[0]! - (4 - 0.5 * (r - 4))) <= 0.5, `row ${r}: column ${cols[0]}`);
  }
});

test('posterize keeps the given number of bits; solarize inverts exactly the values at or above its threshold', () => {
  const x = image(GREY, 4);
  for (const bits of [0, 1, 3, 6]) {
    const y = run('posterize', x, GREY, bits);
    const step = 2 ** (8 - bits);
    for (let i = 0; i < x.length; i++) {
      const level = Math.min(255, Math.floor(256 * x[i]!));
      assert.equal(y[i], (Math.floor(level / step) * step) / 255, `${bits} bits`);
    }
    assert.ok(new Set(y).size <= 2 ** bits);
  }
  for (const t of [0, 0.3, 0.75]) {
    const y = run('solarize', x, GREY, t);
    for (let i = 0; i < x.length; i++) assert.equal(y[i], x[i]! >= t ? 1 - x[i]! : x[i], `threshold ${t}`);
  }
});

test('autocontrast stretches each channel to [0, 1] and leaves a flat one as it is', () => {
  const g: ImageGeometry = { height: 4, width: 4, channels: 2 };
  const x = Float64Array.from({ length: 32 }, (_, i) => (i % 2 ? 0.4 : 0.2 + 0.3 * ((i * 7) % 11) / 10));
  const y = run('autocontrast', x, g);
  const first = y.filter((_, i) => i % 2 === 0);
  assert.equal(Math.min(...first), 0);
  assert.equal(Math.max(...first), 1);
  assert.ok(y.filter((_, i) => i % 2 === 1).every((v) => v === 0.4));
});

test('the policies offer 14 operations on colour images and the 13 without color on grey ones', () => {
  assert.equal(policyOps(3).length, 14);
  assert.deepEqual(policyOps(1).map((o) => o.name), OP_NAMES.filter((n) => n !== 'color'));
  assert.deepEqual(policyOps(4).map((o) => o.name), policyOps(1).map((o) => o.name));
  assert.deepEqual(run('color', image(GREY), GREY, 0.8), image(GREY), 'color leaves grey images as they are');
});

const PIL = `import json, sys
from PIL import Image, ImageOps, ImageEnhance
shape, mode, pixels, cases = json.loads(sys.argv[1])
h, w = shape
img = Image.frombytes(mode, (w, h), bytes(pixels))
out = []
for op, v in cases:
    if op == 'autocontrast': r = ImageOps.autocontrast(img)
    elif op == 'equalize': r = ImageOps.equalize(img)
    elif op == 'solarize': r = ImageOps.solarize(img, int(round(v * 255)))
    elif op == 'posterize': r = ImageOps.posterize(img, int(v))
    else: r = getattr(ImageEnhance, {'brightness': 'Brightness', 'contrast': 'Contrast', 'color': 'Color', 'sharpness': 'Sharpness'}[op])(img).enhance(1 + v)
    out.append(list(r.tobytes()))
print(json.dumps(out))`;

test('on 8-bit images the operations match PIL: exactly for equalize, solarize and posterize, within 2 levels for the others', { skip: pythonSkip(['PIL']) }, () => {
  const cases: [OpName, number][] = [
    ['autocontrast', 0], ['equalize', 0], ['solarize', 100 / 255], ['solarize', 1], ['posterize', 3], ['posterize', 1],
    ['brightness', 0.6], ['brightness', -0.5], ['contrast', 0.8], ['contrast', -0.7], ['sharpness', 0.9], ['sharpness', -0.9], ['color', 0.9], ['color', -0.6],
  ];
  for (const g of [{ height: 19, width: 17, channels: 1 }, { height: 12, width: 13, channels: 3 }]) {
    // Skewed levels, so that equalize has work to do.
    const x = image(g, 5, true).map((v) => Math.round(255 * v * v) / 255);
    const pixels = Array.from(x, (v) => Math.round(v * 255));
    const ours = cases.filter(([op]) => op !== 'color' || g.channels === 3);
    const theirs = JSON.parse(runPython(['PIL'], PIL, [JSON.stringify([[g.height, g.width], g.channels === 3 ? 'RGB' : 'L', pixels, ours])])) as number[][];
    ours.forEach(([op, v], c) => {
      const y = run(op, x, g, v);
      const exact = op === 'equalize' || op === 'solarize' || op === 'posterize';
      const worst = Math.max(...Array.from(y, (value, i) => Math.abs(value * 255 - theirs[c]![i]!)));
      assert.ok(exact ? worst < 1e-9 : worst <= 2, `${op} ${v} on ${g.channels} channel(s): ${worst.toFixed(3)} levels from PIL`);
    });
  }
});
