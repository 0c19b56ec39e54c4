/**
 * Connections to the queue's Redis: the options every client shares, a quick reachability check
 * made before any work, and a watch that tells when Redis has been unreachable for too long
 * (BullMQ's own clients would wait for it forever).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import { NoisenetError } from '../../errors.js';
import type { RedisTarget } from './redis-url.js';

/** Redis could not be reached, or was lost for longer than the watch allows. */
export class RedisUnavailableError extends NoisenetError {
  override name = 'RedisUnavailableError';
}

/** The ioredis options of `target`: reconnect every 0.5 s, commands wait while reconnecting (as BullMQ needs). */
export function redisOptions(target: RedisTarget): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: () => 500,
  };
}

/** The same options, as BullMQ's connection (its type differs from ioredis' in details only). */
export function bullConnection(target: RedisTarget): ConnectionOptions {
  return redisOptions(target) as ConnectionOptions;
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message?.split('\n')[0] ?? String(err);
}

/**
 * Connects once and pings.
 * @throws RedisUnavailableError `cannot reach Redis at redis://HOST:PORT/DB (ECONNREFUSED)`.
 */
export async function checkRedis(target: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = new Redis({ ...redisOptions(target), lazyConnect: true, retryStrategy: () => null, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false });
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

/** Pings Redis every `intervalMs`; calls `onLost` once when no ping has succeeded for `lostAfterMs`. */
export class RedisWatch {
  private readonly client: Redis;
  private readonly timer: NodeJS.Timeout;
  private lastOk = Date.now();
  /** Why the connection failed since the last answer (ECONNREFUSED, ...), from the client's error events. */
  private connectionError: string | null = null;
  private lost = false;

  constructor(target: RedisTarget, onLost: (error: RedisUnavailableError) => void, lostAfterMs = 10_000, intervalMs = 500) {
    this.client = new Redis({ ...redisOptions(target), maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: intervalMs * 2 });
    this.client.on('error', (err) => void (this.connectionError = reason(err)));
    this.timer = setInterval(() => {
      // A failed ping while the client reconnects says only that its stream is closed: the
      // reason worth telling is the connection's own error, when one has come.
      this.client.ping().then(
        () => {
          this.lastOk = Date.now();
          this.connectionError = null;
        },
        () => undefined,
      );
      if (!this.lost && Date.now() - this.lastOk > lostAfterMs) {
        this.lost = true;
        const why = this.connectionError ?? (this.client.status === 'ready' ? 'no answer' : 'connection closed');
        onLost(new RedisUnavailableError(`lost the connection to Redis at ${target.display} (${why}, for ${Math.round((Date.now() - this.lastOk) / 1000)} s)`));
      }
    }, intervalMs);
  }

  /** Stops watching. */
  close(): void {
    clearInterval(this.timer);
    this.client.disconnect();
  }
}

/**
 * Runs `work` (Redis commands, which wait while Redis is down) under a {@link RedisWatch}.
 * @throws RedisUnavailableError when Redis is unreachable for `lostAfterMs` before `work` ends.
 */
export async function whileReachable<T>(target: RedisTarget, lostAfterMs: number, work: () => Promise<T>): Promise<T> {
  let watch: RedisWatch | undefined;
  const lost = new Promise<never>((_, reject) => {
    watch = new RedisWatch(target, reject, lostAfterMs);
  });
  try {
    return await Promise.race([work(), lost]);
  } finally {
    watch?.close();
  }
}
