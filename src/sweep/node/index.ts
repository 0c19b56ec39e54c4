/** Sweeps in Node: on this machine (in-process or child processes) and over a BullMQ queue on Redis. */
export { runLocalSweep, type LocalSweepOptions } from './local-sweep.js';
export { SweepOutput, readSweepOutput } from './sweep-output.js';
export { runQueueSweep, type QueueSweepOptions } from './queue-submit.js';
export { runWorker, type WorkerOptions } from './queue-worker.js';
export { SweepStore, SweepConflictError, SweepLostError, QUEUE_NAME, type SweepRedis } from './sweep-store.js';
export { parseRedisUrl, maskRedisUrl, type RedisTarget } from './redis-url.js';
export { checkRedis, RedisUnavailableError } from './redis-connection.js';
export { queueStatus, folderStatus, formatStatus, type SweepStatus } from './sweep-status.js';
