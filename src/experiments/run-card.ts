/**
 * Measuring a trained run's robustness card: on one fixed, seeded subset of the validation set
 * (the same rows for every run of an experiment), the mean accuracy over the 15 MNIST-C
 * corruptions at the benchmark's severities (images only), the accuracy under an FGSM attack of
 * a stated epsilon, and the randomized-smoothing certified accuracy at a stated L2 radius. Each
 * measure records its setting next to its value; a measure that does not apply to the data
 * (corruptions of feature vectors, a model that is not a classifier over the labels) is skipped
 * with its reason.
 */
import type { Sequential } from '../models/sequential.js';
import { Tensor } from '../tensor/tensor.js';
import { Xoshiro128, deriveSeed, shuffleInPlace } from '../random/xoshiro.js';
import { identityIndex } from '../train/data-source.js';
import { CARD_MEASURES, DEFAULT_CARD_EPS, DEFAULT_CARD_SAMPLES, type CardMeasure } from '../run/card-settings.js';
import { corruptionRobustness } from './corruption-robustness.js';
import { adversarialCurve } from './adversarial.js';
import { runTargets } from './run-targets.js';
import { certifyDataset } from './certify-dataset.js';
import type { RunCardValues } from './card-values.js';
import { taskOf } from '../train/metric-set.js';

export { CARD_MEASURES, DEFAULT_CARD_EPS, DEFAULT_CARD_SAMPLES, parseCardMeasures, type CardMeasure } from '../run/card-settings.js';

/**
 * The fixed settings of the card's certification: randomized smoothing with noise of stddev
 * `sigma`, certified accuracy at L2 `radius`, on the first `samples` rows of the card's subset,
 * with `n0` selection and `n` estimation draws per sample at failure probability `alpha`. With
 * n = 100 and alpha = 0.001 the largest radius CERTIFY can grant is sigma * Φ⁻¹(0.001^(1/100)),
 * about 1.5 sigma = 0.375, so the radius is 0.25 (a radius of 0.5 at sigma 0.25 would need
 * n >= 300 and cost three times as much).
 */
export const CARD_CERTIFY = { sigma: 0.25, radius: 0.25, samples: 100, n0: 10, n: 100, alpha: 0.001 } as const;

/** How a run's card is measured. */
export interface CardSettings {
  /** The measures made, in {@link CARD_MEASURES} order; empty for none. */
  measures: readonly CardMeasure[];
  /** Validation samples measured (a seeded subset, the same for every run); default {@link DEFAULT_CARD_SAMPLES}. */
  samples: number;
  /** FGSM epsilon; default {@link DEFAULT_CARD_EPS}. */
  eps: number;
  /** Seed of the subset, the corruptions, the attack's and the smoothing's draws; the same for every run. */
  seed: number;
}

/** The card's settings from the experiment's robustness settings: the measures (all when absent), samples and epsilon (their defaults when absent). */
export function cardSettings(r: { card?: readonly CardMeasure[]; cardSamples?: number; cardEps?: number; seed: number }): CardSettings {
  return { measures: r.card ?? CARD_MEASURES, samples: r.cardSamples ?? DEFAULT_CARD_SAMPLES, eps: r.cardEps ?? DEFAULT_CARD_EPS, seed: r.seed };
}

/** What the card needs to know of the run's data. */
export interface CardData {
  validation: { x: Tensor; y: Tensor };
  classes: readonly string[];
  /** `[height, width]` of image inputs; absent for feature vectors. */
  imageShape?: [number, number];
}

/** The card a run measured, the measures it skipped (with why), and how long it took. */
export interface MeasuredCard {
  card: RunCardValues;
  ms: number;
}

/** The validation rows of the card: `count` of them, chosen by a seeded shuffle and kept in their order. */
export function cardRows(count: number, samples: number, seed: number): Int32Array {
  const index = identityIndex(count);
  if (samples >= count) return index;
  shuffleInPlace(index, new Xoshiro128(deriveSeed(seed, 'card-subset')));
  return index.subarray(0, samples).sort();
}

