/**
 * `noisenet worker --queue URL`: trains sweep runs from the BullMQ queue, on any machine, until
 * SIGTERM or Ctrl-C (the current runs go back on the queue) or until Redis is lost (exit 1).
 */
import { cpus } from 'node:os';
import { InvalidArgumentError, oneLine } from '../../errors.js';
import { RUN_LIMITS, RUN_LIMIT_NAMES, describeRunLimits, parseRunLimits } from '../../run/run-limits.js';
import { checkRedis } from '../../sweep/node/redis-connection.js';
import { runWorker } from '../../sweep/node/queue-worker.js';
import { defineCommand } from '../options.js';
import { UsageError } from '../usage-error.js';
import { parseInteger } from '../values.js';
import { runOption } from '../run-flags.js';
import { REDIS_OPTIONS, REDIS_PASSWORD_ENV, queueConnection } from '../redis-options.js';

const WHERE = 'noisenet worker';

export const worker = defineCommand({
  name: 'worker',
  summary: 'train the runs of sweeps submitted with noisenet sweep --queue URL',
  description: `Takes runs from the BullMQ queue at --queue redis://HOST:PORT[/DB] and trains each in a child
process (this process keeps renewing the runs' locks), --concurrency at once. Start one or more on
every machine that should train; they need the same data (mnist-mini ships with noisenet;
fashion-mnist and mnist are downloaded or read from the same --data-dir path; a sweep's own data,
--data PATH, is read at that same PATH: a shared filesystem, or the same files copied there, since
a run whose data differs from the sweep's SHA-256 fails).

A run already stored is skipped; a finished run is stored once by its id; a run that throws is
retried with backoff (as the sweep was submitted), a configuration error is not. If a worker
dies, its runs go to another worker once their lock expires (--lock-duration). SIGTERM or Ctrl-C:
the current runs go back on the queue at once and the worker exits 0. Redis unreachable at the
start, or lost for --redis-timeout: one line, exit 1 (the runs in progress are redone later).

A password protected Redis: put the password in ${REDIS_PASSWORD_ENV} or in a file given with
--redis-password-file FILE rather than in the URL (redis://:PASSWORD@HOST:PORT shows in ps); it is
never printed. TLS: rediss://HOST:PORT, with --redis-ca FILE for a CA of your own and
--redis-cert FILE --redis-key FILE when the server asks for a client certificate.

Every job is checked by the run schema, as a config file is, before anything is built: a job
whose data or settings are invalid or beyond a limit is failed for good with its reason, never
retried. The limits (--limits NAME=N,... raises or lowers them on this worker):
${describeRunLimits(RUN_LIMITS, 5).replace(/^/gm, '  ')}
Names, specs and paths in the log have their control characters escaped.`,
  epilog: `Examples:
  noisenet worker --queue redis://10.0.0.5:6379
  noisenet worker --queue redis://10.0.0.5:6379/2 --concurrency 2 --threads 1
  NOISENET_REDIS_PASSWORD=... noisenet worker --queue rediss://queue.example:6380 --redis-ca ca.pem
  noisenet worker --queue redis://10.0.0.5:6379 --limits epochs=50000,draws=5000`,
  options: {
    queue: { type: 'string', arg: 'URL', help: `the queue: redis://[USER@]HOST:PORT[/DB], rediss:// for TLS (required); the password from ${REDIS_PASSWORD_ENV} or --redis-password-file` },
    concurrency: { type: 'string', arg: 'N', help: 'runs trained at once, each in its own process (default 1)' },
    threads: runOption('threads', { help: 'worker threads of the WebAssembly kernels of each run (default cores / concurrency)' }),
    'redis-timeout': { type: 'string', arg: 'MS', help: 'give up (exit 1) when Redis has been unreachable this long (default 10000)' },
    limits: { type: 'string', arg: 'NAME=N,...', help: `the limits jobs are checked against, raised or lowered: ${RUN_LIMIT_NAMES.join(', ')} (defaults above)` },
    'lock-duration': { type: 'string', arg: 'MS', help: "how long a run's lock lasts without renewal: a dead worker's run is given to another after about this long (default 30000)" },
    ...REDIS_OPTIONS,
  },
  async run(values, ctx) {
    if (values.queue === undefined) throw new UsageError(`${WHERE}: --queue URL is required, e.g. --queue redis://127.0.0.1:6379`);
    const { target } = await queueConnection(WHERE, values.queue, values, ctx.env);
    const concurrency = values.concurrency === undefined ? 1 : parseInteger(WHERE, '--concurrency', values.concurrency, { min: 1 });
    const threads = values.threads === undefined ? Math.max(1, Math.floor(cpus().length / concurrency)) : parseInteger(WHERE, '--threads', values.threads, { min: 1 });
    const lock = values['lock-duration'] === undefined ? 30_000 : parseInteger(WHERE, '--lock-duration', values['lock-duration'], { min: 500 });
    const lostAfterMs = values['redis-timeout'] === undefined ? 10_000 : parseInteger(WHERE, '--redis-timeout', values['redis-timeout'], { min: 500 });
    let limits = RUN_LIMITS;
    try {
      if (values.limits !== undefined) limits = parseRunLimits(values.limits);
    } catch (err) {
      if (err instanceof InvalidArgumentError) throw new UsageError(`${WHERE}: --${err.message}`);
      throw err;
    }
    await checkRedis(target);
    const signal = ctx.catchInterrupt?.();
    const stop = new Promise<void>((resolve) => {
      signal?.addEventListener('abort', () => resolve(), { once: true });
      process.once('SIGTERM', () => resolve());
    });
    const time = (): string => new Date().toISOString().slice(11, 19);
    await runWorker(target, { concurrency, threads, lockDurationMs: lock, lostAfterMs, limits, log: (line) => ctx.stdout.write(`${time()} ${oneLine(line)}\n`), stop });
  },
});
