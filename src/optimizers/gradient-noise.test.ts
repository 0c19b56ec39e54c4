import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradientNoise } from './gradient-noise.js';
import { adam } from './adam.js';
import { sgd } from './sgd.js';
import { getOptimizer } from '../registry/lookup.js';
import type { Param } from '../parts/layer.js';
import { backend64 } from '../testing/gradcheck.js';

const b = backend64();
const N = 50_000;

function zeros(): Param {
  return { name: 'w', shape: [N], value: new Float64Array(N), grad: new Float64Array(N) };
}

/** The noise added at zero-based step `t`: with SGD at lr 1 and zero gradients, -(w after - w before). */
function noiseAt(t: number, seed = 3): Float64Array {
  const opt = gradientNoise(sgd({ learningRate: 1 }), { eta: 0.3, gamma: 0.55 });
  opt.seedRandom(seed);
  opt.iterations = t;
  const p = zeros();
  opt.apply([p], b);
  return Float64Array.from(p.value, (v) => -v);
}

test('gradient noise variance follows eta / (1 + t)^gamma at the given steps', () => {
  for (const t of [0, 1, 10, 100, 1000]) {
    const e = noiseAt(t);
    let mean = 0;
    for (const v of e) mean += v / N;
    let variance = 0;
    for (const v of e) variance += (v - mean) ** 2 / (N - 1);
    const expected = 0.3 / (1 + t) ** 0.55;
    // Relative standard error of a normal sample variance: sqrt(2 / 5e4) = 0.63%; bound at 5 of them.
    assert.ok(Math.abs(variance / expected - 1) < 5 * 0.0064, `t ${t}: variance ${variance} vs ${expected}`);
    assert.ok(Math.abs(mean) < 5 * Math.sqrt(expected / N), `t ${t}: mean ${mean}`);
  }
});

test('gradient noise is reproduced by the seed, advances the step, and wraps any optimizer', () => {
  assert.deepEqual(noiseAt(2, 5), noiseAt(2, 5));
  assert.notDeepEqual(noiseAt(2, 5).subarray(0, 5), noiseAt(2, 6).subarray(0, 5));
  const fixed = (fitSeed: number): Float64Array => {
    const o = gradientNoise(sgd({ learningRate: 1 }), { eta: 1, seed: 9 });
    o.seedRandom(fitSeed);
    const p = zeros();
    o.apply([p], b);
    return Float64Array.from(p.value);
  };
  assert.deepEqual(fixed(1), fixed(2), 'an explicit seed wins over the fit seed');
  const opt = gradientNoise(adam(), { eta: 0.01 });
  const p = zeros();
  opt.apply([p], b);
  opt.apply([p], b);
  assert.equal(opt.iterations, 2);
  assert.equal(opt.inner.iterations, 2);
  assert.ok(p.value.some((v) => v !== 0), 'adam moved on noise alone');
  opt.reset();
  assert.equal(opt.inner.iterations, 0);
});

test('gradient noise saves and loads through getOptimizer and validates its options', () => {
  const opt = gradientNoise(adam({ learningRate: 0.01 }), { eta: 0.3 });
  const again = getOptimizer(opt.className, opt.getConfig());
  assert.equal(again.className, 'GradientNoise');
  assert.deepEqual(again.getConfig(), opt.getConfig());
  assert.deepEqual(opt.getConfig(), { optimizer: { className: 'Adam', config: adam({ learningRate: 0.01 }).getConfig() }, eta: 0.3, gamma: 0.55 });
  assert.throws(() => gradientNoise(adam(), { eta: 0 }), /gradientNoise: eta must be a number > 0, received 0/);
  assert.throws(() => gradientNoise(adam(), { eta: 1, gamma: -1 }), /gradientNoise: gamma must be a number >= 0, received -1/);
  assert.throws(() => gradientNoise({} as never, { eta: 1 }), /gradientNoise: optimizer must be an Optimizer/);
});
