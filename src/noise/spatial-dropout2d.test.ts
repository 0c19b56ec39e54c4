import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spatialDropout2d } from './spatial-dropout2d.js';
import { noiseLayerContract, ready, run } from '../testing/noise-harness.js';
import { ShapeError } from '../errors.js';
import { backend64 } from '../testing/gradcheck.js';

/** Feature maps of `n` values: two channels when n is even. */
const maps = (n: number): number[] => (n % 2 === 0 ? [1, n / 2, 2] : [1, n, 1]);

noiseLayerContract('SpatialDropout2D', () => spatialDropout2d({ rate: 0.4 }), maps);

test('spatialDropout2d drops whole feature maps of each sample at rate p and scales the kept ones by 1 / (1 - p)', () => {
  const [h, w, c, batch, p] = [5, 4, 8, 2000, 0.3];
  const layer = ready(spatialDropout2d({ rate: p }), [h, w, c], 4);
  const y = run(layer, new Float64Array(batch * h * w * c).fill(1), batch);
  let dropped = 0;
  for (let s = 0; s < batch; s++) {
    for (let ch = 0; ch < c; ch++) {
      const first = y[s * h * w * c + ch]!;
      for (let px = 0; px < h * w; px++) assert.equal(y[(s * h * w + px) * c + ch], first, 'a map is kept or dropped whole');
      assert.ok(first === 0 || first === Math.fround(1 / (1 - p)));
      if (first === 0) dropped++;
    }
  }
  // 16,000 maps: binomial standard error sqrt(0.3 * 0.7 / 16000) = 3.6e-3; bound at 5 of them.
  assert.ok(Math.abs(dropped / (batch * c) - p) < 5 * 3.7e-3, `map drop rate ${dropped / (batch * c)}`);
  const dx = layer.backward(Float32Array.from(y, () => 2), batch, true)!;
  y.forEach((v, i) => assert.equal(dx[i], Math.fround(2 * v)));
});

test('spatialDropout2d refuses inputs that are not feature maps, before training', () => {
  assert.throws(() => spatialDropout2d().build([128], { backend: backend64() }), (e: Error) => e instanceof ShapeError && /SpatialDropout2D '': expected images \[height, width, channels\] \(rank 3, without batch\), received shape \[128\]/.test(e.message));
  assert.throws(() => spatialDropout2d().build([28, 28], { backend: backend64() }), /received shape \[28, 28\]/);
});
