/**
 * The settings of a run's robustness card (measured in experiments/run-card.ts): which measures
 * it makes, on how many validation samples, and the FGSM epsilon. Declared here, below the
 * experiments, so that the run schema can check them.
 */
import { invalid } from '../errors.js';

/** The measures of the card a run can make, beyond its clean accuracy, Gaussian-noise curve and calibration. */
export const CARD_MEASURES = ['corruption', 'adversarial', 'certified'] as const;
export type CardMeasure = (typeof CARD_MEASURES)[number];

/** Validation samples the card is measured on when no setting says (fewer when the validation set is smaller). */
export const DEFAULT_CARD_SAMPLES = 500;
/** The FGSM epsilon of the card (L-infinity, inputs in [0, 1]) when no setting says. */
export const DEFAULT_CARD_EPS = 0.1;

/** What a `card` setting takes, in words. */
export const CARD_EXPECTED = `all, none, or a comma-separated list of ${CARD_MEASURES.join(', ')}`;

/**
 * The measures of a `card` setting: `all`, `none`, or a comma-separated list (or an array) of
 * {@link CARD_MEASURES}, each once, returned in that order.
 * @throws InvalidArgumentError for another value, naming the measures.
 */
export function parseCardMeasures(where: string, value: unknown, path = 'card'): CardMeasure[] {
  if (value === 'all') return [...CARD_MEASURES];
  if (value === 'none') return [];
  const items: unknown[] | null = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : Array.isArray(value) ? value : null;
  if (items === null || (typeof value === 'string' && items.length === 0) || !items.every((m) => typeof m === 'string' && (CARD_MEASURES as readonly string[]).includes(m))) throw invalid(where, path, CARD_EXPECTED, value);
  if (new Set(items).size !== items.length) throw invalid(where, path, `${CARD_EXPECTED}, each once`, value);
  return CARD_MEASURES.filter((m) => items.includes(m));
}
