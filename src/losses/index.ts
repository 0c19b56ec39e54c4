/** Losses by name, as `compile` accepts them, from their declarations. */
import type { Loss, Task } from '../parts/loss.js';
import { CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY, categoricalCrossentropy, sparseCategoricalCrossentropy } from './cross-entropy.js';
import { MEAN_SQUARED_ERROR, meanSquaredError } from './mean-squared-error.js';
import { MEAN_ABSOLUTE_ERROR, meanAbsoluteError } from './mean-absolute-error.js';
import { HUBER, huber } from './huber.js';
import { BINARY_CROSSENTROPY, binaryCrossentropy } from './binary-cross-entropy.js';
import { InvalidArgumentError, invalid } from '../errors.js';

/** Every loss, in the order the reference lists them. */
export const LOSS_DEFINITIONS = [SPARSE_CATEGORICAL_CROSSENTROPY, CATEGORICAL_CROSSENTROPY, MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR, HUBER, BINARY_CROSSENTROPY] as const;

/** The loss names: `sparseCategoricalCrossentropy`, ..., `binaryCrossentropy`. */
export const LOSS_NAMES = LOSS_DEFINITIONS.map((d) => d.factory) as unknown as readonly LossName[];
export type LossName = (typeof LOSS_DEFINITIONS)[number]['factory'];

/** `meanSquaredError` as `mean_squared_error`: Keras' spelling of a loss name. */
type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}` : S;

/** Every spelling of a loss that `compile({ loss })` accepts: its name, Keras' snake_case, `mse` and `mae`. */
export type LossSpelling = LossName | SnakeCase<LossName> | 'mse' | 'mae';

/** The declared name of a loss spelling (`mean_squared_error` and `mse` are `meanSquaredError`); undefined when unknown. */
export function lossName(spelling: string): LossName | undefined {
  const name = spelling.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^mse$/, 'meanSquaredError').replace(/^mae$/, 'meanAbsoluteError');
  return LOSS_NAMES.find((n) => n === name);
}

/** The task a loss trains (regression for the value losses, binary for binary cross-entropy). */
export function lossTask(loss: Loss | string): Task {
  if (typeof loss !== 'string') return loss.task ?? 'multiclass';
  const name = lossName(loss);
  return LOSS_DEFINITIONS.find((d) => d.factory === name)?.task ?? 'multiclass';
}

/** A loss from its name (Keras' snake_case spellings are accepted too) and options. */
export function getLoss(spec: LossSpelling | string | Loss, options: Record<string, unknown> = {}): Loss {
  if (typeof spec !== 'string') return spec;
  const name = lossName(spec);
  const definition = LOSS_DEFINITIONS.find((d) => d.factory === name);
  if (!definition) throw invalid('compile', 'loss', `one of ${LOSS_NAMES.join(', ')}`, spec);
  if (definition.task === 'regression' && options['labelSmoothing'] !== undefined && options['labelSmoothing'] !== 0) {
    throw new InvalidArgumentError(`label smoothing applies to classification losses: it softens class targets, and ${definition.factory} trains a regression, whose targets are values`);
  }
  return (definition.create as (o: Record<string, unknown>) => Loss)(options);
}

export type { Loss, BatchTargets, Task } from '../parts/loss.js';
export { categoricalCrossentropy, sparseCategoricalCrossentropy, meanSquaredError, meanAbsoluteError, huber, binaryCrossentropy };
export type { HuberOptions } from './huber.js';
export type { BinaryCrossentropyOptions } from './binary-cross-entropy.js';
