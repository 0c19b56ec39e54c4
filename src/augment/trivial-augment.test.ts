import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trivialAugment } from './trivial-augment.js';
import { IMAGE_OPS, TRIVIAL_AUGMENT_SPACE, applyOp } from './ops/spaces.js';
import type { OpName } from './ops/image-op.js';
import { augmentContext, images } from '../testing/augment-harness.js';

const sparse = { kind: 'sparse', labels: new Int32Array(0) } as const;

function augmented(options: Parameters<typeof trivialAugment>[0], count: number, h: number, w: number, c: number, seed: number) {
  const a = trivialAugment({ ...options, shape: [h, w] });
  a.seedRandom(seed);
  const x = images(count, h * w * c, 9);
  const before = Float64Array.from(x);
  a.apply(x, sparse, count, augmentContext(h * w * c, 3));
  return { a, x, before };
}

test('TrivialAugment applies one operation per image at a magnitude from the 31 wide bins', () => {
  const [h, w, c] = [6, 5, 3];
  const size = h * w * c;
  const g = { height: h, width: w, channels: c };
  const { a, x, before } = augmented({}, 600, h, w, c, 2);
  const bins = new Set<number>();
  for (let r = 0; r < 600; r++) {
    const ops = a.lastOps[r]!;
    assert.equal(ops.length, 1);
    const { op, value } = ops[0]!;
    const bin = [...Array(31).keys()].find((k) => Math.abs(TRIVIAL_AUGMENT_SPACE(op as OpName, k / 30, g) - Math.abs(value)) < 1e-12);
    assert.ok(bin !== undefined, `${op} ${value} is one of its bins`);
    if (op === 'rotate') bins.add(Math.round(Math.abs(value)));
    const y = new Float64Array(size);
    applyOp(IMAGE_OPS[op as OpName], before.slice(r * size, (r + 1) * size), y, g, value, 'nearest');
    assert.deepEqual(x.slice(r * size, (r + 1) * size), y, `image ${r}`);
  }
  assert.ok(bins.size > 15, `rotations at ${bins.size} magnitudes`);
  assert.ok(Math.max(...bins) <= 135);
});

test('TrivialAugment is reproduced by its seed and leaves images alone at probability 0', () => {
  assert.deepEqual(augmented({}, 10, 8, 8, 1, 4).x, augmented({}, 10, 8, 8, 1, 4).x);
  assert.notDeepEqual(augmented({}, 10, 8, 8, 1, 4).x, augmented({}, 10, 8, 8, 1, 5).x);
  const none = augmented({ probability: 0 }, 5, 8, 8, 1, 4);
  assert.deepEqual(none.x, none.before);
  const half = augmented({ probability: 0.5 }, 400, 4, 4, 1, 4);
  const touched = half.a.lastOps.filter((o) => o.length === 1).length;
  assert.ok(Math.abs(touched / 400 - 0.5) < 0.1, `${touched} of 400`);
});
