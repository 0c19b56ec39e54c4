/** The run `noisenet train` builds, and the check of its `--out` folder before it trains. */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { checkpointFolder } from '../../callbacks/node/checkpoint-folder.js';
import { NoisenetError } from '../../errors.js';
import { NoiseSpecError } from '../../techniques/spec-error.js';
import { ModelSpecError, type ModelSpec } from '../../models/model-spec.js';
import { buildRun, type BuiltRun } from '../../run/build-run.js';
import type { DataShape } from '../../run/run-settings.js';
import { checkOutputDir } from '../output-path.js';
import { UsageError } from '../usage-error.js';
import { checkpointDir } from './train-resume.js';
import { WHERE, type TrainSettings } from './train-options.js';

/**
 * The run of `s` on data of `shape`.
 * @throws UsageError `noisenet train: noise spec '<spec>': <what is wrong>; see noisenet techniques`.
 */
export function buildTrainRun(s: TrainSettings, shape: DataShape, preprocessing?: ModelSpec['layers']): BuiltRun {
  try {
    return buildRun(s, shape, preprocessing ? { preprocessing } : {});
  } catch (err) {
    if (err instanceof NoiseSpecError) throw new UsageError(`${WHERE}: ${err.message}; see noisenet techniques`);
    if (err instanceof ModelSpecError) throw new UsageError(`${WHERE}: ${err.message}`);
    throw err;
  }
}

/**
 * Fails before training when `--out` cannot take the run: a file, or a folder holding a saved or
 * unfinished run (unless `--force`, which drops the unfinished run's checkpoint; the saved run
 * stays until the new one replaces it).
 */
export async function checkOutFolder(out: string, force: boolean): Promise<void> {
  checkOutputDir(WHERE, '--out', out);
  const unfinished = join(checkpointDir(out), 'model.json');
  const taken = [join(out, 'history.json'), join(out, 'model', 'model.json'), unfinished].find((p) => existsSync(p));
  if (taken !== undefined && !force) {
    const hint = taken === unfinished ? `continue it with noisenet train --resume ${out}, ` : '';
    throw new NoisenetError(`--out ${out} already holds a run (${taken}); ${hint}pass --force to overwrite it or choose another folder`);
  }
  if (force) await checkpointFolder(checkpointDir(out)).remove();
}
