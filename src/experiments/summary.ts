/**
 * The summary table of a comparison: per configuration, the final train and validation
 * accuracy and loss (mean ± sd over seeds), the generalization gap, the best epoch, the
 * robustness curve, and the difference in final val accuracy from the baseline with a 95%
 * Welch confidence interval.
 */
import type { ExperimentResults, RunRecord } from './results.js';
import type { Difference, MeanSd, SummaryRow } from './summary-types.js';
import { mean, sampleSd, welchInterval } from './stats.js';
import { mainMetricOf } from './main-metric.js';

export type { MeanSd, Difference, SummaryRow } from './summary-types.js';

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Mean ± sample sd of `values`. */
export function meanSd(values: readonly number[]): MeanSd {
  return { mean: finite(mean(values)), sd: finite(sampleSd(values)), n: values.length };
}

/** The last value of a metric in a run's history (NaN when missing). */
export function finalValue(run: RunRecord, metric: string): number {
  const v = run.history[metric];
  return v && v.length > 0 ? v[v.length - 1]! : Number.NaN;
}

/** One row per configuration, in the config's order, over the finished runs. */
export function summarizeRuns(results: Pick<ExperimentResults, 'config' | 'runs'>, level = 0.95): SummaryRow[] {
  const { config } = results;
  const runsOf = (name: string): RunRecord[] => results.runs.filter((r) => r.configuration === name);
  const finals = (runs: RunRecord[], metric: string): number[] => runs.map((r) => finalValue(r, metric)).filter(Number.isFinite);
  const baselineAcc = finals(runsOf(config.baseline), 'val_accuracy');
  const main = mainMetricOf(results.runs);
  const other = main.key !== 'accuracy' ? main : null;
  const baselineMain = other ? finals(runsOf(config.baseline), `val_${other.key}`) : [];
  return config.configurations.map((c) => {
    const runs = runsOf(c.name);
    const isBaseline = c.name === config.baseline;
    const valAcc = finals(runs, 'val_accuracy');
    let diffValAccuracy: Difference | null = null;
    if (!isBaseline && baselineAcc.length > 0 && valAcc.length > 0) {
      const w = welchInterval(valAcc, baselineAcc, level);
      diffValAccuracy = { estimate: w.estimate, low: finite(w.low), high: finite(w.high), level };
    }
    const stddevs = config.robustness.stddevs;
    const metricFields: Partial<SummaryRow> = {};
    if (other) {
      const train = finals(runs, other.key);
      const val = finals(runs, `val_${other.key}`);
      let diffValMetric: Difference | null = null;
      if (!isBaseline && baselineMain.length > 0 && val.length > 0) {
        const w = welchInterval(val, baselineMain, level);
        diffValMetric = { estimate: w.estimate, low: finite(w.low), high: finite(w.high), level };
      }
      const sign = other.higherIsBetter ? 1 : -1;
      const gaps = runs.map((r) => sign * (finalValue(r, other.key) - finalValue(r, `val_${other.key}`))).filter(Number.isFinite);
      Object.assign(metricFields, { metric: other.key, trainMetric: meanSd(train), valMetric: meanSd(val), gapMetric: meanSd(gaps), diffValMetric });
    }
    return {
      configuration: c.name,
      noise: [...c.noise],
      isBaseline,
      runs: runs.length,
      trainAccuracy: meanSd(finals(runs, 'accuracy')),
      valAccuracy: meanSd(valAcc),
      trainLoss: meanSd(finals(runs, 'loss')),
      valLoss: meanSd(finals(runs, 'val_loss')),
      gapAccuracy: meanSd(finals(runs, 'gap_accuracy')),
      gapLoss: meanSd(finals(runs, 'gap_loss')),
      bestEpoch: meanSd(runs.map((r) => r.bestEpoch)),
      diffValAccuracy,
      robustness: stddevs.map((stddev) => ({
        stddev,
        ...meanSd(runs.map((r) => r.robustness.find((p) => p.stddev === stddev)?.mean ?? Number.NaN).filter(Number.isFinite)),
      })),
      ...metricFields,
    };
  });
}