/** Rows `index` of `t`, copied. */
function takeRows(t: Tensor, index: Int32Array): Tensor {
  const size = t.sampleSize;
  const data = new (t.data.constructor as new (n: number) => typeof t.data)(index.length * size);
  for (let i = 0; i < index.length; i++) data.set(t.data.subarray(index[i]! * size, (index[i]! + 1) * size), i * size);
  return new Tensor(data, [index.length, ...t.shape.slice(1)], t.scale);
}

/**
 * Measures the card of a trained `model` on `data`'s validation set; see {@link CardSettings}.
 * Nothing is measured (and the card says why) when the model does not output one score per
 * class, or one probability of class 1 for two classes (a binary model).
 */
export async function measureCard(model: Sequential, data: CardData, settings: CardSettings, signal?: AbortSignal): Promise<MeasuredCard> {
  const t0 = performance.now();
  const card: RunCardValues = {};
  const skipped: NonNullable<RunCardValues['skipped']> = [];
  const classes = data.classes.length;
  const outputs = model.outputShape[model.outputShape.length - 1];
  // A yes/no model's one output is its probability of class 1: a classifier of two classes.
  const binary = outputs === 1 && classes === 2 && model.loss !== null && taskOf(model.loss, 1) === 'binary';
  const classifier = classes >= 2 && (outputs === classes || binary);
  const rows = cardRows(data.validation.x.count, settings.samples, settings.seed);
  const x = takeRows(data.validation.x, rows);
  const y = takeRows(data.validation.y, rows);
  for (const measure of settings.measures) {
    if (!classifier && classes === 0) {
      skipped.push({ measure, reason: 'the model predicts a value (a regression): the card measures classifiers; its robustness is its error under input noise' });
      continue;
    }
    if (!classifier) {
      skipped.push({ measure, reason: `the model outputs ${outputs} values for ${classes} classes: the card measures classifiers with one output per class, or one output for a yes/no target` });
      continue;
    }
    if (measure === 'corruption') {
      if (!data.imageShape) {
        skipped.push({ measure, reason: 'the inputs are feature vectors: the corruptions apply to images only' });
        continue;
      }
      const [height, width] = data.imageShape;
      const channels = x.sampleSize / (height * width);
      const r = await corruptionRobustness(model, x, y, { seed: settings.seed, imageShape: [height, width, channels], ...(signal ? { signal } : {}) });
      card.corruption = {
        meanAccuracy: r.meanAccuracy,
        corruptions: r.corruptions.length,
        samples: r.samples,
        severity: 'default',
        accuracies: Object.fromEntries(r.corruptions.map((c) => [c.corruption, c.accuracy])),
      };
    } else if (measure === 'adversarial') {
      // Pixels are attacked within [0, 1]; features (standardized inside the model) without a range.
      const clip = data.imageShape ? { min: 0, max: 1 } : null;
      const r = await adversarialCurve(model, x, runTargets(model, y, data.classes.length), { method: 'fgsm', epsilons: [settings.eps], clip, seed: settings.seed, ...(signal ? { signal } : {}) });
      card.adversarial = { accuracy: r.points[0]!.accuracy, attack: 'fgsm', eps: settings.eps, samples: r.samples };
    } else {
      const n = Math.min(CARD_CERTIFY.samples, x.count);
      const head = takeRows(x, identityIndex(n));
      const r = await certifyDataset(model, head, takeRows(y, identityIndex(n)), {
        sigma: CARD_CERTIFY.sigma, n0: CARD_CERTIFY.n0, n: CARD_CERTIFY.n, alpha: CARD_CERTIFY.alpha, seed: settings.seed, radii: [CARD_CERTIFY.radius], ...(signal ? { signal } : {}),
      });
      card.certified = { accuracy: r.certifiedAccuracy[0]!.accuracy, radius: CARD_CERTIFY.radius, sigma: CARD_CERTIFY.sigma, samples: n, draws: CARD_CERTIFY.n };
    }
  }
  if (skipped.length > 0) card.skipped = skipped;
  return { card, ms: performance.now() - t0 };
}
