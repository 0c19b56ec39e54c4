/**
 * The reference backend: every kernel as a plain TypeScript loop. It is the definition the
 * fast backends are tested against, and in float64 mode the engine of the gradient checks.
 */
import type { Activation, Backend, FloatArray } from '../backend.js';
import { activate, derivative } from './activations.js';
import { CounterRandom, fillBernoulli, fillNormal, fillUniform } from './counter-random.js';
import { matmul } from './matmul.js';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward } from './conv2d.js';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from './pool2d.js';
import { batchNormBackward, batchNormForward, batchNormStatistics } from './batch-norm.js';

/** Creates the reference backend; `float64` makes every buffer a Float64Array. */
export function createRefBackend(dtype: 'float32' | 'float64' = 'float32'): Backend {
  return {
    name: dtype === 'float32' ? 'ref' : 'ref64',
    dtype,
    alloc: (n) => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)),
    allocIndices: (n) => new Int32Array(n),
    matmul,
    conv2dForward(x, filter, y, g, bias = null, activation = 'linear') {
      conv2dForward(x, filter, y, g);
      if (bias || activation !== 'linear') this.biasActivation(y, bias, y, g.batch * g.outHeight * g.outWidth, g.outChannels, activation);
    },
    conv2dBackwardInput,
    conv2dBackwardFilter,
    maxPool2dForward,
    maxPool2dBackward,
    avgPool2dForward,
    avgPool2dBackward,
    batchNormStatistics,
    batchNormForward,
    batchNormBackward,
    biasActivation(x, bias, y, rows, cols, act) {
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        for (let j = 0; j < cols; j++) {
          const z = x[o + j]! + (bias ? bias[j]! : 0);
          x[o + j] = z;
          y[o + j] = activate(act, z);
        }
        if (act === 'softmax') softmaxRow(y, o, cols);
      }
    },
    activationBackward(dy, x, y, rows, cols, act) {
      if (act === 'softmax') return softmaxBackward(dy, y, rows, cols);
      const n = rows * cols;
      for (let i = 0; i < n; i++) dy[i]! *= derivative(act, x ? x[i]! : 0, y[i]!);
    },
    sumRows(x, rows, cols, out, accumulate) {
      if (!accumulate) out.fill(0, 0, cols);
      for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[j]! += x[r * cols + j]!;
    },
    softmaxCrossEntropy(logits, labels, rows, cols, smoothing, grad, gradScale) {
      let total = 0;
      const off = smoothing / cols;
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let max = -Infinity;
        for (let j = 0; j < cols; j++) max = Math.max(max, logits[o + j]!);
        let s = 0;
        for (let j = 0; j < cols; j++) s += Math.exp(logits[o + j]! - max);
        const logZ = max + Math.log(s);
        const label = labels[r]!;
        for (let j = 0; j < cols; j++) {
          const target = (j === label ? 1 - smoothing : 0) + off;
          const logp = logits[o + j]! - logZ;
          if (target !== 0) total -= target * logp;
          if (grad) grad[o + j] = (Math.exp(logp) - target) * gradScale;
        }
      }
      return total;
    },
    countCorrect(scores, labels, rows, cols) {
      let correct = 0;
      for (let r = 0; r < rows; r++) {
        let best = 0;
        for (let j = 1; j < cols; j++) if (scores[r * cols + j]! > scores[r * cols + best]!) best = j;
        if (best === labels[r]) correct++;
      }
      return correct;
    },
    adamUpdate(w, g, m, v, n, lrT, beta1, beta2, epsilon) {
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * gi);
        const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi);
        w[i]! -= (lrT * mi) / (Math.sqrt(vi) + epsilon);
      }
    },
    rmspropUpdate(w, g, v, avg, mom, n, lr, rho, momentum, epsilon) {
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        const vi = (v[i] = rho * v[i]! + (1 - rho) * gi * gi);
        let d = vi + epsilon;
        if (avg) {
          const ai = (avg[i] = rho * avg[i]! + (1 - rho) * gi);
          d = vi - ai * ai + epsilon;
        }
        const inc = (lr * gi) / Math.sqrt(d);
        if (mom) w[i]! -= mom[i] = momentum * mom[i]! + inc;
        else w[i]! -= inc;
      }
    },
    sgdUpdate(w, g, vel, n, lr, momentum, nesterov) {
      for (let i = 0; i < n; i++) {
        if (momentum === 0) {
          w[i]! -= lr * g[i]!;
          continue;
        }
        const vi = (vel[i] = momentum * vel[i]! - lr * g[i]!);
        w[i]! += nesterov ? momentum * vi - lr * g[i]! : vi;
      }
    },
    add: (a, b, out, n) => {
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
    },
    mul: (a, b, out, n) => {
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
    },
    scale: (a, s, t, out, n) => {
      for (let i = 0; i < n; i++) out[i] = a[i]! * s + t;
    },
    sum: (a, n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += a[i]!;
      return s;
    },
    gatherRows(src, index, start, count, rowSize, scale, out) {
      for (let r = 0; r < count; r++) {
        const from = index[start + r]! * rowSize;
        const to = r * rowSize;
        for (let j = 0; j < rowSize; j++) out[to + j] = src[from + j]! * scale;
      }
    },
    // The wasm backend's counter-based streams, value for value (see counter-random.ts).
    createRandom: (seed) => new CounterRandom(seed >>> 0),
    fillUniform,
    fillNormal,
    fillBernoulli,
    dispose() {},
  };
}

function softmaxRow(y: FloatArray, o: number, cols: number): void {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) max = Math.max(max, y[o + j]!);
  let s = 0;
  for (let j = 0; j < cols; j++) s += y[o + j] = Math.exp(y[o + j]! - max);
  for (let j = 0; j < cols; j++) y[o + j]! /= s;
}

function softmaxBackward(dy: FloatArray, y: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += dy[o + j]! * y[o + j]!;
    for (let j = 0; j < cols; j++) dy[o + j] = y[o + j]! * (dy[o + j]! - dot);
  }
}

export type { Activation };
