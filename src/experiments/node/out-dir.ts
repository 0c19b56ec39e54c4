/** The output folder of an experiment: never overwritten by accident. */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisenetError } from '../../errors.js';
import { CHARTS_DIR, REPORT_FILE, RESULTS_FILE, RUNS_DIR } from '../results.js';

/** Refuses a folder with earlier results unless `force`; with `clear`, removes the earlier output files. */
export async function prepareOutDir(dir: string, force = false, clear = true): Promise<void> {
  const exists = await access(join(dir, RESULTS_FILE)).then(() => true, () => false);
  if (exists && !force) throw new NoisenetError(`${join(dir, RESULTS_FILE)} already exists: choose another output folder or pass --force to overwrite it`);
  if (exists && clear) for (const name of [RESULTS_FILE, REPORT_FILE, RUNS_DIR, CHARTS_DIR]) await rm(join(dir, name), { recursive: true, force: true });
}
