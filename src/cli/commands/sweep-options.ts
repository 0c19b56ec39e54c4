/**
 * The flags of `noisenet sweep`: those of `compare` (data, model, training, robustness, output),
 * the search space (`--noise` with value sets, `--variant`, `--train-sizes`, `--sample`), and
 * where the runs go (in-process, `--jobs N` children, or `--queue URL`).
 */
import { COMPARE_OPTIONS, compareFlags, withOverrides, type CompareFlags } from './compare-options.js';
import { checkOptimizerFlags, runOption } from '../run-flags.js';
import { runField } from '../../run/run-schema.js';
import type { Values } from '../options.js';
import { parseInteger, parseUnits } from '../values.js';
import { UsageError, badValue } from '../usage-error.js';
import { REDIS_OPTIONS, type RedisFlagValues } from '../redis-options.js';

/** `noisenet sweep`, the prefix of its messages. */
export const WHERE = 'noisenet sweep';

const { noise: _n, variant: _v, ...SHARED } = COMPARE_OPTIONS;

/** The option table of `noisenet sweep`. */
export const SWEEP_OPTIONS = {
  ...SHARED,
  config: { type: 'string', arg: 'FILE', help: 'read the sweep from a JSON file (a compare config with a "search" field, or an earlier sweep\'s results.json); flags override it' },
  noise: { type: 'string', multiple: true, arg: 'SPEC', help: 'a technique to sweep, its levels as a value set: "gaussian:stddev={0,0.1,0.2,0.3}"; several sets form a grid; each --noise is swept on its own' },
  variant: { type: 'string', multiple: true, arg: '"SPEC ..."', help: 'techniques combined in each configuration, e.g. "gaussian:stddev={0.1,0.2} dropout:rate={0.2,0.5}@hidden" (a grid)' },
  'train-sizes': { type: 'string', arg: 'LIST', help: 'also sweep the training-set size, e.g. 500,2000 (seeded subsets)' },
  sample: { type: 'string', arg: 'K', help: 'train a seeded random sample of K points of the grid instead of all of it (baselines always kept)' },
  'sample-seed': { type: 'string', arg: 'N', help: 'seed of --sample (default 0)' },
  jobs: { type: 'string', arg: 'N', help: 'train N runs at once in child processes (default: one after another in this process)' },
  threads: runOption('threads', { help: 'worker threads of the WebAssembly kernels of each run (default all cores, or cores / N with --jobs N)' }),
  queue: { type: 'string', arg: 'URL', help: 'put the runs on the BullMQ queue at redis://[USER@]HOST:PORT[/DB] (rediss:// for TLS; the password from NOISENET_REDIS_PASSWORD or --redis-password-file) and wait for `noisenet worker`s to train them' },
  attempts: { type: 'string', arg: 'N', help: 'with --queue: tries per run before it is reported as failed (default 3; config errors are never retried)' },
  backoff: { type: 'string', arg: 'MS', help: 'with --queue: wait before the first retry, doubled for each next one (default 2000)' },
  'redis-timeout': { type: 'string', arg: 'MS', help: 'with --queue: give up (exit 1, finished runs kept) when Redis has been unreachable this long (default 10000)' },
  ...REDIS_OPTIONS,
  status: { type: 'boolean', help: 'show how far the sweep is (from --queue, else from --out DIR) and exit' },
  force: { type: 'boolean', help: 'replace a sweep of the same name but another config (in the queue and in --out DIR)' },
  name: { type: 'string', arg: 'TEXT', help: 'the sweep\'s name: its key in the queue and the report\'s title (default "noisenet sweep on <dataset>")' },
  out: { type: 'string', arg: 'DIR', help: 'output folder; a folder holding this sweep is taken up where it stopped (default runs/sweep-<YYYYMMDD-HHMMSS>)' },
} as const;

