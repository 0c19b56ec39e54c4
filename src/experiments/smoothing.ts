/**
 * Randomized smoothing (Cohen, Rosenfeld & Kolter 2019, "Certified Adversarial Robustness via
 * Randomized Smoothing", Algorithms 1 and 2). The smoothed classifier is
 * `g(x) = argmax_c P(f(x + e) = c)`, `e ~ N(0, σ² I)`, f the model with its noise layers off.
 * CERTIFY guesses the top class cA from n0 noisy copies, estimates `pA = P(f(x + e) = cA)` from
 * n fresh copies by a one-sided Clopper-Pearson lower bound `pA_lower` at level alpha, and
 * certifies `g` constant within the L2 radius `R = σ Φ⁻¹(pA_lower)`; it abstains when
 * `pA_lower <= 1/2`. PREDICT answers cA when a two-sided binomial test of cA's count against the
 * runner-up's rejects equality at level alpha, and abstains otherwise.
 */
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import { Xoshiro128, deriveSeed } from '../random/xoshiro.js';
import { checkNumber } from '../validate.js';
import { classify } from './noisy-batches.js';
import { taskOf } from '../train/metric-set.js';
import { InvalidArgumentError } from '../errors.js';
import { binomialTestHalf, clopperPearsonLower, normalQuantile } from './stats.js';

/** The class index that stands for "abstain". */
export const ABSTAIN = -1;

/** Settings of randomized smoothing (PREDICT and CERTIFY). */
export interface SmoothingOptions {
  /** Standard deviation σ of the Gaussian noise, > 0, in the inputs' scale. */
  sigma: number;
  /** Selection samples of CERTIFY (to guess the top class); default 100, as in Cohen et al. */
  n0?: number;
  /** Estimation samples (CERTIFY) or samples (PREDICT); default 10,000 (Cohen et al. use 100,000). */
  n?: number;
  /** Failure probability: each answer is wrong with probability at most alpha; default 0.001. */
  alpha?: number;
  /** Noisy copies classified per forward pass; default 1000. */
  batchSize?: number;
  /** Seed of the noise; sample i uses streams derived from (seed, i). Default 0. */
  seed?: number;
}

/** The answer of CERTIFY for one input. */
export interface Certificate {
  /** The smoothed classifier's class, or {@link ABSTAIN}. */
  prediction: number;
  /** The certified L2 radius; 0 when abstaining. */
  radius: number;
  /** Lower confidence bound on the top class's probability under noise. */
  pALower: number;
  /** The class guessed from the selection samples (kept when abstaining). */
  guess: number;
}

interface Resolved {
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
  batchSize: number;
  seed: number;
}

/** Checks options once and fills in the defaults. */
export function resolveSmoothing(options: SmoothingOptions): Resolved {
  const where = 'randomized smoothing';
  return {
    sigma: checkNumber(where, 'sigma', options.sigma, { min: 0, minExclusive: true }),
    n0: checkNumber(where, 'n0', options.n0 ?? 100, { min: 1, integer: true }),
    n: checkNumber(where, 'n', options.n ?? 10_000, { min: 1, integer: true }),
    alpha: checkNumber(where, 'alpha', options.alpha ?? 0.001, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
    batchSize: checkNumber(where, 'batchSize', options.batchSize ?? 1000, { min: 1, integer: true }),
    seed: checkNumber(where, 'seed', options.seed ?? 0, { min: 0, integer: true }),
  };
}

/**
 * The classes `model` predicts: one per output, or two for a yes/no model's one output (its
 * probability of class 1, thresholded at 0.5).
 * @throws InvalidArgumentError for a regression model (a value has no class to certify).
 */
export function smoothedClasses(model: Sequential, where = 'randomized smoothing'): number {
  const outputs = model.outputShape[model.outputShape.length - 1]!;
  if (model.loss && taskOf(model.loss, outputs) === 'regression') {
    throw new InvalidArgumentError(`${where}: the model '${model.name}' is a regression (${model.loss.name} on ${outputs} output): smoothing certifies the class a classifier predicts, and a value has none; measure its RMSE under input noise instead`);
  }
  return outputs === 1 ? 2 : outputs;
}

/**
 * How often the model predicts each class on `num` copies of sample `index` of `x` with
 * `N(0, σ² I)` noise added, drawn from `rng` in batches of `batchSize` copies.
 */
export function noiseCounts(model: Sequential, x: Tensor, index: number, num: number, sigma: number, rng: Xoshiro128, batchSize: number): Int32Array {
  const size = x.sampleSize;
  const clean = new Float64Array(size);
  for (let i = 0; i < size; i++) clean[i] = x.data[index * size + i]! * x.scale;
  const counts = new Int32Array(smoothedClasses(model));
  const batch = new Float32Array(Math.min(batchSize, num) * size);
  for (let done = 0; done < num; done += batchSize) {
    const m = Math.min(batchSize, num - done);
    const chunk = batch.subarray(0, m * size);
    for (let r = 0; r < m; r++) for (let i = 0; i < size; i++) chunk[r * size + i] = clean[i]! + sigma * rng.normal();
    for (const c of classify(model, chunk, m, batchSize)) counts[c]!++;
  }
  return counts;
}

/** The two most frequent classes (first on ties) and their counts. */
function topTwo(counts: Int32Array): [number, number, number, number] {
  let a = 0;
  let b = -1;
  for (let c = 1; c < counts.length; c++) {
    if (counts[c]! > counts[a]!) {
      b = a;
      a = c;
    } else if (b < 0 || counts[c]! > counts[b]!) b = c;
  }
  return [a, counts[a]!, b, b < 0 ? 0 : counts[b]!];
}

/** Cohen et al.'s PREDICT for sample `index` of `x`: the smoothed class, or {@link ABSTAIN}. */
export function smoothedPredict(model: Sequential, x: Tensor, index: number, options: SmoothingOptions): number {
  const o = resolveSmoothing(options);
  const rng = new Xoshiro128(deriveSeed(o.seed, `predict:${index}`));
  const [cA, nA, , nB] = topTwo(noiseCounts(model, x, index, o.n, o.sigma, rng, o.batchSize));
  return binomialTestHalf(nA, nA + nB) <= o.alpha ? cA : ABSTAIN;
}

/** Cohen et al.'s CERTIFY for sample `index` of `x`; see {@link Certificate}. */
export function certify(model: Sequential, x: Tensor, index: number, options: SmoothingOptions): Certificate {
  const o = resolveSmoothing(options);
  const selection = noiseCounts(model, x, index, o.n0, o.sigma, new Xoshiro128(deriveSeed(o.seed, `select:${index}`)), o.batchSize);
  const guess = topTwo(selection)[0];
  const estimation = noiseCounts(model, x, index, o.n, o.sigma, new Xoshiro128(deriveSeed(o.seed, `estimate:${index}`)), o.batchSize);
  const pALower = clopperPearsonLower(estimation[guess]!, o.n, o.alpha);
  if (pALower <= 0.5) return { prediction: ABSTAIN, radius: 0, pALower, guess };
  return { prediction: guess, radius: o.sigma * normalQuantile(pALower), pALower, guess };
}
