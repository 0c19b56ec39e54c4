/**
 * The sweep queue's packages, bullmq and ioredis: optional peer dependencies, imported when a
 * queue is first used, so that the library and every other command work without them. Their
 * types stay in this file and its internal users, out of the public declarations.
 */
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
import { MissingPackageError } from '../../errors.js';
import type { RedisTarget } from './redis-url.js';

/** The two packages' modules. */
export interface QueuePackages {
  bullmq: typeof BullMQ;
  ioredis: typeof IORedis;
}

/** What to run when they are missing. */
export const QUEUE_INSTALL = 'npm install bullmq ioredis';

let loading: Promise<QueuePackages> | null = null;

/**
 * Imports bullmq and ioredis (once).
 * @throws MissingPackageError `the sweep queue needs the optional packages bullmq and ioredis, not installed here (...); run npm install bullmq ioredis`.
 */
export function queuePackages(): Promise<QueuePackages> {
  loading ??= Promise.all([import('bullmq'), import('ioredis')]).then(
    ([bullmq, ioredis]) => ({ bullmq, ioredis }),
    (e: Error) => {
      loading = null;
      throw new MissingPackageError(`the sweep queue needs the optional packages bullmq and ioredis, not installed here (${e.message.split('\n')[0]}); run ${QUEUE_INSTALL}`);
    },
  );
  return loading;
}

/** The ioredis options of `target`: reconnect every 0.5 s, commands wait while reconnecting (as BullMQ needs). */
export function redisOptions(target: RedisTarget): IORedis.RedisOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: { ...target.tlsFiles } } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: () => 500,
  };
}

/** The same options, as BullMQ's connection (its type differs from ioredis' in details only). */
export function bullConnection(target: RedisTarget): BullMQ.ConnectionOptions {
  return redisOptions(target) as BullMQ.ConnectionOptions;
}

/** A new client of `target` with {@link redisOptions} and `extra`. */
export async function redisClient(target: RedisTarget, extra: IORedis.RedisOptions = {}): Promise<IORedis.Redis> {
  const { ioredis } = await queuePackages();
  return new ioredis.Redis({ ...redisOptions(target), ...extra });
}
