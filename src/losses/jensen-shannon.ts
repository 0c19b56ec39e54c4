/**
 * The Jensen-Shannon consistency loss of AugMix (Hendrycks et al. 2020, eq. 1) between the
 * predictions on `V` views of each sample: with `p_v` the predicted class probabilities on view
 * `v` and `M = (p_1 + ... + p_V) / V`,
 * `JS = (1 / V) sum_v KL(p_v || M) = (1 / V) sum_v sum_k p_vk (log p_vk - log M_k)`,
 * `log M` taken of `max(M, 1e-7)` as in the authors' code. Its gradient with respect to the
 * probabilities is `g_vk = (log p_vk - log M_k) / V` (plus `1 / V` where `M_k` is clamped, where
 * no gradient flows through `M`), and through a softmax, with respect to the logits,
 * `p_vj (g_vj - sum_k p_vk g_vk)`.
 */
import type { FloatArray } from '../kernels/backend.js';

/** The clamp of the mixture's probabilities before their log, as the authors' code. */
export const MIXTURE_FLOOR = 1e-7;

let probs = new Float64Array(0);
let logMix = new Float64Array(0);
let clamped = new Uint8Array(0);

/**
 * The Jensen-Shannon divergence summed over `count` samples, times `weight`, from `out`: `views`
 * blocks of `count` rows of `outputs` values (view `v` of sample `r` at row `v * count + r`),
 * logits when `logits`, else probabilities. Adds `weight * gradScale` times its gradient with
 * respect to `out` into `grad` when given.
 */
export function jensenShannon(out: FloatArray, logits: boolean, views: number, count: number, outputs: number, weight: number, grad: FloatArray | null, gradScale: number): number {
  const k = outputs;
  if (probs.length < views * k) probs = new Float64Array(views * k);
  if (logMix.length < k) {
    logMix = new Float64Array(k);
    clamped = new Uint8Array(k);
  }
  let total = 0;
  for (let r = 0; r < count; r++) {
    for (let v = 0; v < views; v++) rowProbabilities(out, (v * count + r) * k, k, logits, probs, v * k);
    for (let j = 0; j < k; j++) {
      let m = 0;
      for (let v = 0; v < views; v++) m += probs[v * k + j]!;
      m /= views;
      clamped[j] = m < MIXTURE_FLOOR ? 1 : 0;
      logMix[j] = Math.log(Math.max(m, MIXTURE_FLOOR));
    }
    let js = 0;
    for (let v = 0; v < views; v++) {
      for (let j = 0; j < k; j++) {
        const p = probs[v * k + j]!;
        if (p > 0) js += p * (Math.log(p) - logMix[j]!);
      }
    }
    total += js / views;
    if (!grad) continue;
    const s = (weight * gradScale) / views;
    for (let v = 0; v < views; v++) {
      const row = (v * count + r) * k;
      const at = v * k;
      // g_vj / s: the gradient with respect to the probabilities, before the scale.
      let dot = 0;
      for (let j = 0; j < k; j++) {
        const p = probs[at + j]!;
        dot += p > 0 ? p * gradProb(p, j) : 0;
      }
      for (let j = 0; j < k; j++) {
        const p = probs[at + j]!;
        const g = p > 0 ? gradProb(p, j) : 0;
        grad[row + j]! += s * (logits ? p * (g - dot) : g);
      }
    }
  }
  return weight * total;
}

/** `V g_vj` for a probability `p > 0` of class `j`. */
function gradProb(p: number, j: number): number {
  return Math.log(p) - logMix[j]! + clamped[j]!;
}

/** The probabilities of one output row: a softmax of logits, or the row itself. */
function rowProbabilities(out: FloatArray, at: number, k: number, logits: boolean, dst: Float64Array, to: number): void {
  if (!logits) {
    for (let j = 0; j < k; j++) dst[to + j] = out[at + j]!;
    return;
  }
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, out[at + j]!);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += dst[to + j] = Math.exp(out[at + j]! - max);
  for (let j = 0; j < k; j++) dst[to + j]! /= sum;
}
