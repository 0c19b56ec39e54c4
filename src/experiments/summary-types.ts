/** The rows of the summary table (see summary.ts), as results.json records them. */

/** Mean and sample sd over seeds; sd is null with a single seed, both null with none. */
export interface MeanSd {
  mean: number | null;
  sd: number | null;
  /** Number of values (seeds). */
  n: number;
}

/** `mean(configuration) - mean(baseline)` of the final val accuracy, with its confidence interval (null bounds with fewer than 2 seeds on either side). */
export interface Difference {
  estimate: number;
  low: number | null;
  high: number | null;
  level: number;
}

/** One row of the summary table. */
export interface SummaryRow {
  configuration: string;
  noise: string[];
  isBaseline: boolean;
  /** Seeds (finished runs) behind the row. */
  runs: number;
  trainAccuracy: MeanSd;
  valAccuracy: MeanSd;
  trainLoss: MeanSd;
  valLoss: MeanSd;
  /** Final accuracy - val_accuracy. */
  gapAccuracy: MeanSd;
  /** Final val_loss - loss. */
  gapLoss: MeanSd;
  /** 1-based epoch of the best val_accuracy. */
  bestEpoch: MeanSd;
  /** Versus the baseline; null for the baseline itself or when the baseline has no finished run. */
  diffValAccuracy: Difference | null;
  /** Per noise level: mean and sd over seeds of each run's mean accuracy over draws (a regression's RMSE). */
  robustness: ({ stddev: number } & MeanSd)[];
  /**
   * A regression's main metric (`rmse`, `mae`, `mse`, `r2` or `loss`), which it is compared by
   * instead of the accuracy (whose fields then hold no value); absent for a classifier.
   */
  metric?: string;
  /** Final train value of `metric`. */
  trainMetric?: MeanSd;
  /** Final validation value of `metric`. */
  valMetric?: MeanSd;
  /** Final `metric` gap, validation minus train (train minus validation for r2). */
  gapMetric?: MeanSd;
  /** `mean(configuration) - mean(baseline)` of the final validation `metric`, with its interval. */
  diffValMetric?: Difference | null;
}
