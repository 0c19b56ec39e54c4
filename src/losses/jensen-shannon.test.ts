import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jensenShannon } from './jensen-shannon.js';

test('the Jensen-Shannon loss of three predictions equals the hand-computed value', () => {
  // Views of one sample as probabilities: M = (0.5 + 0.9 + 0.2, 0.5 + 0.1 + 0.8) / 3 = (1.6/3, 1.4/3).
  const out = Float64Array.from([0.5, 0.5, 0.9, 0.1, 0.2, 0.8]);
  const [m0, m1] = [1.6 / 3, 1.4 / 3];
  const byHand =
    (0.5 * Math.log(0.5 / m0) + 0.5 * Math.log(0.5 / m1) + 0.9 * Math.log(0.9 / m0) + 0.1 * Math.log(0.1 / m1) + 0.2 * Math.log(0.2 / m0) + 0.8 * Math.log(0.8 / m1)) / 3;
  assert.ok(Math.abs(byHand - 0.18471245015062) < 1e-12, 'the same number from numpy');
  assert.ok(Math.abs(jensenShannon(out, false, 3, 1, 2, 1, null, 1) - byHand) < 1e-12);
  assert.ok(Math.abs(jensenShannon(out, false, 3, 1, 2, 12, null, 1) - 12 * byHand) < 1e-11, 'times its weight');
  // The same probabilities as logits (log p): the softmax gives them back.
  assert.ok(Math.abs(jensenShannon(out.map(Math.log), true, 3, 1, 2, 1, null, 1) - byHand) < 1e-12);
});

test('the Jensen-Shannon loss is 0 with gradient 0 when the views agree, and sums over samples', () => {
  const logits = Float64Array.from([1, -2, 0.5, 3, 0, 1, 1, -2, 0.5, 3, 0, 1, 1, -2, 0.5, 3, 0, 1]); // 3 views x 2 samples x 3 classes, the views equal
  const grad = new Float64Array(18);
  assert.ok(Math.abs(jensenShannon(logits, true, 3, 2, 3, 12, grad, 0.5)) < 1e-15);
  assert.ok(grad.every((g) => Math.abs(g) < 1e-15));
  const one = Float64Array.from([0.2, 0.8, 0.6, 0.4, 0.9, 0.1]);
  const two = Float64Array.from([0.2, 0.8, 0.5, 0.5, 0.6, 0.4, 0.3, 0.7, 0.9, 0.1, 0.1, 0.9]); // sample 0 as `one`, then another
  const other = Float64Array.from([0.5, 0.5, 0.3, 0.7, 0.1, 0.9]);
  assert.ok(Math.abs(jensenShannon(two, false, 3, 2, 2, 1, null, 1) - jensenShannon(one, false, 3, 1, 2, 1, null, 1) - jensenShannon(other, false, 3, 1, 2, 1, null, 1)) < 1e-14);
});

test('the gradient of the Jensen-Shannon loss matches central finite differences, from logits and from probabilities', () => {
  const views = 3;
  const count = 2;
  const k = 4;
  const n = views * count * k;
  const logits = Float64Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + 0.3) * 2);
  const probs = new Float64Array(n);
  for (let row = 0; row < views * count; row++) {
    const e = Array.from({ length: k }, (_, j) => Math.exp(logits[row * k + j]!));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => (probs[row * k + j] = v / s));
  }
  for (const [input, fromLogits] of [[logits, true], [probs, false]] as const) {
    const grad = new Float64Array(n).fill(0.25); // the gradient is added to what is there
    jensenShannon(input, fromLogits, views, count, k, 12, grad, 0.5);
    const h = 1e-6;
    for (let i = 0; i < n; i++) {
      const up = Float64Array.from(input);
      const down = Float64Array.from(input);
      up[i]! += h;
      down[i]! -= h;
      const numeric = (0.5 * (jensenShannon(up, fromLogits, views, count, k, 12, null, 1) - jensenShannon(down, fromLogits, views, count, k, 12, null, 1))) / (2 * h);
      assert.ok(Math.abs(grad[i]! - 0.25 - numeric) < 1e-7, `${fromLogits ? 'logit' : 'probability'} ${i}: ${grad[i]! - 0.25} vs ${numeric}`);
    }
  }
});
