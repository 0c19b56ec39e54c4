/**
 * Reference batch-normalisation kernels over a rows x cols matrix, one statistic per column
 * (the channel): see {@link Backend.batchNormStatistics}. Sums run in double precision, the
 * variance in two passes.
 */
import type { FloatArray } from '../backend.js';

/** See Backend.batchNormStatistics. */
export function batchNormStatistics(x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray): void {
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += x[r * cols + j]!;
    const m = s / rows;
    let v = 0;
    for (let r = 0; r < rows; r++) v += (x[r * cols + j]! - m) ** 2;
    mean[j] = m;
    variance[j] = v / rows;
  }
}

/** See Backend.batchNormForward. */
export function batchNormForward(x: FloatArray, y: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, beta: FloatArray, epsilon: number): void {
  for (let j = 0; j < cols; j++) {
    const scale = gamma[j]! / Math.sqrt(variance[j]! + epsilon);
    const m = mean[j]!;
    const shift = beta[j]!;
    for (let r = 0; r < rows; r++) y[r * cols + j] = (x[r * cols + j]! - m) * scale + shift;
  }
}

/** See Backend.batchNormBackward. */
export function batchNormBackward(dy: FloatArray, x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, epsilon: number, dx: FloatArray, dgamma: FloatArray, dbeta: FloatArray): void {
  for (let j = 0; j < cols; j++) {
    const inv = 1 / Math.sqrt(variance[j]! + epsilon);
    const m = mean[j]!;
    let sdy = 0;
    let sdyx = 0;
    for (let r = 0; r < rows; r++) {
      const d = dy[r * cols + j]!;
      sdy += d;
      sdyx += d * (x[r * cols + j]! - m) * inv;
    }
    dbeta[j] = sdy;
    dgamma[j] = sdyx;
    const k = gamma[j]! * inv;
    for (let r = 0; r < rows; r++) {
      const i = r * cols + j;
      const xhat = (x[i]! - m) * inv;
      dx[i] = k * (dy[i]! - sdy / rows - (xhat * sdyx) / rows);
    }
  }
}
