import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLevel, finalLevel, interpolate, levelAt, type NoiseSchedule } from './noise-schedule.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { moments, ready, run } from '../testing/noise-harness.js';

const at = (s: NoiseSchedule, step: number, epoch = 0): number => levelAt(s, { training: true, step, epoch, totalSteps: 11, totalEpochs: 5 });
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-12;

test('schedules start at from, end at to, and follow their curve in between', () => {
  assert.ok(close(at({ from: 0.3, to: 0 }, 0), 0.3) && close(at({ from: 0.3, to: 0 }, 5), 0.15) && close(at({ from: 0.3, to: 0 }, 10), 0));
  const cos = { from: 1, to: 0, schedule: 'cosine' } as const;
  assert.ok(close(at(cos, 0), 1) && close(at(cos, 5), 0.5) && close(at(cos, 10), 0));
  assert.ok(close(at(cos, 2), (1 + Math.cos(Math.PI * 0.2)) / 2));
  const exp = { from: 0.1, to: 0.001, schedule: 'exponential' } as const;
  assert.ok(close(at(exp, 0), 0.1) && close(at(exp, 5), 0.01) && close(at(exp, 10), 0.001));
  // Three plateaus over progress [0, 1/3), [1/3, 2/3), [2/3, 1]: steps 0-3, 4-6, 7-10.
  const step = { from: 0.6, to: 0, schedule: 'step', stages: 3 } as const;
  assert.deepEqual([0, 3, 4, 6, 7, 10].map((s) => +at(step, s).toFixed(12)), [0.6, 0.6, 0.3, 0.3, 0, 0]);
  const perEpoch = { from: 0.4, to: 0, per: 'epoch' } as const;
  assert.ok(close(at(perEpoch, 10, 0), 0.4) && close(at(perEpoch, 0, 2), 0.2) && close(at(perEpoch, 0, 4), 0));
  assert.ok(close(at(perEpoch, 0, 9), 0), 'clamped past the end');
  assert.equal(levelAt({ from: 0.4, to: 0 }, { training: true, step: 3, epoch: 0 }), 0.4, 'from when the totals are unknown');
  assert.equal(levelAt(0.2, { training: true, step: 3, epoch: 0 }), 0.2);
  assert.equal(finalLevel({ from: 0.4, to: 0.1 }), 0.1);
  assert.ok(close(interpolate({ from: 2, to: 4 }, 0.25), 2.5));
});

test('checkLevel fills defaults and rejects bad schedules with one-line messages', () => {
  assert.deepEqual(checkLevel('x', 'rate', { from: 0.5, to: 0 }, { min: 0 }), { from: 0.5, to: 0, schedule: 'linear', per: 'step' });
  assert.deepEqual(checkLevel('x', 'rate', { from: 0.5, to: 0, schedule: 'step' }, { min: 0 }), { from: 0.5, to: 0, schedule: 'step', per: 'step', stages: 3 });
  assert.throws(() => checkLevel('dropout', 'rate', { from: 0.5, to: 2 }, { max: 1 }), /^InvalidArgumentError: dropout: rate must be a number <= 1, received 2$/);
  assert.throws(() => checkLevel('d', 'rate', { from: 0.5, to: 0, schedule: 'sine' }, {}), /d: rate schedule must be one of 'linear', 'cosine', 'exponential', 'step', received "sine"/);
  assert.throws(() => checkLevel('d', 'rate', { from: 0.5, to: 0, per: 'batch' }, {}), /d: rate per must be one of 'step', 'epoch', received "batch"/);
  assert.throws(() => checkLevel('d', 'rate', { from: 0.5, to: 0, schedule: 'exponential' }, {}), /d: rate must be a schedule with from > 0 and to > 0 for an exponential schedule, received "0.5->0"/);
});

test('a noise layer reads its scheduled level at the step fit reports', () => {
  const layer = ready(gaussianNoise({ stddev: { from: 0.2, to: 0 } }), 100_000, 2);
  const ctx = (step: number) => ({ training: true, step, epoch: 0, totalSteps: 5, totalEpochs: 1 });
  const first = moments(run(layer, new Float64Array(100_000), 1, ctx(0)));
  const middle = moments(run(layer, new Float64Array(100_000), 1, ctx(2)));
  // Relative standard error of a normal sample variance over 1e5 draws: sqrt(2e-5) = 0.45%.
  assert.ok(Math.abs(first.variance / 0.04 - 1) < 5 * 0.0045, `${first.variance}`);
  assert.ok(Math.abs(middle.variance / 0.01 - 1) < 5 * 0.0045, `${middle.variance}`);
  assert.ok(run(layer, new Float64Array(10), 1, ctx(4)).every((v) => v === 0));
});
