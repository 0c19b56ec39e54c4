/**
 * The record of a comparison experiment, as written to results.json after every run: the
 * settings, the data, the versions, the machine, and every finished run's history (with the
 * generalization gap per epoch) and robustness curve. Plus one CSV per run. Writing them:
 * node/write-results.ts.
 */
import type { Calibration } from './calibration.js';
import { historyCsv } from '../io/history-files.js';
import type { ExperimentConfig } from './config.js';
import type { RobustnessPoint } from './robustness.js';
import type { SummaryRow } from './summary-types.js';
import type { RobustnessCard, RunCardValues } from './card-values.js';
import type { LoadedDataRecord } from '../data/loaded-data-record.js';

/** Format tag and version of results.json. */
export const RESULTS_FORMAT = 'noisenet-compare';
/** Version of the results.json layout; bumped on incompatible changes. */
export const RESULTS_VERSION = 1;
/** The file the runner writes into its output folder. */
export const RESULTS_FILE = 'results.json';
/** The folder of per-run CSV files inside the output folder. */
export const RUNS_DIR = 'runs';
/** The report and the folder of PNG charts that `writeReport` adds to the output folder. */
export const REPORT_FILE = 'report.html';
/** The folder of PNG charts (written with `png: true`). */
export const CHARTS_DIR = 'charts';
/** The report's charts, in page order: `charts/<name>.png` with `png: true`. */
export const CHART_NAMES = ['learning-curves', 'generalization-gap', 'final-accuracy', 'robustness'] as const;
/** The robustness card's chart (its per-corruption heat map), drawn in the card's section when the runs measured the corruptions. */
export const CORRUPTION_HEATMAP = 'corruption-heatmap';

/** One finished (configuration, seed) run. */
export interface RunRecord {
  configuration: string;
  noise: string[];
  seed: number;
  /**
   * Per-epoch metrics, one value per epoch: `loss`, `accuracy`, `val_loss`, `val_accuracy` as
   * `fit` reports them, and the generalization gap `gap_accuracy` (accuracy - val_accuracy) and
   * `gap_loss` (val_loss - loss).
   */
  history: Record<string, number[]>;
  /** 1-based epoch with the highest val_accuracy (the earliest on ties). */
  bestEpoch: number;
  /** Accuracy under test-time Gaussian noise, per level of the grid. */
  robustness: RobustnessPoint[];
  /** Wall time of training and of the robustness evaluation, in ms. */
  trainMs: number;
  robustnessMs: number;
  /** Calibration of the trained model on the validation set (ECE over 15 equal-width bins, NLL, Brier, reliability bins); absent from records written before it was measured. */
  calibration?: Calibration;
  /** The model's layers (class names and configurations), enough to rebuild it. */
  model: unknown;
  /** The robustness card's other measurements of this run (certified, corruption, calibration, adversarial), those that were made. */
  card?: RunCardValues;
  /** Wall time of measuring `card`, in ms (part of `robustnessMs`); absent when no card was measured. */
  cardMs?: number;
}

/** The whole experiment. `status` is `running` until the last run, `interrupted` after an abort. */
export interface ExperimentResults {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  status: 'running' | 'complete' | 'interrupted' | 'failed';
  /** Why the experiment failed, when it did. */
  error?: string;
  config: ExperimentConfig;
  /**
   * The data; `task` (what its target is: classes, yes/no or a value) where the writer records it;
   * `data`, the record of the user's own data as read (kind, shape, classes, counts of its
   * splits, preprocessing, SHA-256), written by `noisenet compare --data` and the playground.
   */
  dataset: { name: string; source: string; classes: readonly string[]; trainCount: number; validationCount: number; robustnessCount: number; inputSize: number; task?: 'multiclass' | 'binary' | 'regression'; data?: LoadedDataRecord };
  versions: { noisenet: string; node: string; backend: string };
  machine: { platform: string; arch: string; cpu: string; cpus: number; memoryGiB: number };
  startedAt: string;
  updatedAt: string;
  /** Runs planned: configurations x seeds. */
  plannedRuns: number;
  runs: RunRecord[];
  /**
   * The summary of the finished runs (`summarizeRuns(results)`: final metrics mean ± sd over seeds,
   * gap, best epoch, difference from the baseline, robustness), recomputed at every write.
   */
  summary?: SummaryRow[];
  /** The robustness card of every configuration (`robustnessCards(results)`), recomputed at every write. */
  cards?: RobustnessCard[];
}

/** The generalization gap per epoch: `gap_accuracy` = accuracy - val_accuracy, `gap_loss` = val_loss - loss. */
export function withGap(history: Readonly<Record<string, readonly number[]>>): Record<string, number[]> {
  const out: Record<string, number[]> = Object.fromEntries(Object.entries(history).map(([k, v]) => [k, [...v]]));
  const { accuracy, val_accuracy: valAccuracy, loss, val_loss: valLoss } = out;
  if (accuracy && valAccuracy) out.gap_accuracy = accuracy.map((a, i) => a - valAccuracy[i]!);
  if (loss && valLoss) out.gap_loss = loss.map((l, i) => valLoss[i]! - l);
  // A regression's errors: validation minus train, as for the loss.
  for (const key of ['rmse', 'mae', 'mse']) {
    const train = out[key];
    const val = out[`val_${key}`];
    if (train && val) out[`gap_${key}`] = train.map((t, i) => val[i]! - t);
  }
  return out;
}

/** The 1-based epoch with the highest `val_accuracy` (else the lowest `val_loss`), the earliest on ties. */
export function bestEpoch(history: Readonly<Record<string, readonly number[]>>): number {
  const acc = history.val_accuracy;
  const values = acc ?? (history.val_loss ?? []).map((v) => -v);
  let best = 0;
  values.forEach((v, i) => {
    if (v > values[best]!) best = i;
  });
  return values.length === 0 ? 0 : best + 1;
}

/** A configuration name made file-safe: runs of other characters become `_`. */
export function fileSafeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'configuration';
}

/** The file name of a run's CSV: `<configuration>-seed<seed>.csv`, the name made file-safe. */
export function runCsvName(run: Pick<RunRecord, 'configuration' | 'seed'>): string {
  return `${fileSafeName(run.configuration)}-seed${run.seed}.csv`;
}

/** A run's history as CSV, Keras CSVLogger style: `epoch` (from 0) then the metrics in alphabetical order. */
export function runCsv(run: Pick<RunRecord, 'history'>): string {
  return historyCsv({ history: run.history });
}
