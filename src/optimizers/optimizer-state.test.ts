import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adam } from './adam.js';
import { sgd } from './sgd.js';
import { gradientNoise } from './gradient-noise.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { Param } from '../parts/layer.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';

const backend = createRefBackend();
const params = (): Param[] => [
  { name: 'a/kernel', shape: [2, 3], value: Float32Array.from([1, 2, 3, 4, 5, 6]), grad: new Float32Array(6) },
  { name: 'a/bias', shape: [3], value: Float32Array.from([0.5, -0.5, 0]), grad: new Float32Array(3) },
];
const step = (o: Optimizer, ps: Param[], k: number): void => {
  ps.forEach((p, j) => p.grad.forEach((_, i) => (p.grad[i] = Math.sin(k + i + 7 * j))));
  o.apply(ps, backend);
};

for (const [name, make] of [['adam', () => adam()], ['sgd with momentum', () => sgd({ momentum: 0.9 })], ['gradient noise over adam', () => gradientNoise(adam(), { eta: 0.01, seed: 3 })]] as const) {
  test(`${name}: getWeights gives the step count and every slot in parameter order; setWeights on a fresh optimizer continues identically`, () => {
    const a = make();
    const pa = params();
    for (let k = 0; k < 3; k++) step(a, pa, k);
    const state = a.getWeights();
    assert.equal(state[0]![0], 3);
    assert.equal(state.length, 1 + (name === 'gradient noise over adam' ? 1 + 4 : name === 'adam' ? 4 : 2));
    const b = make();
    const pb = params();
    pb.forEach((p, i) => p.value.set(pa[i]!.value));
    b.setWeights(state); // before the first step: kept until the slots are built
    for (let k = 3; k < 6; k++) {
      step(a, pa, k);
      step(b, pb, k);
    }
    if (name === 'gradient noise over adam') {
      // The noise stream is positioned by the step count, so the continued run draws the same noise.
      assert.equal(b.iterations, a.iterations);
    }
    pa.forEach((p, i) => assert.deepEqual(Array.from(pb[i]!.value), Array.from(p.value), p.name));
    assert.deepEqual(b.getWeights(), a.getWeights());
  });
}

test('setWeights refuses state of another shape with a ShapeError', () => {
  const o = adam();
  const ps = params();
  step(o, ps, 0);
  assert.throws(() => o.setWeights([Float32Array.of(1)]), { name: 'ShapeError', message: 'Adam: expected 4 slot arrays (2 per weight), received 0' });
  assert.throws(() => o.setWeights([Float32Array.of(1), new Float32Array(6), new Float32Array(6), new Float32Array(2), new Float32Array(3)]), /Adam: slot 2 holds 3 values, received 2/);
  assert.throws(() => o.setWeights([]), /the first state array must hold the step count/);
});
