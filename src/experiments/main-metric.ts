/**
 * The metric an experiment's tables, verdict and sweep choices compare runs by: the validation
 * accuracy of a classifier (binary included), or the validation error of a regression (RMSE,
 * MAE, MSE or the loss, whichever its runs recorded first; lower is better). It is read from
 * the runs' histories, so records written before regressions trained read as accuracy.
 */
import type { RunRecord } from './results.js';

/** What the summary compares: a history key (without `val_`), how it is written, and which way is better. */
export interface MainMetric {
  /** `accuracy`, `rmse`, `mae`, `mse`, `r2` or `loss`. */
  key: string;
  /** `acc`, `rmse`, ...: the tables' short name. */
  short: string;
  /** `accuracy`, `RMSE`, ...: the headings' name. */
  name: string;
  higherIsBetter: boolean;
}

const ACCURACY: MainMetric = { key: 'accuracy', short: 'acc', name: 'accuracy', higherIsBetter: true };
const ERRORS: readonly MainMetric[] = [
  { key: 'rmse', short: 'rmse', name: 'RMSE', higherIsBetter: false },
  { key: 'mae', short: 'mae', name: 'MAE', higherIsBetter: false },
  { key: 'mse', short: 'mse', name: 'MSE', higherIsBetter: false },
  { key: 'r2', short: 'r2', name: 'R²', higherIsBetter: true },
  { key: 'loss', short: 'loss', name: 'loss', higherIsBetter: false },
];

/** The main metric of `runs`: accuracy when any run recorded `val_accuracy` (or none finished), else a regression's error. */
export function mainMetricOf(runs: readonly Pick<RunRecord, 'history' | 'robustness'>[]): MainMetric {
  if (runs.length === 0 || runs.some((r) => r.history.val_accuracy !== undefined)) return ACCURACY;
  return ERRORS.find((m) => runs.some((r) => r.history[`val_${m.key}`] !== undefined)) ?? ACCURACY;
}

/** Whether the runs measure a regression: their robustness is an error (RMSE), not an accuracy. */
export function isRegressionRuns(runs: readonly Pick<RunRecord, 'history' | 'robustness'>[]): boolean {
  return runs.some((r) => r.robustness.some((p) => p.metric === 'rmse')) || mainMetricOf(runs) !== ACCURACY;
}
