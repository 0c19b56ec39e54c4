/**
 * Softmax cross-entropy and the count of correct rows for the webgpu backend: one thread per
 * row writes the row's loss (or 1 for a correct row) to a scratch array, then one workgroup
 * sums it and the sum is queued as a scalar (DeviceMemory.takeScalars); both return NaN.
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { sumToScalar } from './elementwise.js';
import { bindArrays, cachedSource, ENTRY_1D, grid, Params } from './kernel-source.js';

const CROSS_ENTROPY_WGSL = (withGrad: boolean): string => `
${ENTRY_1D}
  if (i >= P.rows) { return; }
  let o = i * P.cols;
  var mx = -3.4028234663852886e38;
  for (var j = 0u; j < P.cols; j++) { mx = max(mx, LOGITS[o + j]); }
  var s = 0.0;
  for (var j = 0u; j < P.cols; j++) { s += exp(LOGITS[o + j] - mx); }
  let logZ = mx + log(s);
  let label = u32(LABELS[i]);
  var loss = 0.0;
  for (var j = 0u; j < P.cols; j++) {
    let tgt = select(0.0, P.on, j == label) + P.off;
    let logp = LOGITS[o + j] - logZ;
    if (tgt != 0.0) { loss -= tgt * logp; }
    ${withGrad ? 'GRAD[o + j] = (exp(logp) - tgt) * P.gradScale;' : ''}
  }
  LOSS[i] = loss;
}`;

/** Softmax cross-entropy with label smoothing (see Backend.softmaxCrossEntropy): the summed loss is queued as a scalar; returns NaN. */
export function softmaxCrossEntropy(ctx: GpuContext, logits: FloatArray, labels: Int32Array, rows: number, cols: number, smoothing: number, grad: FloatArray | null, gradScale: number): number {
  const loss = ctx.scratch('row loss', Math.max(1, rows));
  if (rows > 0 && cols > 0) {
    const bound = bindArrays(ctx, [
      { name: 'LOGITS', array: logits, access: 'read' },
      { name: 'LABELS', array: labels, access: 'read' },
      { name: 'LOSS', array: loss, access: 'write' },
      ...(grad ? [{ name: 'GRAD', array: grad, access: 'write' } as const] : []),
    ], 'softmaxCrossEntropy');
    const key = `softmaxCrossEntropy|${+(grad !== null)}|${bound.aliasKey}`;
    const wgsl = cachedSource(key, () => bound.source('struct Params { rows: u32, cols: u32, on: f32, off: f32, gradScale: f32 }', CROSS_ENTROPY_WGSL(grad !== null)));
    const params = new Params().u32(rows).u32(cols).f32(1 - smoothing).f32(smoothing / cols).f32(gradScale);
    ctx.dispatch(key, wgsl, bound.buffers, params.buffer, grid(rows));
  }
  sumToScalar(ctx, loss, Math.max(0, rows), 'softmaxCrossEntropy loss');
  return NaN;
}

const COUNT_CORRECT_WGSL = `
${ENTRY_1D}
  if (i >= P.rows) { return; }
  let o = i * P.cols;
  var best = 0u;
  for (var j = 1u; j < P.cols; j++) { if (SCORES[o + j] > SCORES[o + best]) { best = j; } }
  CORRECT[i] = select(0.0, 1.0, i32(best) == LABELS[i]);
}`;

/** Rows whose first largest score is at the label: queued as a scalar; returns NaN. */
export function countCorrect(ctx: GpuContext, scores: FloatArray, labels: Int32Array, rows: number, cols: number): number {
  const correct = ctx.scratch('row correct', Math.max(1, rows));
  if (rows > 0 && cols > 0) {
    const bound = bindArrays(ctx, [
      { name: 'SCORES', array: scores, access: 'read' },
      { name: 'LABELS', array: labels, access: 'read' },
      { name: 'CORRECT', array: correct, access: 'write' },
    ], 'countCorrect');
    const key = `countCorrect|${bound.aliasKey}`;
    ctx.dispatch(key, cachedSource(key, () => bound.source('struct Params { rows: u32, cols: u32 }', COUNT_CORRECT_WGSL)), bound.buffers, new Params().u32(rows).u32(cols).buffer, grid(rows));
  }
  sumToScalar(ctx, correct, Math.max(0, rows), 'countCorrect count');
  return NaN;
}
