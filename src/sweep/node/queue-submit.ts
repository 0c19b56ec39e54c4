/**
 * A sweep over the queue: the runs not stored yet go on the BullMQ queue (one job per run, its
 * id stable), then the results are collected from Redis as the workers store them and written to
 * the output folder as they arrive. The queue's events feed the progress bar.
 */
import type { Job } from 'bullmq';
import type { SweepPlan } from '../plan.js';
import type { SweepCounts } from '../sweep-progress.js';
import { jobId, sweepTag, type RunJobData } from './queue-jobs.js';
import { bullConnection, queuePackages } from './queue-packages.js';
import type { RedisUnavailableError } from './redis-connection.js';
import { RedisWatch } from './redis-watch.js';
import type { RedisTarget } from './redis-url.js';
import type { SweepOutput } from './sweep-output.js';
import { QUEUE_NAME, SweepConflictError, SweepLostError, type SweepStore } from './sweep-store.js';

/** How often one sweep submits itself again after Redis lost its state before it gives up. */
const MAX_RESUBMISSIONS = 3;

/** Options of {@link runQueueSweep}. */
export interface QueueSweepOptions {
  attempts: number;
  backoffMs: number;
  onCounts?: (c: SweepCounts) => void;
  /** Stop waiting (the runs stay on the queue for the workers). */
  signal?: AbortSignal;
  /** How long Redis may be unreachable before the sweep gives up; default 10 s. */
  lostAfterMs?: number;
  pollMs?: number;
  /** One line when something happened that the user should know of (Redis lost the sweep and it was submitted again). */
  onNotice?: (line: string) => void;
}

/**
 * Submits the pending runs of `plan` and waits until every run is stored or failed, Redis is lost, or `signal` aborts.
 * When Redis loses the sweep's state (restarted without persistence), the sweep is submitted again from the results in `output`.
 * @throws RedisUnavailableError when Redis is unreachable for `lostAfterMs`.
 * @throws SweepLostError when Redis lost the sweep's state more than 3 times.
 * @throws SweepConflictError when the sweep was replaced by another config of its name.
 */