/** The help paragraph of `noisenet sweep`. */
export const SWEEP_DESCRIPTION = `Finds the right noise level: trains every level of every technique in the search space, once
per seed, next to a baseline without noise, on the same data; prints the compare tables and the
best level per technique with its 95% confidence interval against the baseline, and writes
results.json, runs/*.csv and report.html (a chart per technique: validation accuracy and gap
against the level).

Search space: each --noise SPEC is one technique swept on its own; a value set {a,b,...} in it
makes one configuration per value ("gaussian:stddev={0,0.1,0.2,0.3}"), several sets make a grid.
--variant "SPEC SPEC" combines techniques in every configuration. A --config FILE gives the same
as "search": {"techniques": [SPEC or {spec, param, levels | range: {from, to, points, scale:
"linear"|"log"}}], "models": [{name, hidden, ...}], "trainSizes": [...], "sample": {count, seed}}.

Where the runs go: by default one after another in this process; --jobs N trains N at once in
child processes; --queue redis://HOST:PORT[/DB] puts them on a BullMQ queue for the workers
started with \`noisenet worker --queue URL\` on any machine. A password protected Redis: the
password in NOISENET_REDIS_PASSWORD or a --redis-password-file FILE (in the URL it would show in
ps); TLS: rediss://HOST:PORT, with --redis-ca FILE for a private CA. Every run has a stable id
(a hash of its settings): results are kept in Redis under the sweep's name and written to DIR
as they arrive, and the same command again trains only the runs not stored yet.

Exit 2: misuse, an invalid config or search space; exit 1: a failure, or runs that failed.`;

/** Examples after the options of `noisenet sweep --help`. */
export const SWEEP_EXAMPLES = `Examples:
  noisenet sweep --dataset mnist-mini --train-size 1000 --epochs 5 --noise "gaussian:stddev={0,0.1,0.2,0.3}" --out runs/gauss
  noisenet sweep --noise "gaussian:stddev={0.1,0.3}" --noise "dropout:rate={0.2,0.5}@hidden" --seeds 5 --jobs 2
  noisenet sweep --config sweep.json --queue redis://10.0.0.5:6379 --out runs/big
  noisenet sweep --config sweep.json --queue redis://10.0.0.5:6379 --status`;

/** What the flags ask for. */
export interface SweepFlags extends CompareFlags {
  /** Technique axes from --noise and --variant; null when neither is given. */
  techniques: string[] | null;
  trainSizes?: number[];
  sample?: { count: number; seed: number };
  jobs: number;
  threads?: number;
  queue?: string;
  /** The password file and TLS certificates of --queue. */
  redis: RedisFlagValues;
  attempts: number;
  backoffMs: number;
  status: boolean;
  outGiven: boolean;
  lostAfterMs: number;
}

/** `runs/sweep-20250131-142501`. */
function defaultOut(compareOut: string): string {
  return compareOut.replace(/compare-(\d{8}-\d{6})$/, 'sweep-$1');
}

