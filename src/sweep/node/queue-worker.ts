/**
 * A queue worker: takes sweep runs from the BullMQ queue and trains each in a trainer child
 * process, so this process's event loop stays free to renew the jobs' locks. A run already
 * stored is not trained again; a result is stored once by its id; a job whose data the run
 * schema refuses, and a configuration error, are failed without retry; SIGTERM puts the current runs back on the queue and exits.
 */
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { NoisenetError } from '../../errors.js';
import { formatDuration } from '../../experiments/progress.js';
import type { RunLimits } from '../../run/run-limits.js';
import { checkRunJobData, isRunJobData, type RunJobData } from './queue-jobs.js';
import { bullConnection, queuePackages, redisClient } from './queue-packages.js';
import type { RedisUnavailableError } from './redis-connection.js';
import { RedisWatch } from './redis-watch.js';
import type { RedisTarget } from './redis-url.js';
import { describeFailure } from './run-failure.js';
import { QUEUE_NAME, SweepStore } from './sweep-store.js';
import { RunStopped, TrainerPool } from './trainer-pool.js';

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** Runs trained at once (trainer processes). */
  concurrency: number;
  /** Kernel threads per run. */
  threads?: number;
  /** How long a run's lock lasts unrenewed: a dead worker's run goes to another after about this long (and as often the stalled runs are checked). */
  lockDurationMs: number;
  /** How long Redis may be unreachable before the worker gives up. */
  lostAfterMs?: number;
  /** The limits a job's settings are checked against; default the run schema's (`RUN_LIMITS`). */
  limits?: RunLimits;
  /** One line per event (started, finished, failed, released). */
  log: (line: string) => void;
  /** Resolves when the worker should stop (SIGTERM, Ctrl-C). */
  stop: Promise<void>;
}

/** Serves the queue until `stop` (resolves to 0) or until Redis is lost (rejects with RedisUnavailableError). */
export async function runWorker(target: RedisTarget, options: WorkerOptions): Promise<void> {
  const name = `${hostname()}:${process.pid}`;
  const pool = new TrainerPool({ size: options.concurrency, ...(options.threads === undefined ? {} : { threads: options.threads }) });
  const { DelayedError, UnrecoverableError, Worker } = (await queuePackages()).bullmq;
  const redis = await redisClient(target);
  redis.on('error', () => undefined);
  const stores = new Map<string, SweepStore>();
  const storeOf = (sweep: string): SweepStore => stores.get(sweep) ?? stores.set(sweep, new SweepStore(redis, sweep)).get(sweep)!;
  const { log } = options;

  const processor = async (job: Job, token?: string): Promise<{ id: string; stored: boolean }> => {
    let d: RunJobData;
    try {
      d = checkRunJobData(job.data, `job ${job.id ?? '(no id)'}`, options.limits);
    } catch (err) {
      if (!(err instanceof NoisenetError)) throw err;
      log(`refused ${err.message} (an invalid job: failed for good, not retried)`);
      throw new UnrecoverableError(err.message);
    }
    const store = storeOf(d.sweep);
    const what = `run ${d.id} ${d.configuration} seed ${d.settings.seed} (sweep "${d.sweep}")`;
    if (await store.hasResult(d.id)) {
      log(`skipped ${what}: already stored`);
      return { id: d.id, stored: false };
    }
    log(`started ${what}, attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1}`);
    const t0 = performance.now();
    try {
      const record = await pool.run({ id: d.id, configuration: d.configuration, settings: d.settings }, (p) => void job.updateProgress({ ...p }).catch(() => undefined));
      record.worker = name;
      // A sweep whose state is gone from Redis (restarted without persistence, or flushed) was
      // lost, not replaced: the result is kept under its run id for the submitter to collect.
      const sweep = await store.state(d.configHash);
      const stored = sweep !== 'replaced' && (await store.storeResult(record));
      const acc = record.history.val_accuracy?.at(-1);
      const note = sweep === 'replaced' ? '; the sweep was replaced by another config of its name: not stored' : !stored ? '; already stored by another worker: kept once' : sweep === 'missing' ? "; the sweep's state is gone from Redis (restarted without persistence, or flushed): stored for its submitter" : '';
      log(`finished ${what} in ${formatDuration(performance.now() - t0)}${acc === undefined ? '' : `, val_accuracy ${acc.toFixed(4)}`}${note}`);
      return { id: d.id, stored };
    } catch (err) {
      if (err instanceof RunStopped) {
        await job.moveToDelayed(Date.now(), token);
        log(`released ${what}: back on the queue`);
        throw new DelayedError();
      }
      const f = describeFailure(err);
      log(`failed ${what}: ${f.name}: ${f.message}${f.configError ? ' (a configuration error: not retried)' : ''}`);
      if (f.configError) throw new UnrecoverableError(`${f.name}: ${f.message}`);
      throw new Error(`${f.name}: ${f.message}`);
    }
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: bullConnection(target),
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    maxStalledCount: 2,
    name,
  });
  worker.on('error', () => undefined); // the watch decides when Redis is gone
  worker.on('failed', (job, err) => {
    if (!job || !isRunJobData(job.data)) return;
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const d = job.data;
    void storeOf(d.sweep)
      .storeFailure({ id: d.id, configuration: d.configuration, seed: d.settings.seed, error: err.message, attempts: job.attemptsMade, configError: err.name === 'UnrecoverableError' })
      .catch(() => undefined);
  });

  let lost: RedisUnavailableError | null = null;
  let onLost: () => void = () => undefined;
  const gone = new Promise<void>((resolve) => void (onLost = resolve));
  const watch = await RedisWatch.start(target, (err) => {
    lost = err;
    onLost();
  }, options.lostAfterMs);
  await Promise.race([worker.waitUntilReady(), gone]);
  log(`worker ${name} serving ${QUEUE_NAME} at ${target.display}: ${options.concurrency} run${options.concurrency === 1 ? '' : 's'} at once, lock ${options.lockDurationMs} ms`);
  await Promise.race([options.stop, gone]);
  watch.close();
  if (lost) {
    pool.close();
    redis.disconnect();
    void worker.disconnect().catch(() => undefined);
    throw lost;
  }
  log('stopping: the runs in progress go back on the queue');
  pool.stopAll();
  const t0 = performance.now();
  await Promise.race([worker.close(), new Promise((r) => setTimeout(r, 5000))]);
  pool.close();
  await redis.quit().catch(() => undefined);
  log(`stopped (${Math.round(performance.now() - t0)} ms)`);
}
