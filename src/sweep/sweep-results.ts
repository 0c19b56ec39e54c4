/**
 * The record of a sweep, as results.json holds it: the config (rerunnable), the plan, every
 * finished run (keyed by its id) and every run that failed, and a comparison view of it all for
 * the `compare` tables and report, each cell's configurations held against that cell's baseline.
 */
import type { ExperimentConfig } from '../experiments/config.js';
import type { ExperimentResults, RunRecord } from '../experiments/results.js';
import { summarizeRuns, type SummaryRow } from '../experiments/summary.js';
import { robustnessCards, type RobustnessCard } from '../experiments/robustness-card.js';
import type { SweepGroup } from './axis-levels.js';
import type { SweepConfig } from './sweep-config.js';

/** Format tag and version of a sweep's results.json. */
export const SWEEP_FORMAT = 'noisenet-sweep';
export const SWEEP_VERSION = 1;

/** A finished run of a sweep. */
export interface SweepRunRecord extends RunRecord {
  /** The run's id (see `runId`). */
  id: string;
  /** Backend that trained it. */
  backend: string;
  /** The worker that trained it (`host:pid`), for runs trained through a queue. */
  worker?: string;
}

/** A run that failed for good (after its retries), with its last error. */
export interface SweepFailure {
  id: string;
  configuration: string;
  seed: number;
  /** `Name: message` of the last error. */
  error: string;
  /** Attempts made. */
  attempts: number;
  /** Whether the run was refused as a configuration error (never retried). */
  configError: boolean;
}

/** The sweep file. */
export interface SweepResults extends Omit<ExperimentResults, 'format' | 'version' | 'config' | 'runs'> {
  format: typeof SWEEP_FORMAT;
  version: typeof SWEEP_VERSION;
  config: SweepConfig;
  /** SHA-256 of the config without its name. */
  configHash: string;
  /** `local`, `local, 2 child processes` or the queue's URL (without a password). */
  ranOn: string;
  /** Every configuration, in plan order. */
  groups: SweepGroup[];
  /** Run ids planned, in plan order. */
  plan: string[];
  runs: SweepRunRecord[];
  failed: SweepFailure[];
}

/** The sweep's settings as a `compare` config with every configuration of the plan. */
export function comparisonConfig(config: SweepConfig, groups: readonly SweepGroup[]): ExperimentConfig {
  const { search: _search, ...shared } = config;
  return { ...shared, baseline: groups.find((g) => g.axis === null)!.configuration, configurations: groups.map((g) => ({ name: g.configuration, noise: g.noise })) };
}

/** `summarize` applied cell by cell, each cell's configurations held against its own baseline. */
function perCell<T>(results: Pick<SweepResults, 'config' | 'groups' | 'runs'>, summarize: (cell: { config: ExperimentConfig; runs: RunRecord[] }) => T[]): T[] {
  const cells = [...new Set(results.groups.map((g) => g.cell))];
  return cells.flatMap((cell) => {
    const groups = results.groups.filter((g) => g.cell === cell);
    const names = new Set(groups.map((g) => g.configuration));
    return summarize({ config: comparisonConfig(results.config, groups), runs: results.runs.filter((r) => names.has(r.configuration)) });
  });
}

/** Summary rows cell by cell, each configuration compared with the baseline of its cell. */
export function sweepSummary(results: Pick<SweepResults, 'config' | 'groups' | 'runs'>): SummaryRow[] {
  return perCell(results, (cell) => summarizeRuns(cell));
}

/** Robustness cards cell by cell, each configuration compared with the baseline of its cell. */
export function sweepCards(results: Pick<SweepResults, 'config' | 'groups' | 'runs'>): RobustnessCard[] {
  return perCell(results, (cell) => robustnessCards(cell));
}

/** The sweep as compare results (every configuration, the finished runs, the per-cell summary), for the compare tables, charts and report. */
export function comparisonView(results: SweepResults): ExperimentResults {
  const { format: _f, version: _v, config, configHash: _h, ranOn: _r, groups, plan: _p, failed: _x, runs, ...rest } = results;
  return { ...rest, format: 'noisenet-compare', version: 1, config: comparisonConfig(config, groups), runs, summary: sweepSummary(results), cards: sweepCards(results) };
}
