/**
 * A sweep's output folder, written as results arrive: results.json (rewritten atomically after
 * every run) and runs/<configuration>-seed<seed>.csv. A folder holding the same sweep (same
 * config hash) is taken up where it stopped; a folder holding anything else is refused unless
 * `force`.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisenetError } from '../../errors.js';
import { CHARTS_DIR, REPORT_FILE, RESULTS_FILE, RUNS_DIR, type ExperimentResults } from '../../experiments/results.js';
import { machineInfo, writeResults } from '../../experiments/node/write-results.js';
import { noisenetVersion } from '../../io/version.js';
import type { SweepPlan } from '../plan.js';
import { SWEEP_FORMAT, SWEEP_VERSION, comparisonView, sweepCards, sweepSummary, type SweepFailure, type SweepResults, type SweepRunRecord } from '../sweep-results.js';

/** The finished runs of the sweep in `dir`, if `dir/results.json` holds this sweep; throws if it holds another unless `force`. */
export async function readSweepOutput(dir: string, plan: SweepPlan, force: boolean): Promise<SweepRunRecord[]> {
  const file = join(dir, RESULTS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  let old: Partial<SweepResults> | null = null;
  try {
    old = JSON.parse(text) as Partial<SweepResults>;
  } catch {
    old = null;
  }
  if (old?.format === SWEEP_FORMAT && old.configHash === plan.configHash && Array.isArray(old.runs)) {
    const ids = new Set(plan.runs.map((r) => r.id));
    return old.runs.filter((r) => ids.has(r.id));
  }
  if (!force) throw new NoisenetError(`${file} holds ${old?.format === SWEEP_FORMAT ? 'a sweep with another config' : 'other results'}: choose another output folder or pass --force to overwrite it`);
  for (const name of [RESULTS_FILE, REPORT_FILE, RUNS_DIR, CHARTS_DIR]) await rm(join(dir, name), { recursive: true, force: true });
  return [];
}

/** What results.json says about the data, from the first run's data. */
export type DatasetInfo = ExperimentResults['dataset'];

/** The results of a sweep in progress, written to `dir` after every change. */
export class SweepOutput {
  readonly results: SweepResults;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    plan: SweepPlan,
    dataset: DatasetInfo,
    ranOn: string,
    earlier: readonly SweepRunRecord[],
  ) {
    const now = new Date().toISOString();
    this.results = {
      format: SWEEP_FORMAT, version: SWEEP_VERSION, status: 'running', config: plan.config, configHash: plan.configHash, ranOn,
      dataset, versions: { noisenet: noisenetVersion(), node: process.version, backend: earlier[0]?.backend ?? 'unknown' }, machine: machineInfo(),
      startedAt: now, updatedAt: now, plannedRuns: plan.runs.length, groups: plan.groups, plan: plan.runs.map((r) => r.id), runs: [], failed: [],
    };
    const order = new Map(plan.runs.map((r, i) => [r.id, i]));
    this.order = (id) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
    for (const r of earlier) this.insert(r);
  }

  private readonly order: (id: string) => number;

  /** Whether the run `id` is stored. */
  has(id: string): boolean {
    return this.results.runs.some((r) => r.id === id);
  }

  private insert(record: SweepRunRecord): boolean {
    if (this.has(record.id)) return false;
    const runs = this.results.runs;
    const at = runs.findIndex((r) => this.order(r.id) > this.order(record.id));
    runs.splice(at < 0 ? runs.length : at, 0, record);
    this.results.failed = this.results.failed.filter((f) => f.id !== record.id);
    if (this.results.versions.backend === 'unknown') this.results.versions.backend = record.backend;
    return true;
  }

  /** Stores a finished run (once: a run delivered twice is kept once) and writes its CSV and results.json. */
  add(record: SweepRunRecord): Promise<void> {
    if (!this.insert(record)) return this.writing;
    return this.save(record);
  }

  /** Records a run that failed for good. */
  fail(failure: SweepFailure): Promise<void> {
    if (this.has(failure.id)) return this.writing;
    this.results.failed = [...this.results.failed.filter((f) => f.id !== failure.id), failure];
    return this.save();
  }

  /** Sets the final status and writes results.json. */
  finish(status: SweepResults['status'], error?: string): Promise<void> {
    this.results.status = status;
    if (error !== undefined) this.results.error = error;
    return this.save();
  }

  /** The results as compare results (for the tables and the report). */
  view(): ExperimentResults {
    return comparisonView(this.results);
  }

  private save(record?: SweepRunRecord): Promise<void> {
    this.writing = this.writing.then(async () => {
      this.results.updatedAt = new Date().toISOString();
      this.results.summary = sweepSummary(this.results);
      this.results.cards = sweepCards(this.results);
      await writeResults(this.dir, this.results as unknown as ExperimentResults, record);
    });
    return this.writing;
  }
}
