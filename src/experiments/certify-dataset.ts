/**
 * Randomized-smoothing certification of a whole test set and the resulting certified accuracy
 * curve: at radius r, the fraction of samples that CERTIFY classifies correctly, without
 * abstaining, with a certified radius R >= r (Cohen et al. 2019, section 4).
 */
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkNumber } from '../validate.js';
import { invalid } from '../errors.js';
import { labelsOfTensor, nextTurn } from './noisy-batches.js';
import { ABSTAIN, certify, resolveSmoothing, smoothedClasses, type SmoothingOptions } from './smoothing.js';

/** The default radii at which certified accuracy is reported. */
export const DEFAULT_RADII: readonly number[] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2];

/** Options of {@link certifyDataset}: the smoothing settings plus radii, abort and progress. */
export interface CertifyDatasetOptions extends SmoothingOptions {
  /** Radii at which to report certified accuracy, each >= 0; default {@link DEFAULT_RADII}. */
  radii?: readonly number[];
  /** Stops between samples, throwing the signal's reason. */
  signal?: AbortSignal;
  /** Called after each sample with the samples done and the samples in all. */
  onProgress?: (done: number, total: number) => void;
}

/** CERTIFY's answer for one sample, next to its label. */
export interface CertifiedSample {
  index: number;
  label: number;
  /** The smoothed class, or -1 ({@link ABSTAIN}). */
  prediction: number;
  radius: number;
  pALower: number;
  correct: boolean;
}

/** The certification of a set of samples. */
export interface CertifyReport {
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
  seed: number;
  samples: CertifiedSample[];
  /** Certified accuracy at each radius. */
  certifiedAccuracy: { radius: number; accuracy: number }[];
  /** Fraction of samples on which CERTIFY abstained. */
  abstainRate: number;
  /** Wall time in ms. */
  timeMs: number;
}

/** Certified accuracy of `samples` at each of `radii`. */
export function certifiedAccuracy(samples: readonly CertifiedSample[], radii: readonly number[]): { radius: number; accuracy: number }[] {
  return radii.map((radius) => ({
    radius,
    accuracy: samples.length === 0 ? Number.NaN : samples.filter((s) => s.correct && s.radius >= radius).length / samples.length,
  }));
}

/** Runs CERTIFY on every sample of `x` (labels `y`); see {@link CertifyDatasetOptions}. */
export async function certifyDataset(model: Sequential, x: Tensor, y: Tensor, options: CertifyDatasetOptions): Promise<CertifyReport> {
  const o = resolveSmoothing(options);
  smoothedClasses(model, 'certifyDataset');
  const radii = options.radii ?? DEFAULT_RADII;
  if (!Array.isArray(radii) || radii.length === 0) throw invalid('certifyDataset', 'radii', 'a non-empty list of numbers >= 0', radii);
  radii.forEach((r, i) => checkNumber('certifyDataset', `radii[${i}]`, r, { min: 0 }));
  const labels = labelsOfTensor(y, x.count);
  const start = performance.now();
  const samples: CertifiedSample[] = [];
  for (let i = 0; i < x.count; i++) {
    options.signal?.throwIfAborted();
    const c = certify(model, x, i, o);
    samples.push({ index: i, label: labels[i]!, prediction: c.prediction, radius: c.radius, pALower: c.pALower, correct: c.prediction === labels[i] });
    options.onProgress?.(i + 1, x.count);
    await nextTurn();
  }
  return {
    ...o,
    samples,
    certifiedAccuracy: certifiedAccuracy(samples, radii),
    abstainRate: samples.length === 0 ? 0 : samples.filter((s) => s.prediction === ABSTAIN).length / samples.length,
    timeMs: performance.now() - start,
  };
}
