/**
 * A sweep's state in Redis, under its name: the config (with its hash and the planned run ids),
 * the finished runs (a hash by run id, written once: a run delivered twice is stored once) and
 * the runs that failed for good. The BullMQ jobs are the work; these keys are the results.
 */
import { NoisenetError } from '../../errors.js';
import type { SweepPlan } from '../plan.js';
import type { SweepFailure, SweepRunRecord } from '../sweep-results.js';

/** The name of the BullMQ queue every sweep's runs go to (a worker serves all sweeps). */
export const QUEUE_NAME = 'noisenet-sweep';

/** A sweep of this name with another config is in the queue. */
export class SweepConflictError extends NoisenetError {
  override name = 'SweepConflictError';
}

/** Redis lost a sweep's state more often than a sweep submits it again. */
export class SweepLostError extends NoisenetError {
  override name = 'SweepLostError';
}

/** What the queue knows of a sweep. */
export interface SweepMeta {
  name: string;
  configHash: string;
  config: SweepPlan['config'];
  /** Planned run ids, in plan order. */
  plan: string[];
  createdAt: string;
}

/**
 * The Redis commands a {@link SweepStore} sends, as an ioredis client has them (declared here so
 * that the public types do not depend on the optional package ioredis).
 */
export interface SweepRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
  hkeys(key: string): Promise<string[]>;
  hexists(key: string, field: string): Promise<number>;
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
  hsetnx(key: string, field: string, value: string): Promise<number>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hset(key: string, field: string, value: string): Promise<number>;
}

/** A sweep's keys in Redis (see the module comment). */
export class SweepStore {
  private readonly base: string;

  constructor(
    private readonly redis: SweepRedis,
    readonly name: string,
  ) {
    this.base = `noisenet:sweep:${encodeURIComponent(name)}:`;
  }

  private key(part: 'meta' | 'results' | 'failed'): string {
    return this.base + part;
  }

  async meta(): Promise<SweepMeta | null> {
    const text = await this.redis.get(this.key('meta'));
    return text === null ? null : (JSON.parse(text) as SweepMeta);
  }

  /**
   * Registers the sweep, or finds it registered with the same config.
   * @throws SweepConflictError when the name holds another config, unless `force` (which deletes the old results first).
   */
  async claim(plan: SweepPlan, force: boolean): Promise<'new' | 'same' | 'replaced'> {
    const old = await this.meta();
    if (old && old.configHash === plan.configHash) return 'same';
    if (old && !force) {
      throw new SweepConflictError(`the queue holds a sweep named "${this.name}" with another config (created ${old.createdAt}, ${old.plan.length} runs): pass --force to replace it, or give this one another --name`);
    }
    if (old) await this.redis.del(this.key('results'), this.key('failed'));
    const meta: SweepMeta = { name: this.name, configHash: plan.configHash, config: plan.config, plan: plan.runs.map((r) => r.id), createdAt: new Date().toISOString() };
    await this.redis.set(this.key('meta'), JSON.stringify(meta));
    return old ? 'replaced' : 'new';
  }

  /** Whether the sweep still has config `configHash` (a run of a replaced sweep is not stored). */
  async current(configHash: string): Promise<boolean> {
    return (await this.state(configHash)) === 'current';
  }

  /**
   * What Redis holds of the sweep submitted with `configHash`: `current`, `replaced` (the name
   * holds another config) or `missing` (no sweep of the name: Redis lost it, e.g. restarted
   * without persistence, or it was flushed).
   */
  async state(configHash: string): Promise<'current' | 'replaced' | 'missing'> {
    const meta = await this.meta();
    return meta === null ? 'missing' : meta.configHash === configHash ? 'current' : 'replaced';
  }

  async resultIds(): Promise<string[]> {
    return this.redis.hkeys(this.key('results'));
  }

  async hasResult(id: string): Promise<boolean> {
    return (await this.redis.hexists(this.key('results'), id)) === 1;
  }

  async results(ids: readonly string[]): Promise<SweepRunRecord[]> {
    if (ids.length === 0) return [];
    const texts = await this.redis.hmget(this.key('results'), ...ids);
    return texts.filter((t): t is string => t !== null).map((t) => JSON.parse(t) as SweepRunRecord);
  }

  /** Stores a finished run unless one is stored under its id; true when this call stored it. */
  async storeResult(record: SweepRunRecord): Promise<boolean> {
    const stored = (await this.redis.hsetnx(this.key('results'), record.id, JSON.stringify(record, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)))) === 1;
    if (stored) await this.redis.hdel(this.key('failed'), record.id);
    return stored;
  }

  async failures(): Promise<SweepFailure[]> {
    return Object.values(await this.redis.hgetall(this.key('failed'))).map((t) => JSON.parse(t) as SweepFailure);
  }

  async storeFailure(f: SweepFailure): Promise<void> {
    if (!(await this.hasResult(f.id))) await this.redis.hset(this.key('failed'), f.id, JSON.stringify(f));
  }

  /** Forgets the failures (a new submission tries those runs again). */
  async clearFailures(): Promise<void> {
    await this.redis.del(this.key('failed'));
  }
}
