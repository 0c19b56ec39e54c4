/** Conformance of the batch-normalisation kernels against their formulas, computed here in float64. */
import { it } from 'node:test';
import type { Backend } from '../../kernels/backend.js';
import { assertClose, put, randomArray } from './helpers.js';

/** [rows, cols]: batch 1 of an image (rows = height * width), odd sizes, one column, the convnet's channels. */
const SHAPES: [number, number][] = [[1, 1], [7, 3], [2 * 26 * 26, 32], [9, 1], [5, 13], [121, 64], [3, 130]];

/** Per-column mean and biased variance. */
function stats(x: ArrayLike<number>, rows: number, cols: number): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) mean[j]! += x[r * cols + j]! / rows;
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) variance[j]! += (x[r * cols + j]! - mean[j]!) ** 2 / rows;
  return { mean, variance };
}

/** Registers the batch-norm checks. */
export function batchNormTests(get: () => Backend): void {
  it('batchNormStatistics, batchNormForward and batchNormBackward: the formulas on odd shapes', () => {
    const b = get();
    let seed = 500;
    const eps = 1e-3;
    for (const [rows, cols] of SHAPES) {
      // An offset and a spread per column, as activations have.
      const x = randomArray(seed++, rows * cols).map((v, i) => 0.5 * (i % cols) + v * (1 + (i % cols) / 4));
      const { mean, variance } = stats(x, rows, cols);
      const m = put(b, randomArray(seed++, cols));
      const v = put(b, randomArray(seed++, cols));
      b.batchNormStatistics(put(b, x), rows, cols, m, v);
      assertClose(m, mean, cols, 1e-5, 1e-5, `batchNormStatistics mean ${rows}x${cols}`);
      assertClose(v, variance, cols, 1e-5, 1e-4, `batchNormStatistics variance ${rows}x${cols}`);

      const gamma = randomArray(seed++, cols, 0.5, 1.5);
      const beta = randomArray(seed++, cols);
      const yExpected = Float64Array.from(x, (xv, i) => (gamma[i % cols]! * (xv - mean[i % cols]!)) / Math.sqrt(variance[i % cols]! + eps) + beta[i % cols]!);
      const y = put(b, x); // in place
      b.batchNormForward(y, y, rows, cols, put(b, mean), put(b, variance), put(b, gamma), put(b, beta), eps);
      assertClose(y, yExpected, rows * cols, 1e-5, 1e-4, `batchNormForward ${rows}x${cols}`);

      const dy = randomArray(seed++, rows * cols);
      const dbetaExpected = new Float64Array(cols);
      const dgammaExpected = new Float64Array(cols);
      const xhat = Float64Array.from(x, (xv, i) => (xv - mean[i % cols]!) / Math.sqrt(variance[i % cols]! + eps));
      for (let i = 0; i < rows * cols; i++) {
        dbetaExpected[i % cols]! += dy[i]!;
        dgammaExpected[i % cols]! += dy[i]! * xhat[i]!;
      }
      const dxExpected = Float64Array.from(dy, (d, i) => {
        const j = i % cols;
        return (gamma[j]! / Math.sqrt(variance[j]! + eps)) * (d - dbetaExpected[j]! / rows - (xhat[i]! * dgammaExpected[j]!) / rows);
      });
      const dgamma = put(b, randomArray(seed++, cols));
      const dbeta = put(b, randomArray(seed++, cols));
      const dx = put(b, dy); // dx may be dy
      b.batchNormBackward(dx, put(b, x), rows, cols, put(b, mean), put(b, variance), put(b, gamma), eps, dx, dgamma, dbeta);
      const scale = Math.sqrt(rows);
      assertClose(dbeta, dbetaExpected, cols, 1e-5 * scale, 1e-4, `batchNormBackward dbeta ${rows}x${cols}`);
      assertClose(dgamma, dgammaExpected, cols, 1e-5 * scale, 1e-4, `batchNormBackward dgamma ${rows}x${cols}`);
      assertClose(dx, dxExpected, rows * cols, 1e-5, 1e-4, `batchNormBackward dx ${rows}x${cols}`);
    }
  });
}
