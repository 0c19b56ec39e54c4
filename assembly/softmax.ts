/** Softmax rows, softmax cross-entropy and argmax accuracy. */
import { exp4, log4, lane0 } from './vmath';

/** Softmax of one row in place. */
export function softmaxRow(y: usize, cols: i32): void {
  const max = rowMax(y, cols);
  let s: f64 = 0;
  for (let j = 0; j < cols; j++) {
    const p = y + (<usize>j << 2);
    const e = lane0(exp4(f32x4.splat(load<f32>(p) - max)));
    store<f32>(p, e);
    s += e;
  }
  const inv = 1 / s;
  for (let j = 0; j < cols; j++) {
    const p = y + (<usize>j << 2);
    store<f32>(p, <f32>(<f64>load<f32>(p) * inv));
  }
}

/** `dy = y * (dy - sum(dy * y))` for one row. */
export function softmaxBackwardRow(dy: usize, y: usize, cols: i32): void {
  let dot: f64 = 0;
  for (let j = 0; j < cols; j++) {
    const o = <usize>j << 2;
    dot += <f64>load<f32>(dy + o) * <f64>load<f32>(y + o);
  }
  for (let j = 0; j < cols; j++) {
    const o = <usize>j << 2;
    store<f32>(dy + o, <f32>(<f64>load<f32>(y + o) * (<f64>load<f32>(dy + o) - dot)));
  }
}

function rowMax(p: usize, cols: i32): f32 {
  let max: f32 = -Infinity;
  for (let j = 0; j < cols; j++) {
    const v = load<f32>(p + (<usize>j << 2));
    if (v > max) max = v;
  }
  return max;
}

/**
 * Summed softmax cross-entropy of logits (rows x cols) against int32 labels, with label
 * smoothing; writes `(softmax - target) * gradScale` to grad unless grad is 0.
 */
export function softmaxCrossEntropy(logits: usize, labels: usize, rows: i32, cols: i32, smoothing: f64, grad: usize, gradScale: f64): f64 {
  let total: f64 = 0;
  const off = smoothing / <f64>cols;
  for (let r = 0; r < rows; r++) {
    const row = logits + ((<usize>r * <usize>cols) << 2);
    const max = rowMax(row, cols);
    let s: f64 = 0;
    for (let j = 0; j < cols; j++) s += <f64>lane0(exp4(f32x4.splat(load<f32>(row + (<usize>j << 2)) - max)));
    const logZ = <f64>max + <f64>lane0(log4(f32x4.splat(<f32>s)));
    const inv = 1 / s;
    const label = load<i32>(labels + (<usize>r << 2));
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      const z = load<f32>(row + o);
      const target = (j == label ? 1 - smoothing : 0) + off;
      if (target != 0) total -= target * (<f64>z - logZ);
      if (grad) {
        const p = <f64>lane0(exp4(f32x4.splat(z - max))) * inv;
        store<f32>(grad + ((<usize>r * <usize>cols) << 2) + o, <f32>((p - target) * gradScale));
      }
    }
  }
  return total;
}

/** Rows whose first maximum is at the label's column. */
export function countCorrect(scores: usize, labels: usize, rows: i32, cols: i32): i32 {
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const row = scores + ((<usize>r * <usize>cols) << 2);
    let best = 0;
    let bestValue = load<f32>(row);
    for (let j = 1; j < cols; j++) {
      const v = load<f32>(row + (<usize>j << 2));
      if (v > bestValue) {
        best = j;
        bestValue = v;
      }
    }
    if (best == load<i32>(labels + (<usize>r << 2))) correct++;
  }
  return correct;
}
