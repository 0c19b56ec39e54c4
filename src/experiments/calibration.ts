/**
 * Calibration of a classifier's probabilities (Guo et al. 2017, "On Calibration of Modern Neural
 * Networks"): the expected calibration error over 15 equal-width confidence bins, the negative
 * log-likelihood, the Brier score, and the reliability diagram's data (accuracy against mean
 * confidence per bin).
 */
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkNumber } from '../validate.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { argmax, labelsOfTensor } from './noisy-batches.js';

/** Bins of the expected calibration error: 15 of equal width, as Guo et al. */
export const CALIBRATION_BINS = 15;

/** Probabilities are clipped to at least this in the log-likelihood, so a confident miss costs a finite -log(1e-12) = 27.6. */
export const NLL_FLOOR = 1e-12;

/** One bin of the reliability diagram: the samples whose confidence lies in (lower, upper] (the first bin includes 0). */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Share of its samples classified right; null for an empty bin. */
  accuracy: number | null;
  /** Mean confidence (top probability) of its samples; null for an empty bin. */
  confidence: number | null;
}

/** Calibration of a set of predictions. */
export interface Calibration {
  samples: number;
  accuracy: number;
  /** Expected calibration error: sum over bins of |accuracy - confidence| weighted by the bin's share of the samples. */
  ece: number;
  /** The largest |accuracy - confidence| over the non-empty bins (maximum calibration error). */
  mce: number;
  /** Mean of -log p(true class), p clipped to at least {@link NLL_FLOOR}. */
  nll: number;
  /** Mean over samples of the sum over classes of (p_k - [k = true class])^2 (Brier 1950; 0 best, 2 worst). */
  brier: number;
  /** Mean top probability. */
  meanConfidence: number;
  bins: CalibrationBin[];
}

/** Options of {@link calibration} and {@link evaluateCalibration}. */
export interface CalibrationOptions {
  /** Number of equal-width confidence bins; default {@link CALIBRATION_BINS}. */
  bins?: number;
}

/**
 * Calibration of `probabilities` (`count * classes` values, each row a distribution) against the
 * class indices `labels`. Rows that are not distributions (a negative value, or a sum off 1 by
 * more than 1e-3) are read as logits and passed through a softmax.
 * @throws InvalidArgumentError for fewer than 2 samples (a calibration of one sample says nothing),
 *   a label outside the classes or a bin count below 1.
 */
export function calibration(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classes: number, options: CalibrationOptions = {}): Calibration {
  const binCount = checkNumber('calibration', 'bins', options.bins ?? CALIBRATION_BINS, { min: 1, integer: true });
  checkNumber('calibration', 'classes', classes, { min: 1, integer: true });
  const count = labels.length;
  if (count < 2) throw new InvalidArgumentError(`calibration: at least 2 samples expected (a calibration of one sample says nothing), got ${count}`);
  if (probabilities.length !== count * classes) throw new ShapeError(`calibration: ${count} samples x ${classes} classes = ${count * classes} probabilities expected, got ${probabilities.length}`);
  const binCorrect = new Float64Array(binCount);
  const binConfidence = new Float64Array(binCount);
  const binCount_ = new Float64Array(binCount);
  const row = new Float64Array(classes);
  let correct = 0;
  let nll = 0;
  let brier = 0;
  let confidenceSum = 0;
  for (let i = 0; i < count; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) throw new InvalidArgumentError(`calibration: sample ${i}: a class index from 0 to ${classes - 1} expected, got ${label}`);
    distribution(probabilities, i * classes, classes, row);
    const predicted = argmax(row, 0, classes);
    const confidence = row[predicted]!;
    const right = predicted === label ? 1 : 0;
    correct += right;
    confidenceSum += confidence;
    nll -= Math.log(Math.max(row[label]!, NLL_FLOOR));
    for (let k = 0; k < classes; k++) {
      const d = row[k]! - (k === label ? 1 : 0);
      brier += d * d;
    }
    const bin = Math.min(Math.max(Math.ceil(confidence * binCount) - 1, 0), binCount - 1);
    binCorrect[bin]! += right;
    binConfidence[bin]! += confidence;
    binCount_[bin]! += 1;
  }
  let ece = 0;
  let mce = 0;
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const n = binCount_[b]!;
    const accuracy = n > 0 ? binCorrect[b]! / n : null;
    const confidence = n > 0 ? binConfidence[b]! / n : null;
    if (accuracy !== null && confidence !== null) {
      const gap = Math.abs(accuracy - confidence);
      ece += (n / count) * gap;
      mce = Math.max(mce, gap);
    }
    bins.push({ lower: b / binCount, upper: (b + 1) / binCount, count: n, accuracy, confidence });
  }
  return { samples: count, accuracy: correct / count, ece, mce, nll: nll / count, brier: brier / count, meanConfidence: confidenceSum / count, bins };
}

/** Row `offset .. offset + k` of `values` as a distribution: as it is when it is one, else its softmax. */
function distribution(values: ArrayLike<number>, offset: number, k: number, out: Float64Array): void {
  let sum = 0;
  let negative = false;
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    const v = values[offset + j]!;
    out[j] = v;
    sum += v;
    if (v < 0) negative = true;
    if (v > max) max = v;
  }
  if (!negative && Math.abs(sum - 1) <= 1e-3) {
    for (let j = 0; j < k; j++) out[j]! /= sum;
    return;
  }
  let z = 0;
  for (let j = 0; j < k; j++) {
    out[j] = Math.exp(out[j]! - max);
    z += out[j]!;
  }
  for (let j = 0; j < k; j++) out[j]! /= z;
}

/**
 * Calibration of `model` on `x` against the labels `y` (class indices or one-hot rows): its
 * predicted probabilities (noise layers off), 15 equal-width bins by default.
 * @throws InvalidArgumentError for fewer than 2 samples.
 */
export function evaluateCalibration(model: Sequential, x: Tensor, y: Tensor, options: CalibrationOptions & { batchSize?: number } = {}): Calibration {
  const count = x.count;
  if (count < 2) throw new InvalidArgumentError(`evaluateCalibration: at least 2 samples expected (a calibration of one sample says nothing), got ${count}`);
  const labels = labelsOfTensor(y, count);
  const batchSize = checkNumber('evaluateCalibration', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  const probabilities = model.predict(x, { batchSize });
  if (probabilities.sampleSize === 1) {
    // A binary model's one output is its probability of class 1: the distribution is [1 - p, p].
    const rows = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) [rows[2 * i], rows[2 * i + 1]] = [1 - probabilities.data[i]!, probabilities.data[i]!];
    return calibration(rows, labels, 2, options);
  }
  return calibration(probabilities.data, labels, probabilities.sampleSize, options);
}

/** The lines `noisenet evaluate --calibration` prints. */
export function formatCalibration(result: Calibration): string {
  const lines = [
    `Calibration (${result.bins.length} equal-width confidence bins): ECE ${result.ece.toFixed(4)}, MCE ${result.mce.toFixed(4)}, NLL ${result.nll.toFixed(4)}, Brier ${result.brier.toFixed(4)}, mean confidence ${result.meanConfidence.toFixed(4)}, accuracy ${result.accuracy.toFixed(4)}`,
    'Reliability diagram (confidence bin: samples, accuracy, mean confidence):',
  ];
  for (const b of result.bins) {
    if (b.count === 0) continue;
    lines.push(`  (${b.lower.toFixed(3)}, ${b.upper.toFixed(3)}]: ${String(b.count).padStart(6)}  ${b.accuracy!.toFixed(4)}  ${b.confidence!.toFixed(4)}`);
  }
  return lines.join('\n');
}
