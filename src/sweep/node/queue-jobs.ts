/** The BullMQ jobs of a sweep: one per run, its id stable (the sweep's tag and the run's id) so a resubmission adds no duplicate. */
import type { PlannedRun } from '../plan.js';
import { sha256Hex } from '../run-id.js';
import { ExperimentConfigError } from '../../experiments/config.js';
import { RUN_LIMITS, type RunLimits } from '../../run/run-limits.js';
import { checkJsonBounds } from '../../schema/bounded-json.js';
import { checkSweepRunSettings } from '../run-settings-check.js';

/** The data of a run's job: everything a worker needs, on any machine. */
export interface RunJobData {
  format: 'noisenet-sweep-run';
  version: 1;
  sweep: string;
  configHash: string;
  id: string;
  configuration: string;
  settings: PlannedRun['settings'];
}

/** The tag of a sweep's job ids: 12 hex digits of the SHA-256 of its name. */
export async function sweepTag(name: string): Promise<string> {
  return (await sha256Hex(name)).slice(0, 12);
}

/** The job id of a run: `<tag>-<run id>` (BullMQ ids take no colon). */
export function jobId(tag: string, runId: string): string {
  return `${tag}-${runId}`;
}

/** Whether a job's data is, on its face, a sweep run of this version (its settings not checked: see {@link checkRunJobData}). */
export function isRunJobData(data: unknown): data is RunJobData {
  const d = data as Partial<RunJobData> | null;
  return typeof d === 'object' && d !== null && d.format === 'noisenet-sweep-run' && d.version === 1 && typeof d.id === 'string' && typeof d.sweep === 'string' && typeof d.configuration === 'string' && typeof d.settings === 'object' && d.settings !== null;
}

/** The longest name, id or hash a job may hold. */
const MAX_NAME = 1000;

/**
 * A job's data when it is a valid sweep run: within the JSON bounds, a run of this version,
 * its names bounded, and its settings checked by the run schema within `limits` (as the CLI
 * and config files are).
 * @throws JsonLimitError or ExperimentConfigError naming `source` (`job <id>`) and the reason.
 */
export function checkRunJobData(data: unknown, source: string, limits: RunLimits = RUN_LIMITS): RunJobData {
  checkJsonBounds(data, source);
  if (!isRunJobData(data)) throw new ExperimentConfigError(source, '(job)', 'not a noisenet sweep run of this version (format "noisenet-sweep-run", version 1, with id, sweep, configuration and settings)');
  for (const key of ['sweep', 'configHash', 'id', 'configuration'] as const) {
    const v = data[key] as unknown;
    if (typeof v !== 'string' || v === '' || v.length > MAX_NAME) throw new ExperimentConfigError(source, key, `must be a non-empty string of at most ${MAX_NAME} characters, received ${typeof v === 'string' ? `${v.length} characters` : typeof v}`);
  }
  checkSweepRunSettings(data.settings, source, limits);
  return data;
}
