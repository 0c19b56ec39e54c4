/**
 * A watch that tells when the queue's Redis has been unreachable for too long (BullMQ's own
 * clients would wait for it forever).
 */
import type { Redis } from 'ioredis';
import { redisClient } from './queue-packages.js';
import { RedisUnavailableError, reason } from './redis-connection.js';
import type { RedisTarget } from './redis-url.js';

/** Pings Redis every `intervalMs`; calls `onLost` once when no ping has succeeded for `lostAfterMs`. */
export class RedisWatch {
  private readonly client: Redis;
  private readonly timer: NodeJS.Timeout;
  private lastOk = Date.now();
  /** Why the connection failed since the last answer (ECONNREFUSED, ...), from the client's error events. */
  private connectionError: string | null = null;
  private lost = false;

  /** Starts watching `target` (the queue's packages must be installed). */
  static async start(target: RedisTarget, onLost: (error: RedisUnavailableError) => void, lostAfterMs = 10_000, intervalMs = 500): Promise<RedisWatch> {
    return new RedisWatch(await redisClient(target, { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: intervalMs * 2 }), target, onLost, lostAfterMs, intervalMs);
  }

  private constructor(client: Redis, target: RedisTarget, onLost: (error: RedisUnavailableError) => void, lostAfterMs: number, intervalMs: number) {
    this.client = client;
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
  let fail: (error: RedisUnavailableError) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => void (fail = reject));
  const watch = await RedisWatch.start(target, (error) => fail(error), lostAfterMs);
  try {
    return await Promise.race([work(), lost]);
  } finally {
    watch.close();
  }
}
