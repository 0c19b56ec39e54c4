/**
 * A sweep on this machine: the runs not stored yet, one after another in this process, or in
 * `jobs` trainer child processes at once. A run that fails is recorded with its error and the
 * sweep goes on.
 */
import type { PlannedRun, SweepPlan } from '../plan.js';
import { trainSweepRun } from '../train-run.js';
import type { SweepCounts } from '../sweep-progress.js';
import type { SweepRunRecord } from '../sweep-results.js';
import { describeFailure } from './run-failure.js';
import { runData } from './run-data.js';
import type { SweepOutput } from './sweep-output.js';
import { RunStopped, TrainerPool } from './trainer-pool.js';

/** Options of {@link runLocalSweep}. */
export interface LocalSweepOptions {
  /** 0: in this process (the default); N: N trainer child processes. */
  jobs?: number;
  /** Kernel threads of each child (`jobs` > 0). */
  threads?: number;
  onCounts?: (c: SweepCounts) => void;
  /** Stops after the current batch (in-process) or at once (children); the finished runs are kept. */
  signal?: AbortSignal;
}

/** Trains every run of `plan` that `output` does not hold; resolves when all are stored or failed (or on abort). */
export async function runLocalSweep(plan: SweepPlan, output: SweepOutput, options: LocalSweepOptions = {}): Promise<void> {
  const pending = plan.runs.filter((r) => !output.has(r.id));
  const earlier = plan.runs.length - pending.length;
  const counts = (): SweepCounts => ({ planned: plan.runs.length, done: output.results.runs.length, earlier, running, failed: output.results.failed.length });
  let running = 0;
  options.onCounts?.(counts());
  const { signal } = options;
  const settle = async (run: PlannedRun, train: () => Promise<SweepRunRecord>): Promise<void> => {
    running++;
    options.onCounts?.(counts());
    try {
      await output.add(await train());
    } catch (err) {
      if (err instanceof RunStopped || signal?.aborted) return;
      const f = describeFailure(err);
      await output.fail({ id: run.id, configuration: run.configuration, seed: run.seed, error: `${f.name}: ${f.message}`, attempts: 1, configError: f.configError });
    } finally {
      running--;
      options.onCounts?.(counts());
    }
  };
  const jobs = options.jobs ?? 0;
  if (jobs === 0) {
    for (const run of pending) {
      if (signal?.aborted) break;
      await settle(run, async () => trainSweepRun(run.id, run.configuration, run.settings, await runData(run.settings), signal ? { signal } : {}));
    }
    return;
  }
  const pool = new TrainerPool({ size: jobs, ...(options.threads === undefined ? {} : { threads: options.threads }) });
  const onAbort = (): void => pool.stopAll();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < pending.length && !signal?.aborted) {
        const run = pending[next++]!;
        await settle(run, () => pool.run({ id: run.id, configuration: run.configuration, settings: run.settings }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, pending.length) }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    pool.close();
  }
}
