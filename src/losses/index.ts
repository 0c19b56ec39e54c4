/** Losses by name, as `compile` accepts them. */
import type { Loss } from '../parts/loss.js';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './cross-entropy.js';
import { meanSquaredError } from './mean-squared-error.js';
import { invalid } from '../errors.js';

export const LOSS_NAMES = ['sparseCategoricalCrossentropy', 'categoricalCrossentropy', 'meanSquaredError'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** A loss from its name (Keras' snake_case spellings are accepted too) and options. */
export function getLoss(spec: LossName | string | Loss, options: Record<string, unknown> = {}): Loss {
  if (typeof spec !== 'string') return spec;
  const name = spec.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^mse$/, 'meanSquaredError');
  switch (name) {
    case 'sparseCategoricalCrossentropy':
      return sparseCategoricalCrossentropy(options);
    case 'categoricalCrossentropy':
      return categoricalCrossentropy(options);
    case 'meanSquaredError':
      return meanSquaredError(options as Record<string, never>);
    default:
      throw invalid('compile', 'loss', `one of ${LOSS_NAMES.join(', ')}`, spec);
  }
}

export type { Loss, BatchTargets } from '../parts/loss.js';
export { categoricalCrossentropy, sparseCategoricalCrossentropy, meanSquaredError };
