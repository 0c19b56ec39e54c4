/**
 * Accuracy under common corruptions (MNIST-C, Mu & Gilmer 2019): the model's accuracy on the
 * clean test images and on a corrupted copy per corruption, the mean corruption accuracy, and
 * the corruption error relative to the clean error (mean corruption error / clean error). The
 * model's own noise layers stay off: this is `predict` on corrupted inputs.
 */
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Corruption } from '../corruptions/corruption.js';
import { parseCorruptionList } from '../corruptions/catalogue.js';
import { checkSeverity, resolveSeverity } from '../corruptions/corruption.js';
import { corruptSample, imageShapeOf } from '../corruptions/corrupt-images.js';
import { checkNumber } from '../validate.js';
import { invalid } from '../errors.js';
import { classify, labelsOfTensor, nextTurn } from './noisy-batches.js';
import { mean } from './stats.js';

/** Options of {@link corruptionRobustness}. */
export interface CorruptionRobustnessOptions {
  /** `all` (the default: the 15 of the benchmark) or a list of names. */
  corruptions?: 'all' | readonly string[];
  /** 1 to 5 for every corruption, or `default` (the default): each corruption at the benchmark's severity. */
  severity?: number | 'default';
  /** Seed of the corruptions; every model measured with the same seed sees the same images. Default 0. */
  seed?: number;
  /** The images' `[height, width, channels]` when `x` holds flat rows. */
  imageShape?: readonly [number, number, number];
  /** Samples corrupted and held as floats at once; default 512. */
  chunkSize?: number;
  /** Samples per forward pass; default 256. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the chunks done and the chunks in all. */
  onProgress?: (done: number, total: number) => void;
}

/** The accuracy under one corruption. */
export interface CorruptionAccuracy {
  corruption: string;
  /** The severity applied; null for a corruption without severity. */
  severity: number | null;
  accuracy: number;
  /** Its error (1 - accuracy) divided by the clean error; null when the clean error is 0. */
  relativeError: number | null;
}

/** The result of {@link corruptionRobustness}. */
export interface CorruptionRobustness {
  samples: number;
  seed: number;
  /** `default` or the severity asked for. */
  severity: number | 'default';
  cleanAccuracy: number;
  corruptions: CorruptionAccuracy[];
  /** Mean over the corruptions of their accuracy. */
  meanAccuracy: number;
  /** 1 - meanAccuracy. */
  meanError: number;
  /** meanError / the clean error; null when the clean error is 0. */
  relativeError: number | null;
}

/**
 * Accuracy of `model` on `x` and on corrupted copies of it, against the labels `y` (class indices
 * or one-hot rows). `x` holds images with values in [0, 1] after its scale.
 * @throws InvalidArgumentError for an unknown corruption (the list given) or a severity outside 1-5.
 */
export async function corruptionRobustness(model: Sequential, x: Tensor, y: Tensor, options: CorruptionRobustnessOptions = {}): Promise<CorruptionRobustness> {
  const list: Corruption[] = parseCorruptionList(options.corruptions ?? 'all', 'corruptionRobustness');
  const severity = options.severity ?? 'default';
  if (severity !== 'default' && checkSeverity('corruptionRobustness', severity) === 0) throw invalid('corruptionRobustness', 'severity', "an integer from 1 to 5 or 'default'", 0);
  const seed = checkNumber('corruptionRobustness', 'seed', options.seed ?? 0, { min: 0, integer: true });
  const chunkSize = checkNumber('corruptionRobustness', 'chunkSize', options.chunkSize ?? 512, { min: 1, integer: true });
  const batchSize = checkNumber('corruptionRobustness', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  imageShapeOf(x, options.imageShape);
  const count = x.count;
  if (count === 0) throw invalid('corruptionRobustness', 'x', 'at least one sample', 0);
  const labels = labelsOfTensor(y, count);
  const size = x.sampleSize;
  const chunks = Math.ceil(count / chunkSize);
  const total = (list.length + 1) * chunks;
  const buffer = new Float32Array(Math.min(chunkSize, count) * size);
  let done = 0;

  const accuracyOf = async (corruption: Corruption | null): Promise<number> => {
    let correct = 0;
    for (let from = 0; from < count; from += chunkSize) {
      options.signal?.throwIfAborted();
      const n = Math.min(chunkSize, count - from);
      const batch = buffer.length === n * size ? buffer : buffer.subarray(0, n * size);
      for (let i = 0; i < n; i++) {
        if (corruption) {
          batch.set(corruptSample(x, from + i, corruption, { severity, seed, ...(options.imageShape ? { imageShape: options.imageShape } : {}) }), i * size);
        } else {
          const base = (from + i) * size;
          for (let k = 0; k < size; k++) batch[i * size + k] = x.data[base + k]! * x.scale;
        }
      }
      const predicted = classify(model, batch, n, batchSize);
      for (let i = 0; i < n; i++) if (predicted[i] === labels[from + i]) correct++;
      options.onProgress?.(++done, total);
      await nextTurn();
    }
    return correct / count;
  };

  const cleanAccuracy = await accuracyOf(null);
  const cleanError = 1 - cleanAccuracy;
  const relative = (error: number): number | null => (cleanError > 0 ? error / cleanError : null);
  const results: CorruptionAccuracy[] = [];
  for (const corruption of list) {
    const accuracy = await accuracyOf(corruption);
    results.push({ corruption: corruption.name, severity: corruption.hasSeverity ? resolveSeverity(corruption, severity) : null, accuracy, relativeError: relative(1 - accuracy) });
  }
  const meanAccuracy = mean(results.map((r) => r.accuracy));
  return { samples: count, seed, severity, cleanAccuracy, corruptions: results, meanAccuracy, meanError: 1 - meanAccuracy, relativeError: relative(1 - meanAccuracy) };
}

/** The table `noisenet robustness --corruptions` prints: one row per corruption, then the mean. */
export function formatCorruptionTable(result: CorruptionRobustness): string {
  const rows: string[][] = [['corruption', 'severity', 'accuracy', 'error / clean error']];
  const ratio = (r: number | null): string => (r === null ? '-' : r.toFixed(2));
  rows.push(['(clean)', '-', result.cleanAccuracy.toFixed(4), '1.00']);
  for (const r of result.corruptions) rows.push([r.corruption, r.severity === null ? '-' : String(r.severity), r.accuracy.toFixed(4), ratio(r.relativeError)]);
  rows.push(['mean corruption', result.severity === 'default' ? 'default' : String(result.severity), result.meanAccuracy.toFixed(4), ratio(result.relativeError)]);
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) => r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')).join('\n');
}
