/** How far a sweep is, from the queue (Redis and the BullMQ jobs) or from its output folder. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisenetError } from '../../errors.js';
import { RESULTS_FILE } from '../../experiments/results.js';
import { jobId, sweepTag } from './queue-jobs.js';
import { bullConnection, queuePackages, redisClient } from './queue-packages.js';
import type { RedisTarget } from './redis-url.js';
import { QUEUE_NAME, SweepStore } from './sweep-store.js';
import type { SweepResults } from '../sweep-results.js';

/** Counts of a sweep's runs by state. */
export interface SweepStatus {
  name: string;
  planned: number;
  done: number;
  failed: number;
  /** Queue only: runs training now, waiting (or delayed for a retry), and not on the queue at all. */
  running?: number;
  waiting?: number;
  notQueued?: number;
  failures: { configuration: string; seed: number; error: string }[];
}

/** The status of sweep `name` in the queue. @throws NoisenetError when the queue holds no sweep of that name. */
export async function queueStatus(target: RedisTarget, name: string): Promise<SweepStatus> {
  const { bullmq } = await queuePackages();
  const redis = await redisClient(target);
  redis.on('error', () => undefined);
  const queue = new bullmq.Queue(QUEUE_NAME, { connection: bullConnection(target) });
  queue.on('error', () => undefined);
  try {
    const store = new SweepStore(redis, name);
    const meta = await store.meta();
    if (!meta) throw new NoisenetError(`the queue at ${target.display} holds no sweep named "${name}"`);
    const done = new Set(await store.resultIds());
    const failures = (await store.failures()).filter((f) => !done.has(f.id));
    const failed = new Set(failures.map((f) => f.id));
    const tag = await sweepTag(name);
    let running = 0;
    let waiting = 0;
    let notQueued = 0;
    for (const id of meta.plan) {
      if (done.has(id) || failed.has(id)) continue;
      const job = await queue.getJob(jobId(tag, id));
      const state = job ? await job.getState() : 'unknown';
      if (state === 'active') running++;
      else if (state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children') waiting++;
      else notQueued++;
    }
    return { name, planned: meta.plan.length, done: meta.plan.filter((id) => done.has(id)).length, failed: failures.length, running, waiting, notQueued, failures };
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** The status of the sweep in `dir`. @throws NoisenetError when `dir` holds no sweep. */
export async function folderStatus(dir: string): Promise<SweepStatus> {
  let r: SweepResults;
  try {
    r = JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8')) as SweepResults;
  } catch {
    throw new NoisenetError(`${join(dir, RESULTS_FILE)} cannot be read: no sweep there (give --out DIR of a sweep, or --queue URL)`);
  }
  if (r.format !== 'noisenet-sweep') throw new NoisenetError(`${join(dir, RESULTS_FILE)} is not a sweep's results`);
  return { name: r.config.name, planned: r.plan.length, done: r.runs.length, failed: r.failed.length, failures: r.failed };
}

/** `sweep "name": 14 runs planned: 9 done, 2 running, 2 waiting, 1 failed`, then one line per failure. */
export function formatStatus(s: SweepStatus, where: string): string {
  const parts = [`${s.done} done`, ...(s.running === undefined ? [] : [`${s.running} running`, `${s.waiting} waiting`]), `${s.failed} failed`, ...(s.notQueued ? [`${s.notQueued} not on the queue (submit the sweep again)`] : [])];
  const head = `sweep "${s.name}" (${where}): ${s.planned} runs planned: ${parts.join(', ')}${s.done === s.planned ? ' - complete' : ''}`;
  return [head, ...s.failures.map((f) => `  failed: ${f.configuration} seed ${f.seed}: ${f.error}`)].join('\n') + '\n';
}
