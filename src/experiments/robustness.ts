/**
 * Robustness curve: the accuracy of a trained model on inputs with Gaussian noise added at test
 * time, `x + e`, `e ~ N(0, s² I)`, for every s of a grid, averaged over several seeded draws.
 * A common way to show what training with noise buys (see noise-techniques.md, "Evaluation
 * under noise"). The model's own noise layers stay off: this is `predict` on noisy inputs.
 */
import { taskOf } from '../train/metric-set.js';
import type { Sequential } from '../models/sequential.js';
import { Tensor } from '../tensor/tensor.js';
import { Xoshiro128, deriveSeed } from '../random/xoshiro.js';
import { checkNumber } from '../validate.js';
import { InvalidArgumentError, invalid } from '../errors.js';
import { classify, labelsOfTensor, nextTurn, noisyChunk, type ClipRange } from './noisy-batches.js';
import { mean } from './stats.js';

/** The default grid of test-time noise standard deviations. */
export const DEFAULT_STDDEVS: readonly number[] = [0, 0.1, 0.2, 0.3, 0.5];

/** Options of {@link robustnessCurve}. */
export interface RobustnessOptions {
  /** Standard deviations of the added noise, each >= 0, in the inputs' scale; default {@link DEFAULT_STDDEVS}. */
  stddevs?: readonly number[];
  /** Independent noise draws per level, an integer >= 1; default 3. A level of 0 is evaluated once. */
  draws?: number;
  /**
   * Seed of the noise. Draw d at level s uses `deriveSeed(seed, 'robustness:s:d')`, so every
   * model evaluated with the same seed sees the same noise (common random numbers). Default 0.
   */
  seed?: number;
  /** Clip noisy inputs to this range (e.g. `{ min: 0, max: 1 }` for images); default none, as in Cohen et al. */
  clip?: ClipRange | null;
  /** Samples held as floats at once; default 1024. The dataset itself is never copied as floats. */
  chunkSize?: number;
  /** Samples per forward pass; default 256. */
  batchSize?: number;
  /** Stops the evaluation between chunks, throwing the signal's reason. */
  signal?: AbortSignal;
  /** Called after each chunk with the passes done and the passes in all (one pass = one chunk at one level and draw). */
  onProgress?: (done: number, total: number) => void;
}

/** The accuracy at one noise level. */
export interface RobustnessPoint {
  stddev: number;
  /** Accuracy of each draw, in [0, 1] (one value at stddev 0). */
  accuracies: number[];
  /** Mean over the draws. */
  mean: number;
  /** `rmse` when the values are a regression's root mean squared error (lower is better) instead of accuracies; absent for accuracy. */
  metric?: 'rmse';
}

/**
 * Accuracy of `model` on `x` + Gaussian noise against the labels `y` (class indices or one-hot
 * rows), for every level of the grid; see {@link RobustnessOptions}.
 */