/** Every flag checked. @throws UsageError `noisenet sweep: <flag> must be ..., received "..."`. */
export function sweepFlags(v: Values<typeof SWEEP_OPTIONS>): SweepFlags {
  const { noise, variant, 'train-sizes': trainSizes, sample, 'sample-seed': sampleSeed, jobs, threads, queue, attempts, backoff, status, 'redis-timeout': redisTimeout, 'redis-password-file': passwordFile, 'redis-ca': ca, 'redis-cert': cert, 'redis-key': key, ...shared } = v;
  let base: CompareFlags;
  try {
    base = compareFlags(shared);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(err.message.replace(/^noisenet compare: /, `${WHERE}: `));
    throw err;
  }
  const flags: SweepFlags = {
    ...base,
    out: v.out === undefined ? defaultOut(base.out) : base.out,
    outGiven: v.out !== undefined,
    techniques: null,
    redis: { 'redis-password-file': passwordFile, 'redis-ca': ca, 'redis-cert': cert, 'redis-key': key },
    jobs: jobs === undefined ? 0 : parseInteger(WHERE, '--jobs', jobs, { min: 1 }),
    attempts: attempts === undefined ? 3 : parseInteger(WHERE, '--attempts', attempts, { min: 1 }),
    backoffMs: backoff === undefined ? 2000 : parseInteger(WHERE, '--backoff', backoff, { min: 0 }),
    status: status ?? false,
    lostAfterMs: redisTimeout === undefined ? 10_000 : parseInteger(WHERE, '--redis-timeout', redisTimeout, { min: 500 }),
  };
  if (threads !== undefined) flags.threads = parseInteger(WHERE, '--threads', threads, { min: 1 });
  if (queue !== undefined) flags.queue = queue;
  if (noise !== undefined || variant !== undefined) {
    flags.techniques = [...(noise ?? []).map((s) => s.trim())];
    for (const x of variant ?? []) {
      const specs = x.split(/\s+/).filter(Boolean);
      if (specs.length === 0) throw badValue(WHERE, '--variant', 'one or more noise specs separated by spaces', x);
      flags.techniques.push(specs.join(' '));
    }
    if (flags.techniques.some((s) => s === '')) throw badValue(WHERE, '--noise', 'a noise spec, e.g. "gaussian:stddev={0,0.1,0.2}"', '');
  }
  if (trainSizes !== undefined) flags.trainSizes = parseUnits(WHERE, '--train-sizes', trainSizes);
  if (flags.trainSizes?.length === 0) throw badValue(WHERE, '--train-sizes', 'a list of integers >= 1, e.g. 500,2000', trainSizes!);
  if (sample !== undefined) flags.sample = { count: parseInteger(WHERE, '--sample', sample, { min: 1 }), seed: sampleSeed === undefined ? 0 : parseInteger(WHERE, '--sample-seed', sampleSeed, { min: 0, max: 0xffffffff }) };
  else if (sampleSeed !== undefined) throw new UsageError(`${WHERE}: --sample-seed applies only with --sample K`);
  if (flags.jobs > 0 && flags.queue !== undefined) throw new UsageError(`${WHERE}: --jobs trains on this machine and --queue on the workers: give one of them`);
  return flags;
}

/**
 * The raw sweep config: the file's fields (a results.json gives its `config`),
 * overridden by the flags; the seeds default to 3.
 */
export function mergeSweepConfig(file: unknown, flags: SweepFlags): Record<string, unknown> {
  if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) return file as Record<string, unknown>;
  const f = (file ?? {}) as Record<string, unknown>;
  const fromResults = (f.format === 'noisenet-sweep' || f.format === 'noisenet-compare') && typeof f.config === 'object' && f.config !== null;
  const source = fromResults ? (f.config as Record<string, unknown>) : f;
  const raw: Record<string, unknown> = withOverrides(source, flags.overrides);
  if (raw.seeds === undefined) raw.seeds = 3;
  const search: Record<string, unknown> = typeof raw.search === 'object' && raw.search !== null && !Array.isArray(raw.search) ? { ...(raw.search as object) } : raw.search === undefined ? {} : (raw.search as Record<string, unknown>);
  if (flags.techniques !== null) {
    search.techniques = flags.techniques;
    // A compare config's fixed configurations give way to the techniques of the flags.
    delete raw.configurations;
    delete raw.baseline;
  }
  if (flags.trainSizes) search.trainSizes = flags.trainSizes;
  if (flags.sample) search.sample = flags.sample;
  raw.search = search;
  if (Object.keys(flags.robustness).length > 0) {
    const r = raw.robustness;
    if (r === undefined || (typeof r === 'object' && r !== null && !Array.isArray(r))) raw.robustness = { ...(r as object | undefined), ...flags.robustness };
  }
  checkOptimizerFlags(WHERE, typeof raw.optimizer === 'string' ? raw.optimizer : String(runField('optimizer').field.default), flags.optimizerFlags);
  return raw;
}
