/** Metrics by name, as `compile({ metrics })` and `--metrics` take them, from their declarations. */
import type { Task } from '../../parts/loss.js';
import type { Metric } from '../../parts/metric.js';
import type { MetricDefinition } from '../../parts/definitions.js';
import { ACCURACY, BINARY_ACCURACY } from './accuracy.js';
import { MAE, MSE, RMSE } from './errors.js';
import { R2_SCORE } from './r2.js';
import { AUC } from './auc.js';
import { InvalidArgumentError, invalid } from '../../errors.js';

/** Every metric, in the order the reference lists them. */
export const METRIC_DEFINITIONS = [ACCURACY, BINARY_ACCURACY, MAE, MSE, RMSE, R2_SCORE, AUC] as const;

export type MetricName = (typeof METRIC_DEFINITIONS)[number]['factory'];

/** The metric names: `accuracy`, `binaryAccuracy`, `mae`, `mse`, `rmse`, `r2`, `auc`. */
export const METRIC_NAMES = METRIC_DEFINITIONS.map((d) => d.factory) as unknown as readonly MetricName[];

/** The declaration a metric's name, key or alias refers to (`acc` is accuracy); undefined when unknown. */
export function findMetric(spelling: string): MetricDefinition | undefined {
  return (METRIC_DEFINITIONS as readonly MetricDefinition[]).find((d) => d.factory === spelling || d.key === spelling || d.aliases.includes(spelling));
}

/** The metric names a task offers, its main one first (accuracy, or the mean absolute error). */
export function taskMetrics(task: Task): MetricName[] {
  if (task === 'regression') return ['mae', 'rmse', 'r2'];
  if (task === 'binary') return ['accuracy', 'auc'];
  return ['accuracy'];
}

/**
 * The metrics `names` stand for on a model of `task` with `outputs` outputs, checked: a metric
 * that means nothing for the task is refused with the reason (an accuracy of a one-output
 * regression, an auc of ten classes, an error of class indices).
 */
export function createMetrics(names: readonly string[], task: Task, outputs: number, loss: string): Metric[] {
  return names.map((name) => {
    const d = findMetric(name);
    if (!d) throw invalid('compile', 'metrics', `names from ${METRIC_NAMES.join(', ')}`, name);
    // Accuracy of a model trained on one-hot rows with a regression loss (the argmax) is kept, as Keras does.
    const argmaxOfRows = d.factory === 'accuracy' && task === 'regression' && outputs > 1;
    if (!d.tasks.includes(task) && !argmaxOfRows) {
      const what = task === 'regression' ? `a regression (${loss} on ${outputs} output${outputs === 1 ? '' : 's'}): use ${taskMetrics('regression').join(', ')} or mse` : task === 'binary' ? `a binary model (${loss}): use accuracy, binaryAccuracy, auc, mae, mse or rmse` : `a ${outputs}-class model (${loss}): use accuracy`;
      throw new InvalidArgumentError(`compile: metric '${d.factory}' means nothing for ${what}`);
    }
    return (d.create as (o: object, t: Task) => Metric)({}, task);
  });
}

export { rocAuc } from './auc.js';
export { ACCURACY, BINARY_ACCURACY, MAE, MSE, RMSE, R2_SCORE, AUC };
