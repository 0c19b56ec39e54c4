/** Calibration: ECE, NLL and Brier against hand-computed values; a calibrated predictor scores ECE near 0; one sample is refused. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Xoshiro128 } from '../random/xoshiro.js';
import { CALIBRATION_BINS, calibration } from './calibration.js';
import { InvalidArgumentError } from '../errors.js';

test('four predictions: ECE, MCE, NLL, Brier and the bins as computed by hand', () => {
  // confidences 0.9 (right), 0.8 (wrong), 0.7 (right), 0.6 (right), each alone in its bin of width 1/15
  const probs = [0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.6, 0.4];
  const r = calibration(probs, [0, 1, 1, 0], 2);
  assert.equal(r.samples, 4);
  assert.equal(r.accuracy, 0.75);
  assert.ok(Math.abs(r.ece - (0.1 + 0.8 + 0.3 + 0.4) / 4) < 1e-12, `ece ${r.ece}`);
  assert.ok(Math.abs(r.mce - 0.8) < 1e-12);
  assert.ok(Math.abs(r.nll - -(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.6)) / 4) < 1e-12, `nll ${r.nll}`);
  assert.ok(Math.abs(r.brier - (0.02 + 1.28 + 0.18 + 0.32) / 4) < 1e-12, `brier ${r.brier}`);
  assert.ok(Math.abs(r.meanConfidence - 0.75) < 1e-12);
  assert.equal(r.bins.length, CALIBRATION_BINS);
  assert.equal(CALIBRATION_BINS, 15);
  const filled = r.bins.filter((b) => b.count > 0);
  assert.deepEqual(filled.map((b) => [b.accuracy, Number(b.confidence!.toFixed(6))]), [[1, 0.6], [1, 0.7], [0, 0.8], [1, 0.9]]);
  assert.ok(filled.every((b) => b.lower < b.confidence! && b.confidence! <= b.upper + 1e-12), 'each confidence in its bin (lower, upper]');
  assert.ok(r.bins.filter((b) => b.count === 0).every((b) => b.accuracy === null && b.confidence === null));
});

test('a perfectly confident right predictor: ECE 0, NLL 0, Brier 0; logits are read through a softmax', () => {
  const r = calibration([1, 0, 0, 0, 1, 0], [0, 1], 3);
  assert.deepEqual([r.ece, r.nll, r.brier, r.accuracy], [0, 0, 0, 1]);
  const logits = calibration([2, 0, 0, 2], [0, 1], 2);
  const p = Math.exp(2) / (Math.exp(2) + 1);
  assert.ok(Math.abs(logits.meanConfidence - p) < 1e-12 && Math.abs(logits.ece - (1 - p)) < 1e-12);
  const wrong = calibration([0, 1, 1, 0], [0, 1], 2);
  assert.ok(Math.abs(wrong.nll + Math.log(1e-12)) < 1e-9, 'a certain miss costs -log(1e-12)');
  assert.equal(wrong.brier, 2);
});

test('a perfectly calibrated synthetic predictor gets ECE near 0; an overconfident one does not', () => {
  const rng = new Xoshiro128(3);
  const n = 20000;
  const classes = 4;
  const probs = new Float64Array(n * classes);
  const over = new Float64Array(n * classes);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const confidence = 0.25 + 0.75 * rng.uniform();
    const predicted = rng.int(classes);
    // right with probability equal to its confidence; otherwise one of the other classes
    labels[i] = rng.uniform() < confidence ? predicted : (predicted + 1 + rng.int(classes - 1)) % classes;
    for (let k = 0; k < classes; k++) {
      probs[i * classes + k] = k === predicted ? confidence : (1 - confidence) / (classes - 1);
      const sharp = Math.min(1, confidence + 0.2);
      over[i * classes + k] = k === predicted ? sharp : (1 - sharp) / (classes - 1);
    }
  }
  const calibrated = calibration(probs, labels, classes);
  assert.ok(calibrated.ece < 0.015, `ece ${calibrated.ece}`);
  for (const b of calibrated.bins.filter((k) => k.count > 500)) assert.ok(Math.abs(b.accuracy! - b.confidence!) < 0.05, `bin ${b.lower}: ${b.accuracy} vs ${b.confidence}`);
  const overconfident = calibration(over, labels, classes);
  assert.ok(overconfident.ece > 0.15, `overconfident ece ${overconfident.ece}`);
  assert.ok(overconfident.nll > calibrated.nll && overconfident.brier > calibrated.brier);
});

test('bad input: one sample is refused; labels outside the classes; a wrong number of probabilities', () => {
  assert.throws(() => calibration([0.9, 0.1], [0], 2), (e: unknown) => e instanceof InvalidArgumentError && /at least 2 samples expected .*got 1/.test(e.message));
  assert.throws(() => calibration([0.9, 0.1, 0.5, 0.5], [0, 2], 2), /sample 1: a class index from 0 to 1 expected, got 2/);
  assert.throws(() => calibration([0.9, 0.1, 0.5], [0, 1], 2), /4 probabilities expected, got 3/);
  assert.throws(() => calibration([0.9, 0.1, 0.5, 0.5], [0, 1], 2, { bins: 0 }), InvalidArgumentError);
});
