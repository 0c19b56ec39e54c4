/**
 * The regression errors, as Keras' metrics: `mae` (mean absolute error), `mse` (mean squared
 * error) and `rmse` (the square root of the mse over all the data, not a mean of per-batch
 * roots). Sums are kept in float64.
 */
import type { Backend, FloatArray } from '../../kernels/backend.js';
import type { BatchTargets } from '../../parts/loss.js';
import type { Metric } from '../../parts/metric.js';
import { defineMetric } from '../../parts/definitions.js';

type ErrorKind = 'mae' | 'mse' | 'rmse';

class MeanError implements Metric {
  private sum = 0;
  private seen = 0;

  constructor(readonly key: ErrorKind) {}

  reset(): void {
    this.sum = 0;
    this.seen = 0;
  }

  update(_backend: Backend, p: FloatArray, targets: BatchTargets, rows: number, cols: number): void {
    if (targets.kind !== 'dense') throw new Error(`${this.key}: expects target values, received class indices`);
    const t = targets.values;
    let s = 0;
    for (let i = 0; i < rows * cols; i++) {
      const d = p[i]! - t[i]!;
      s += this.key === 'mae' ? Math.abs(d) : d * d;
    }
    this.sum += s;
    this.seen += rows * cols;
  }

  result(): number {
    if (this.seen === 0) return NaN;
    const mean = this.sum / this.seen;
    return this.key === 'rmse' ? Math.sqrt(mean) : mean;
  }
}

const shared = { options: {}, aliases: [], tasks: ['regression', 'binary'], better: 'lower' } as const;

export const MAE = defineMetric<Record<string, never>, 'mae'>({
  ...shared,
  className: 'MeanAbsoluteError',
  factory: 'mae',
  key: 'mae',
  aliases: ['mean_absolute_error', 'meanAbsoluteError'],
  summary: 'mean absolute error |y - t|, in the target\'s units',
  hostOnly: 'averages the errors in JavaScript',
  create: () => new MeanError('mae'),
});

export const MSE = defineMetric<Record<string, never>, 'mse'>({
  ...shared,
  className: 'MeanSquaredError',
  factory: 'mse',
  key: 'mse',
  aliases: ['mean_squared_error', 'meanSquaredError'],
  summary: 'mean squared error (y - t)^2',
  hostOnly: 'averages the errors in JavaScript',
  create: () => new MeanError('mse'),
});

export const RMSE = defineMetric<Record<string, never>, 'rmse'>({
  ...shared,
  className: 'RootMeanSquaredError',
  factory: 'rmse',
  key: 'rmse',
  aliases: ['root_mean_squared_error', 'rootMeanSquaredError'],
  summary: 'root of the mean squared error, in the target\'s units',
  hostOnly: 'averages the errors in JavaScript',
  create: () => new MeanError('rmse'),
});
