/** FGSM and PGD on a small float64 model: the exact FGSM step, PGD's projections, and the settings refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { inputGradient } from '../train/input-gradient.js';
import { InvalidArgumentError } from '../errors.js';
import { perturbBatch, resolveAttack, type AttackOptions, type AttackWorkspace } from './attack.js';

const SIZE = 12;
const COUNT = 16;

function model(): Sequential {
  const m = sequential([input({ shape: [SIZE] }), dense({ units: 8, activation: 'tanh' }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend('float64') });
  m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  m.ensureWeights(7);
  return m;
}

/** A batch in [0, 1] with a quarter of its values on the range's edges, its labels, and an attack runner. */
function setup(m: Sequential, seed = 1): { x: FloatArray; x0: Float64Array; targets: BatchTargets; run: (o: AttackOptions) => void; gradAt: (v: FloatArray) => Float64Array } {
  const engine = m.engine();
  const b = engine.backend;
  const rng = new Xoshiro128(seed);
  const x = b.alloc(COUNT * SIZE);
  for (let i = 0; i < x.length; i++) {
    const u = rng.uniform();
    x[i] = u < 0.125 ? 0 : u < 0.25 ? 1 : rng.uniform();
  }
  const x0 = Float64Array.from(x);
  const targets: BatchTargets = { kind: 'sparse', labels: Int32Array.from({ length: COUNT }, (_, i) => i % 3) };
  const buffers = new Map<string, FloatArray>();
  const ws: AttackWorkspace = { backend: b, stream: b.createRandom(seed), buffer: (k, n) => buffers.get(`${k}:${n}`) ?? (buffers.set(`${k}:${n}`, b.alloc(n)), buffers.get(`${k}:${n}`)!) };
  const oracle = { gradient: (v: FloatArray, n: number, g: FloatArray, c?: Uint8Array) => void inputGradient(engine, v, targets, n, g, c) };
  return {
    x,
    x0,
    targets,
    run: (o) => perturbBatch(x, COUNT, SIZE, resolveAttack('test', o, SIZE), oracle, ws),
    gradAt: (v) => {
      const g = b.alloc(COUNT * SIZE);
      inputGradient(engine, v, targets, COUNT, g);
      return Float64Array.from(g);
    },
  };
}

test("FGSM's perturbation is exactly eps times the sign of the input gradient, wherever the pixel range does not clip it", () => {
  const m = model();
  const { x, x0, run, gradAt } = setup(m);
  const g = gradAt(x);
  const eps = 0.1;
  run({ eps, method: 'fgsm' });
  let unclipped = 0;
  for (let i = 0; i < x.length; i++) {
    const want = x0[i]! + eps * Math.sign(g[i]!);
    if (want < 0 || want > 1) {
      assert.equal(x[i], want < 0 ? 0 : 1, `value ${i} clipped to the range`);
      continue;
    }
    unclipped++;
    assert.equal(x[i], want, `value ${i}: x + eps sign(g), to the last bit`);
  }
  assert.ok(unclipped > x.length / 2, `most values were not clipped (${unclipped})`);
});

test('FGSM under L2 moves each row by eps along its gradient', () => {
  const m = model();
  const { x, x0, run, gradAt } = setup(m);
  const g = gradAt(x);
  run({ eps: 0.5, method: 'fgsm', norm: 'l2', clip: null });
  for (let r = 0; r < COUNT; r++) {
    let norm = 0;
    for (let i = r * SIZE; i < (r + 1) * SIZE; i++) norm += g[i]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = r * SIZE; i < (r + 1) * SIZE; i++) assert.ok(Math.abs(x[i]! - x0[i]! - (0.5 * g[i]!) / norm) < 1e-12, `row ${r}, value ${i}`);
  }
});

test('PGD never leaves the eps-ball (L-infinity and L2) nor the pixel range, with random starts and restarts', () => {
  const m = model();
  for (const norm of ['linf', 'l2'] as const) {
    for (const seed of [1, 2, 3]) {
      const { x, x0, run } = setup(m, seed);
      const eps = norm === 'linf' ? 0.2 : 0.8;
      run({ eps, method: 'pgd', norm, steps: 6, stepSize: eps, restarts: 2 });
      for (let r = 0; r < COUNT; r++) {
        let sq = 0;
        let moved = 0;
        for (let i = r * SIZE; i < (r + 1) * SIZE; i++) {
          const d = x[i]! - x0[i]!;
          assert.ok(x[i]! >= 0 && x[i]! <= 1, `${norm}: value ${i} = ${x[i]} in [0, 1]`);
          if (norm === 'linf') assert.ok(Math.abs(d) <= eps + 1e-12, `${norm}: |delta| ${Math.abs(d)} <= ${eps}`);
          sq += d * d;
          moved = Math.max(moved, Math.abs(d));
        }
        if (norm === 'l2') assert.ok(Math.sqrt(sq) <= eps + 1e-12, `${norm}: row ${r} moved ${Math.sqrt(sq)} > ${eps}`);
        assert.ok(moved > 0, `row ${r} moved`);
      }
    }
  }
});

test('an attack is deterministic for a seed, and eps 0 changes nothing', () => {
  const m = model();
  const a = setup(m, 4);
  const b = setup(m, 4);
  a.run({ eps: 0.1, method: 'pgd', steps: 3 });
  b.run({ eps: 0.1, method: 'pgd', steps: 3 });
  assert.deepEqual([...a.x], [...b.x]);
  const c = setup(m, 5);
  c.run({ eps: 0, method: 'pgd', steps: 3 });
  assert.deepEqual([...c.x], [...c.x0]);
});

test('bad settings are refused in one line: eps below 0 or above the pixel range, PGD with 0 steps, FGSM with steps, restarts without a random start', () => {
  const refused = (o: AttackOptions, message: string): void =>
    assert.throws(() => resolveAttack('attack', o, 784), (e: Error) => e instanceof InvalidArgumentError && e.message === message);
  refused({ eps: -0.1 }, 'attack: eps must be a number >= 0, received -0.1');
  refused({ eps: 1.5 }, 'attack: eps must be at most 1 (the width of the value range 0..1), received 1.5');
  refused({ eps: 29, norm: 'l2' }, 'attack: eps must be at most 28 (the L2 diameter of the value range 0..1), received 29');
  refused({ eps: 0.1, method: 'pgd', steps: 0 }, 'attack: steps must be an integer >= 1, received 0');
  refused({ eps: 0.1, method: 'fgsm', steps: 5 }, 'attack: steps must be 1 for FGSM (use pgd for more steps), received 5');
  refused({ eps: 0.1, method: 'pgd', randomStart: false, restarts: 3 }, 'attack: restarts must be 1 without a random start (every restart would be the same), received 3');
  refused({ eps: 0.1, method: 'cw' as 'pgd' }, "attack: method must be one of fgsm, pgd, received \"cw\"");
  assert.equal(resolveAttack('attack', { eps: 3, clip: { min: -5, max: 5 } }, 784).eps, 3, 'a wider range takes a larger eps');
  const pgd = resolveAttack('attack', { eps: 0.1, method: 'pgd' }, 784);
  assert.deepEqual({ ...pgd, stepSize: Number(pgd.stepSize.toFixed(12)) }, { method: 'pgd', eps: 0.1, norm: 'linf', steps: 10, stepSize: 0.025, randomStart: true, restarts: 1, clip: { min: 0, max: 1 } });
  assert.equal(resolveAttack('attack', { eps: 0.1, randomStart: true }, 784).stepSize, 0.125, 'FGSM from a random start steps 1.25 eps (Wong et al.)');
});