export async function robustnessCurve(model: Sequential, x: Tensor, y: Tensor, options: RobustnessOptions = {}): Promise<RobustnessPoint[]> {
  const stddevs = options.stddevs ?? DEFAULT_STDDEVS;
  if (!Array.isArray(stddevs) || stddevs.length === 0) throw invalid('robustnessCurve', 'stddevs', 'a non-empty list of numbers >= 0', stddevs);
  stddevs.forEach((s, i) => checkNumber('robustnessCurve', `stddevs[${i}]`, s, { min: 0 }));
  const draws = checkNumber('robustnessCurve', 'draws', options.draws ?? 3, { min: 1, integer: true });
  const seed = checkNumber('robustnessCurve', 'seed', options.seed ?? 0, { min: 0, integer: true });
  const chunkSize = checkNumber('robustnessCurve', 'chunkSize', options.chunkSize ?? 1024, { min: 1, integer: true });
  const batchSize = checkNumber('robustnessCurve', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  const clip = options.clip ?? null;
  if (clip && !(clip.min < clip.max)) throw invalid('robustnessCurve', 'clip', 'a range with min < max', `${clip.min}..${clip.max}`);
  const count = x.count;
  if (count === 0) throw invalid('robustnessCurve', 'x', 'at least one sample', 0);
  if (model.loss && taskOf(model.loss, model.outputShape.reduce((a, b) => a * b, 1)) === 'regression') throw new InvalidArgumentError(`robustnessCurve: model '${model.name}' is a regression (${model.loss.name}); the curve measures accuracy under noise, which a regression has not (its error under noise is errorCurve)`);
  const labels = labelsOfTensor(y, count);
  return noiseCurve(x, stddevs, draws, seed, chunkSize, clip, options, (batch, from, n) => {
    const predicted = classify(model, batch, n, batchSize);
    let correct = 0;
    for (let i = 0; i < n; i++) if (predicted[i] === labels[from + i]) correct++;
    return correct;
  }, (sum) => sum / count);
}

/**
 * The error curve of a regression: the root mean squared error of `model` on `x` + Gaussian
 * noise against the target values `y` (one per sample), for every level of the grid, with the
 * same seeded draws as {@link robustnessCurve}. Points carry `metric: 'rmse'`; lower is better.
 */
export async function errorCurve(model: Sequential, x: Tensor, y: Tensor, options: RobustnessOptions = {}): Promise<RobustnessPoint[]> {
  const stddevs = options.stddevs ?? DEFAULT_STDDEVS;
  if (!Array.isArray(stddevs) || stddevs.length === 0) throw invalid('errorCurve', 'stddevs', 'a non-empty list of numbers >= 0', stddevs);
  stddevs.forEach((s, i) => checkNumber('errorCurve', `stddevs[${i}]`, s, { min: 0 }));
  const draws = checkNumber('errorCurve', 'draws', options.draws ?? 3, { min: 1, integer: true });
  const seed = checkNumber('errorCurve', 'seed', options.seed ?? 0, { min: 0, integer: true });
  const chunkSize = checkNumber('errorCurve', 'chunkSize', options.chunkSize ?? 1024, { min: 1, integer: true });
  const batchSize = checkNumber('errorCurve', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  const clip = options.clip ?? null;
  const count = x.count;
  if (count === 0) throw invalid('errorCurve', 'x', 'at least one sample', 0);
  if (y.count !== count || y.sampleSize !== 1) throw new InvalidArgumentError(`errorCurve: one target value per sample expected (${count}), received shape [${y.shape.join(', ')}]`);
  const points = await noiseCurve(x, stddevs, draws, seed, chunkSize, clip, options, (batch, from, n) => {
    const predicted = model.predict(new Tensor(batch, [n, batch.length / n]), { batchSize });
    if (predicted.sampleSize !== 1) throw new InvalidArgumentError(`errorCurve: model '${model.name}' has ${predicted.sampleSize} outputs; a regression has one`);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (predicted.data[i]! - y.data[from + i]!) ** 2;
    return sum;
  }, (sum) => Math.sqrt(sum / count));
  return points.map((p) => ({ ...p, metric: 'rmse' as const }));
}

/** One value per level and draw: `chunkValue` summed over the chunks of noisy `x`, then `finish`ed. */
async function noiseCurve(
  x: Tensor, stddevs: readonly number[], draws: number, seed: number, chunkSize: number, clip: ClipRange | null, options: RobustnessOptions,
  chunkValue: (batch: Float32Array, from: number, n: number) => number, finish: (sum: number) => number,
): Promise<RobustnessPoint[]> {
  const count = x.count;
  const chunks = Math.ceil(count / chunkSize);
  const total = stddevs.reduce((n, s) => n + (s === 0 ? 1 : draws), 0) * chunks;
  const buffer = new Float32Array(Math.min(chunkSize, count) * x.sampleSize);
  let done = 0;

  const points: RobustnessPoint[] = [];
  for (const stddev of stddevs) {
    const accuracies: number[] = [];
    for (let d = 0; d < (stddev === 0 ? 1 : draws); d++) {
      const rng = stddev === 0 ? null : new Xoshiro128(deriveSeed(seed, `robustness:${stddev}:${d}`));
      let sum = 0;
      for (let from = 0; from < count; from += chunkSize) {
        options.signal?.throwIfAborted();
        const n = Math.min(chunkSize, count - from);
        const batch = noisyChunk(x, from, n, stddev, rng, buffer, clip);
        sum += chunkValue(batch, from, n);
        options.onProgress?.(++done, total);
        await nextTurn();
      }
      accuracies.push(finish(sum));
    }
    points.push({ stddev, accuracies, mean: mean(accuracies) });
  }
  return points;
}
