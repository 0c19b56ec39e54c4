/**
 * The coefficient of determination, as Keras' `R2Score`: `1 - SS_res / SS_tot` per output,
 * averaged over outputs, where `SS_res` sums `(y - t)^2` and `SS_tot` sums `(t - mean t)^2`
 * over every update. 1 is a perfect fit, 0 predicting the mean, below 0 worse than that. On
 * constant targets `SS_tot` is 0 and R^2 is undefined: the result is NaN and
 * `undefinedBecause()` says so (nothing is divided by zero).
 */
import type { Backend, FloatArray } from '../../kernels/backend.js';
import type { BatchTargets } from '../../parts/loss.js';
import type { Metric } from '../../parts/metric.js';
import { defineMetric } from '../../parts/definitions.js';

class R2 implements Metric {
  readonly key = 'r2';
  private cols = 0;
  private n = 0;
  /** Per output: running mean of the targets, their sum of squared deviations (Welford), the residual sum. */
  private mean: Float64Array = new Float64Array(0);
  private m2: Float64Array = new Float64Array(0);
  private residual: Float64Array = new Float64Array(0);

  reset(): void {
    this.cols = 0;
    this.n = 0;
  }

  update(_backend: Backend, p: FloatArray, targets: BatchTargets, rows: number, cols: number): void {
    if (targets.kind !== 'dense') throw new Error('r2: expects target values, received class indices');
    if (this.cols !== cols || this.n === 0) {
      this.cols = cols;
      this.n = 0;
      this.mean = new Float64Array(cols);
      this.m2 = new Float64Array(cols);
      this.residual = new Float64Array(cols);
    }
    const t = targets.values;
    for (let r = 0; r < rows; r++) {
      this.n++;
      for (let j = 0; j < cols; j++) {
        const v = t[r * cols + j]!;
        const d = v - this.mean[j]!;
        this.mean[j]! += d / this.n;
        this.m2[j]! += d * (v - this.mean[j]!);
        const e = p[r * cols + j]! - v;
        this.residual[j]! += e * e;
      }
    }
  }

  result(): number {
    if (this.n === 0 || this.undefinedBecause()) return NaN;
    let sum = 0;
    for (let j = 0; j < this.cols; j++) sum += 1 - this.residual[j]! / this.m2[j]!;
    return sum / this.cols;
  }

  undefinedBecause(): string | null {
    if (this.n === 0) return 'r2: no samples';
    for (let j = 0; j < this.cols; j++) {
      if (!(this.m2[j]! > 0)) return `r2: the targets${this.cols > 1 ? ` of output ${j}` : ''} are constant (all ${this.mean[j]}), so R^2 = 1 - SS_res / SS_tot is undefined (SS_tot is 0); use mae or mse`;
    }
    return null;
  }
}

export const R2_SCORE = defineMetric<Record<string, never>, 'r2'>({
  className: 'R2Score',
  factory: 'r2',
  key: 'r2',
  aliases: ['r2_score', 'r2Score'],
  summary: 'coefficient of determination 1 - SS_res / SS_tot (1 perfect, 0 the mean\'s)',
  hostOnly: 'sums the errors in JavaScript',
  options: {},
  create: () => new R2(),
  tasks: ['regression'],
  better: 'higher',
});
