/**
 * The output folder of an experiment: never overwritten by accident, only what noisenet wrote is
 * removed, and a comparison stopped before its end (interrupted, killed, failed) is taken up
 * again by the same configuration: its finished runs are kept.
 */
import { access, readFile, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisenetError } from '../../errors.js';
import { CHARTS_DIR, CHART_NAMES, CORRUPTION_HEATMAP, REPORT_FILE, RESULTS_FILE, RESULTS_FORMAT, RUNS_DIR, runCsvName, type ExperimentResults, type RunRecord } from '../results.js';
import type { ExperimentConfig } from '../config.js';

/**
 * The finished runs of the comparison of `config` that `dir` holds, to keep: none when the
 * folder has no results.json, or with `force` (which starts over). A results.json of another
 * configuration (the fields in `ignore` aside) or of something else is refused.
 * @throws NoisenetError naming results.json and the fields that differ.
 */
export async function resumableRuns(dir: string, config: ExperimentConfig, force = false, ignore: readonly string[] = []): Promise<RunRecord[]> {
  return (await resumableResults(dir, config, force, ignore)).runs;
}

/** What an earlier comparison in an output folder recorded and a rerun keeps: its finished runs, when it started, and the backend that trained them. */
export interface ResumedResults {
  runs: RunRecord[];
  /** The earlier results' `startedAt`, when they kept a run. */
  startedAt?: string;
  /** The backend the earlier results recorded, when they kept a run and named one. */
  backend?: string;
}

/** {@link resumableRuns}, with the earlier results' start time and backend (see {@link ResumedResults}). */
export async function resumableResults(dir: string, config: ExperimentConfig, force = false, ignore: readonly string[] = []): Promise<ResumedResults> {
  const file = join(dir, RESULTS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { runs: [] };
  }
  if (force) return { runs: [] };
  let old: Partial<ExperimentResults> | null = null;
  try {
    old = JSON.parse(text) as Partial<ExperimentResults>;
  } catch {
    old = null;
  }
  if (old?.format !== RESULTS_FORMAT || !old.config || typeof old.config !== 'object' || !Array.isArray(old.runs)) {
    throw new NoisenetError(`${file} already exists: choose another output folder or pass --force to overwrite it`);
  }
  const differ = differingFields(old.config, config, ignore);
  if (differ.length > 0) {
    const fields = `${differ.slice(0, 6).join(', ')}${differ.length > 6 ? ', ...' : ''} ${differ.length === 1 ? 'differs' : 'differ'}`;
    throw new NoisenetError(`${file} already exists and holds a comparison with another configuration (${fields}): rerun the command that wrote it to finish it, choose another output folder, or pass --force to overwrite it`);
  }
  const planned = new Set(config.seeds.flatMap((seed) => config.configurations.map((c) => `${c.name}\0${seed}`)));
  const runs = old.runs.filter((r) => planned.has(`${r?.configuration}\0${r?.seed}`));
  if (runs.length === 0) return { runs };
  const backend = old.versions?.backend;
  return {
    runs,
    ...(typeof old.startedAt === 'string' ? { startedAt: old.startedAt } : {}),
    ...(typeof backend === 'string' && backend !== 'unknown' ? { backend } : {}),
  };
}

/** The top-level fields whose values differ between a stored config and `config` (as results.json writes it). */
function differingFields(stored: object, config: ExperimentConfig, ignore: readonly string[]): string[] {
  const written = JSON.parse(JSON.stringify(config, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as Record<string, unknown>;
  const old = stored as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(written), ...Object.keys(old)])].filter((k) => !ignore.includes(k));
  return keys.filter((k) => canonical(written[k]) !== canonical(old[k]));
}

/** JSON text with object keys sorted, so that key order does not count as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v)) ?? 'undefined';
}

/**
 * Refuses a folder with earlier results unless `force`; with `clear`, removes the earlier
 * output: results.json, report.html, the run CSVs the earlier results.json lists and the chart
 * PNGs, then runs/ and charts/ if nothing else is in them. Other files are kept.
 */
export async function prepareOutDir(dir: string, force = false, clear = true): Promise<void> {
  const exists = await access(join(dir, RESULTS_FILE)).then(() => true, () => false);
  if (exists && !force) throw new NoisenetError(`${join(dir, RESULTS_FILE)} already exists: choose another output folder or pass --force to overwrite it`);
  if (!exists || !clear) return;
  const runs = await earlierRuns(dir);
  const written = [
    RESULTS_FILE,
    REPORT_FILE,
    ...runs.map((r) => join(RUNS_DIR, runCsvName(r))),
    ...[...CHART_NAMES, CORRUPTION_HEATMAP].map((name) => join(CHARTS_DIR, `${name}.png`)),
  ];
  for (const name of written) await rm(join(dir, name), { force: true });
  for (const folder of [RUNS_DIR, CHARTS_DIR]) await rmdir(join(dir, folder)).catch(() => undefined); // kept when not empty
}

/** The runs an earlier results.json lists (none when it cannot be read: their CSVs are then overwritten, not removed). */
async function earlierRuns(dir: string): Promise<Pick<RunRecord, 'configuration' | 'seed'>[]> {
  try {
    const json = JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8')) as { runs?: unknown };
    return Array.isArray(json.runs) ? json.runs.filter((r): r is RunRecord => typeof r?.configuration === 'string' && typeof r?.seed === 'number') : [];
  } catch {
    return [];
  }
}
