/** Writes an experiment's results.json and per-run CSV files, and describes the machine it ran on. */
import { cpus, totalmem, platform, arch } from 'node:os';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomic } from '../../io/node/atomic-write.js';
import { temporaryName } from '../../io/node/durable.js';
import { RESULTS_FILE, RUNS_DIR, runCsv, runCsvName, type ExperimentResults, type RunRecord } from '../results.js';

/** The machine the experiment ran on (no host name or user). */
export function machineInfo(): ExperimentResults['machine'] {
  const list = cpus();
  return { platform: platform(), arch: arch(), cpu: list[0]?.model.trim() ?? 'unknown', cpus: list.length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10 };
}

/** Writes `results.json` into `dir` atomically (temporary file, then rename), and the CSV of `run` when given. */
export async function writeResults(dir: string, results: ExperimentResults, run?: RunRecord): Promise<void> {
  if (run) await writeFilesAtomic(join(dir, RUNS_DIR), [{ name: runCsvName(run), data: runCsv(run) }]);
  await writeFilesAtomic(dir, [{ name: RESULTS_FILE, data: `${JSON.stringify(results, jsonSafe, 1)}\n` }]);
}

/**
 * Writes `results.json` synchronously (temporary file, fsync, rename): for the moment the process
 * is exiting at once (a second Ctrl-C), when no asynchronous write can finish.
 */
export function writeResultsNow(dir: string, results: ExperimentResults): void {
  const tmp = join(dir, temporaryName(RESULTS_FILE));
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(results, jsonSafe, 1)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, RESULTS_FILE));
}

/** JSON has no NaN or Infinity: write them as null. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
