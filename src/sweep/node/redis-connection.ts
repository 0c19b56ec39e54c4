/**
 * The queue's Redis: a quick reachability check made before any work (the client options and
 * the watch that tells when Redis is lost are in `queue-packages.ts` and `redis-watch.ts`).
 */
import { NoisenetError } from '../../errors.js';
import { redisClient } from './queue-packages.js';
import type { RedisTarget } from './redis-url.js';

/** Redis could not be reached, or was lost for longer than the watch allows. */
export class RedisUnavailableError extends NoisenetError {
  override name = 'RedisUnavailableError';
}

/** The short reason of a connection error: its code (ECONNREFUSED, ...) or its first line. */
export function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message?.split('\n')[0] ?? String(err);
}

/**
 * Connects once and pings.
 * @throws RedisUnavailableError `cannot reach Redis at redis://HOST:PORT/DB (ECONNREFUSED)`.
 * @throws MissingPackageError when bullmq or ioredis is not installed.
 */
export async function checkRedis(target: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = await redisClient(target, { lazyConnect: true, retryStrategy: () => null, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  let first: unknown = null;
  client.on('error', (err) => void (first ??= err));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new RedisUnavailableError(`cannot reach Redis at ${target.display} (${reason(first ?? err)}); start redis-server there or check --queue`);
  } finally {
    client.disconnect();
  }
}

