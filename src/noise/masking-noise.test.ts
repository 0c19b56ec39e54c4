import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskingNoise } from './masking-noise.js';
import { noiseLayerContract, ready, run } from '../testing/noise-harness.js';

noiseLayerContract('MaskingNoise', () => maskingNoise({ rate: 0.3 }));

test('maskingNoise zeroes exactly round(v d) values of every sample, uniformly placed, without rescaling', () => {
  const rows = 2000;
  const d = 50;
  const y = run(ready(maskingNoise({ rate: 0.2 }), d, 4), new Float64Array(rows * d).fill(1), rows);
  const perPosition = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    let zeros = 0;
    for (let j = 0; j < d; j++) {
      const v = y[r * d + j]!;
      assert.ok(v === 0 || v === 1);
      if (v === 0) {
        zeros++;
        perPosition[j]! += 1 / rows;
      }
    }
    assert.equal(zeros, 10);
  }
  // Each position is masked with probability 0.2: standard error sqrt(0.16 / 2000) = 8.9e-3.
  for (const f of perPosition) assert.ok(Math.abs(f - 0.2) < 5 * 9e-3, `position frequency ${f}`);
});

test('maskingNoise validates the rate', () => {
  assert.throws(() => maskingNoise({ rate: 1 }), /maskingNoise: rate must be a number >= 0 and < 1, received 1/);
});
