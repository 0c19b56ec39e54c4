/**
 * The rows the charts plot, computed from an experiment's runs: per configuration the mean
 * over seeds of a per-epoch metric or a per-level accuracy, with a band of ± one sample sd.
 */
import type { ExperimentResults, RunRecord } from '../experiments/results.js';
import { mean, sampleSd } from '../experiments/stats.js';
import { finalValue } from '../experiments/summary.js';

/** One point of a mean line with its spread band; `low`/`high` = mean ∓ sd (= mean with one seed). */
export interface BandRow {
  configuration: string;
  x: number;
  mean: number;
  low: number;
  high: number;
  /** Number of seeds behind the point. */
  n: number;
  /** Extra grouping fields (e.g. `split`, `panel`). */
  [key: string]: string | number;
}

/** The configurations in the config's order: the color domain shared by every chart. */
export function configurationNames(results: Pick<ExperimentResults, 'config'>): string[] {
  return results.config.configurations.map((c) => c.name);
}

function band(configuration: string, x: number, values: number[], extra: Record<string, string>): BandRow | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const m = mean(finite);
  const sd = finite.length > 1 ? sampleSd(finite) : 0;
  return { ...extra, configuration, x, mean: m, low: m - sd, high: m + sd, n: finite.length };
}

function runsByConfiguration(results: Pick<ExperimentResults, 'config' | 'runs'>): [string, RunRecord[]][] {
  return configurationNames(results).map((name) => [name, results.runs.filter((r) => r.configuration === name)]);
}

/** Per configuration and epoch (x = 1-based epoch), the mean ± sd over seeds of `metric`, tagged with `extra`. */
export function epochBands(results: Pick<ExperimentResults, 'config' | 'runs'>, metric: string, extra: Record<string, string> = {}): BandRow[] {
  const rows: BandRow[] = [];
  for (const [name, runs] of runsByConfiguration(results)) {
    const epochs = Math.max(0, ...runs.map((r) => r.history[metric]?.length ?? 0));
    for (let e = 0; e < epochs; e++) {
      const row = band(name, e + 1, runs.map((r) => r.history[metric]?.[e] ?? Number.NaN), extra);
      if (row) rows.push(row);
    }
  }
  return rows;
}

/** Per configuration and test-time noise level (x = stddev), the mean ± sd over seeds of the accuracy (each seed averaged over draws). */
export function robustnessBands(results: Pick<ExperimentResults, 'config' | 'runs'>): BandRow[] {
  const rows: BandRow[] = [];
  for (const [name, runs] of runsByConfiguration(results)) {
    for (const stddev of results.config.robustness.stddevs) {
      const row = band(name, stddev, runs.map((r) => r.robustness.find((p) => p.stddev === stddev)?.mean ?? Number.NaN), {});
      if (row) rows.push(row);
    }
  }
  return rows;
}

/** Final val accuracy of every run: one point per seed. */
export function finalPoints(results: Pick<ExperimentResults, 'runs'>, metric = 'val_accuracy'): { configuration: string; seed: number; value: number }[] {
  return results.runs.map((r) => ({ configuration: r.configuration, seed: r.seed, value: finalValue(r, metric) })).filter((p) => Number.isFinite(p.value));
}
