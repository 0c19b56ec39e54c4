/** The output folder of an experiment: never overwritten by accident, and only what noisenet wrote is removed. */
import { access, readFile, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisenetError } from '../../errors.js';
import { CHARTS_DIR, CHART_NAMES, REPORT_FILE, RESULTS_FILE, RUNS_DIR, runCsvName, type RunRecord } from '../results.js';

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
    ...CHART_NAMES.map((name) => join(CHARTS_DIR, `${name}.png`)),
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