export async function runQueueSweep(target: RedisTarget, store: SweepStore, plan: SweepPlan, output: SweepOutput, options: QueueSweepOptions): Promise<void> {
  const { Queue, QueueEvents } = (await queuePackages()).bullmq;
  const connection = bullConnection(target);
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const silence = (): undefined => undefined;
  queue.on('error', silence);
  events.on('error', silence);
  let lost: RedisUnavailableError | null = null;
  let wake: () => void = () => undefined;
  const abort = new Promise<void>((resolve) => {
    wake = resolve;
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const watch = await RedisWatch.start(target, (err) => {
    lost = err;
    wake();
  }, options.lostAfterMs);
  try {
    await Promise.race([collect(), abort]);
    if (lost) throw lost;
  } finally {
    watch.close();
    if (lost) {
      // Closing would wait for Redis: drop the connections instead.
      void queue.disconnect().catch(silence);
      void events.disconnect().catch(silence);
    } else {
      await Promise.race([Promise.allSettled([events.close(), queue.close()]), new Promise((r) => setTimeout(r, 1000))]);
    }
  }

  async function collect(): Promise<void> {
    const tag = await sweepTag(store.name);
    const ids = new Map(plan.runs.map((r) => [jobId(tag, r.id), r]));
    const inPlan = new Set(plan.runs.map((r) => r.id));
    const running = new Set<string>();
    events.on('active', ({ jobId: id }) => void (ids.has(id) && running.add(id)));
    for (const e of ['completed', 'failed', 'stalled', 'removed'] as const) events.on(e, ({ jobId: id }: { jobId: string }) => void running.delete(id));
    await events.waitUntilReady();
    /** Brings Redis and the folder level and puts the runs neither holds on the queue; returns how many are pending. */
    const submit = async (): Promise<number> => {
      // The runs stored in the folder but not in Redis (e.g. a Redis that restarted empty) go back to Redis; those in Redis come to the folder.
      const inRedis = new Set(await store.resultIds());
      for (const r of output.results.runs) if (!inRedis.has(r.id)) await store.storeResult(r);
      for (const r of await store.results([...inRedis].filter((id) => inPlan.has(id) && !output.has(id)))) await output.add(r);
      await store.clearFailures(); // a new submission tries the failed runs again
      const pending = plan.runs.filter((r) => !output.has(r.id));
      const add: { name: string; data: RunJobData; opts: { jobId: string; attempts: number; backoff: { type: 'exponential'; delay: number }; removeOnComplete: boolean; removeOnFail: boolean } }[] = [];
      for (const r of pending) {
        const id = jobId(tag, r.id);
        const job = (await queue.getJob(id)) as Job | undefined;
        if (job) {
          const state = await job.getState();
          if (state === 'active') running.add(id);
          if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue; // waiting, delayed or active: on its way
          await job.remove().catch(silence);
        }
        add.push({ name: r.configuration, data: { format: 'noisenet-sweep-run', version: 1, sweep: store.name, configHash: plan.configHash, id: r.id, configuration: r.configuration, settings: r.settings }, opts: { jobId: id, attempts: options.attempts, backoff: { type: 'exponential', delay: options.backoffMs }, removeOnComplete: true, removeOnFail: false } });
      }
      if (add.length > 0) await queue.addBulk(add);
      return pending.length;
    };
    await store.claim(plan, false); // registered already by a caller that checked the name; registers it otherwise
    const earlier = plan.runs.length - (await submit());
    let losses = 0;
    /** The sweep's state in Redis is checked at every step: a Redis that restarted empty (or was flushed) lost the jobs too, and nobody would train them. */
    const checkState = async (): Promise<void> => {
      const state = await store.state(plan.configHash);
      if (state === 'current') return;
      if (state === 'replaced') throw new SweepConflictError(`the sweep "${store.name}" was replaced in the queue at ${target.display} by another config of its name (a sweep submitted with --force): stopped waiting`);
      if (++losses > MAX_RESUBMISSIONS) throw new SweepLostError(`Redis at ${target.display} lost the state of the sweep "${store.name}" ${losses} times (restarted without persistence, or flushed); turn persistence on there (appendonly yes) or check what flushes it`);
      running.clear();
      await store.claim(plan, false);
      const pending = await submit();
      options.onNotice?.(`Redis at ${target.display} lost the state of the sweep "${store.name}" (restarted without persistence, or flushed): submitted it again, ${pending} run${pending === 1 ? '' : 's'} to train`);
    };
    const counts = (): SweepCounts => ({ planned: plan.runs.length, done: output.results.runs.length, earlier, running: running.size, failed: output.results.failed.length });
    let previous = '';
    const report = (): void => {
      const c = counts();
      const key = JSON.stringify(c);
      if (key !== previous) options.onCounts?.(c);
      previous = key;
    };
    report();
    const known = new Set(output.results.runs.map((r) => r.id));
    const step = async (): Promise<boolean> => {
      await checkState();
      const fresh = (await store.resultIds()).filter((id) => inPlan.has(id) && !known.has(id) && !output.has(id));
      for (const r of await store.results(fresh)) {
        known.add(r.id);
        await output.add(r);
      }
      for (const f of await store.failures()) if (inPlan.has(f.id) && !output.results.failed.some((x) => x.id === f.id)) await output.fail(f);
      report();
      return output.results.runs.length + output.results.failed.length >= plan.runs.length;
    };
    // Every step races the watch: a command sent while Redis is down would wait for it forever.
    while (!lost && !options.signal?.aborted) {
      if (await Promise.race([step(), abort.then(() => false)])) break;
      await Promise.race([abort, new Promise((r) => setTimeout(r, options.pollMs ?? 300))]);
    }
  }
}
