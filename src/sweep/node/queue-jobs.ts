/** The BullMQ jobs of a sweep: one per run, its id stable (the sweep's tag and the run's id) so a resubmission adds no duplicate. */
import type { PlannedRun } from '../plan.js';
import { sha256Hex } from '../run-id.js';

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

/** Whether a job's data is a sweep run this version can train. */
export function isRunJobData(data: unknown): data is RunJobData {
  const d = data as Partial<RunJobData> | null;
  return typeof d === 'object' && d !== null && d.format === 'noisenet-sweep-run' && d.version === 1 && typeof d.id === 'string' && typeof d.sweep === 'string' && typeof d.settings === 'object';
}
