/** Losses by name, as `compile` accepts them. */
import type { Loss } from '../parts/loss.js';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './cross-entropy.js';
import { meanSquaredError } from './mean-squared-error.js';
import { invalid } from '../errors.js';

export const LOSS_NAMES = ['sparseCategoricalCrossentropy', 'categoricalCrossentropy', 'meanSquaredError'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** `meanSquaredError` as `mean_squared_error`: Keras' spelling of a loss name. */
type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}` : S;

/** Every spelling of a loss that `compile({ loss })` accepts: its name, Keras' snake_case, and `mse`. */
export type LossSpelling = LossName | SnakeCase<LossName> | 'mse';

/** A loss from its name (Keras' snake_case spellings are accepted too) and options. */
export function getLoss(spec: LossSpelling | string | Loss, options: Record<string, unknown> = {}): Loss {
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
