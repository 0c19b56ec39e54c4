/** The robustness card's records (see robustness-card.ts): what a run measured beyond its history and Gaussian-noise curve, and a configuration's card. */
import type { Difference, MeanSd } from './summary-types.js';

/** What a run measured beyond its history and Gaussian-noise curve; each field is filled by the measurement that makes it, with its setting. */
export interface RunCardValues {
  /** Randomized-smoothing certified accuracy at an L2 radius, for noise of stddev `sigma`. */
  certified?: { accuracy: number; radius: number; sigma: number; samples?: number; draws?: number };
  /**
   * Mean accuracy over common corruptions, and how many corruptions it averages; with the
   * samples, the severity (`default`: each corruption at the benchmark's) and each corruption's accuracy.
   */
  corruption?: { meanAccuracy: number; corruptions: number; samples?: number; severity?: number | 'default'; accuracies?: Record<string, number> };
  /** Expected calibration error over equal-width confidence bins. */
  calibration?: { ece: number; bins: number };
  /** Accuracy under an adversarial attack (`fgsm`, `pgd`) of size `eps`. */
  adversarial?: { accuracy: number; attack: string; eps: number; samples?: number };
  /** The measures the run did not make because they do not apply to its data or model, with why. */
  skipped?: { measure: string; reason: string }[];
}

/** The card's metrics, in column order. */
export const CARD_KEYS = ['clean', 'gaussian', 'certified', 'corruption', 'ece', 'adversarial'] as const;
export type CardKey = (typeof CARD_KEYS)[number];

/** One metric of one configuration: mean ± sd over seeds, the difference from the baseline (null for the baseline itself), and the setting. */
export interface CardEntry {
  value: MeanSd;
  diff: Difference | null;
  setting: string;
}

/** A configuration's card: the metrics some run of the experiment measured (clean accuracy always). */
export interface RobustnessCard {
  configuration: string;
  isBaseline: boolean;
  entries: { clean: CardEntry } & Partial<Record<Exclude<CardKey, 'clean'>, CardEntry>>;
}
