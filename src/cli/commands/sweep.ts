/**
 * `noisenet sweep`: techniques x levels x seeds (x models x training-set sizes) against a
 * baseline, trained in this process, in `--jobs N` children, or by `noisenet worker`s over a
 * BullMQ queue (`--queue URL`); results written as they arrive, the compare tables, the best
 * level per technique and a report with a chart per technique at the end.
 */
import { cpus } from 'node:os';
import { InvalidArgumentError, NoisenetError } from '../../errors.js';
import { plural } from '../../experiments/format.js';
import { ExperimentConfigError } from '../../experiments/config.js';
import { RESULTS_FILE } from '../../experiments/results.js';
import { readExperimentConfigJson } from '../../experiments/node/read-config.js';
import { experimentData, loadOwnData } from '../../experiments/data.js';
import type { OwnDataConfig } from '../../experiments/config.js';
import { ownDataName, ownExperimentData } from '../../experiments/own-data.js';
import type { LoadedData } from '../../data/loaded-data.js';
import { loadedDataDigest, loadedDataRecord } from '../../data/loaded-data-record.js';
import type { Dataset } from '../../data/types.js';
import { describeOwnData, flagWording } from '../own-data.js';
import { runFields } from '../../run/run-schema.js';
import type { DataShape as RunDataShape } from '../../run/run-settings.js';
import { configureBackend, backendNotice } from '../../kernels/registry.js';
import { buildRun } from '../../run/build-run.js';
import { parseSweepConfig } from '../../sweep/sweep-config-parse.js';
import { planSweep, type SweepPlan } from '../../sweep/plan.js';
import type { SweepConfig } from '../../sweep/sweep-config.js';
import { SweepProgressBar } from '../../sweep/sweep-progress.js';
import { runLocalSweep } from '../../sweep/node/local-sweep.js';
import { runQueueSweep } from '../../sweep/node/queue-submit.js';
import { redisClient } from '../../sweep/node/queue-packages.js';
import { checkRedis } from '../../sweep/node/redis-connection.js';
import { whileReachable } from '../../sweep/node/redis-watch.js';
import type { RedisTarget } from '../../sweep/node/redis-url.js';
import { queueConnection, workerCommand, type QueueConnection } from '../redis-options.js';
import { SweepOutput, readSweepOutput } from '../../sweep/node/sweep-output.js';
import { folderStatus, formatStatus, queueStatus } from '../../sweep/node/sweep-status.js';
import { SweepStore } from '../../sweep/node/sweep-store.js';
import { Interrupted, type CliContext } from '../context.js';
import { cliDataShape, dataShape, describeDataset, loadCliDataset, type DatasetName } from '../load-data.js';
import { defineCommand } from '../options.js';
import { describePlan, sweepTables } from '../sweep-print.js';
import type { SweepResults } from '../../sweep/sweep-results.js';

/** The report (vega loads only when a report is written). */
async function writeSweepReport(results: SweepResults, dir: string, options: { png?: boolean } = {}): Promise<string[]> {
  return (await import('../../report/node/write-sweep-report.js')).writeSweepReport(results, dir, options);
}
import { UsageError } from '../usage-error.js';
import { SWEEP_DESCRIPTION, SWEEP_EXAMPLES, SWEEP_OPTIONS, WHERE, mergeSweepConfig, sweepFlags, type SweepFlags } from './sweep-options.js';

async function queueTarget(flags: SweepFlags, ctx: CliContext): Promise<QueueConnection | undefined> {
  return flags.queue === undefined ? undefined : queueConnection(WHERE, flags.queue, flags.redis, ctx.env);
}

/** The config: flags over the file, checked; errors as one line of misuse naming the file (or the flag) and the field. */
async function sweepConfig(flags: SweepFlags): Promise<{ config: SweepConfig; datasetGiven: boolean; nameGiven: boolean }> {
  let file: unknown;
  if (flags.config !== undefined) {
    try {
      file = await readExperimentConfigJson(flags.config);
    } catch (err) {
      if (err instanceof ExperimentConfigError && err.field === '(file)') throw new NoisenetError(err.message);
      if (err instanceof ExperimentConfigError) throw new UsageError(`${WHERE}: ${err.message}`);
      throw err;
    }
  }
  const raw = mergeSweepConfig(file, flags);
  const search = raw.search as { techniques?: unknown } | undefined;
  if (search?.techniques === undefined) throw new UsageError(`${WHERE}: nothing to sweep: give --noise with a value set, e.g. --noise "gaussian:stddev={0,0.1,0.2,0.3}", or --config FILE with search.techniques`);
  try {
    return { config: parseSweepConfig(raw, flags.config ?? 'command line'), datasetGiven: raw.dataset !== undefined, nameGiven: raw.name !== undefined };
  } catch (err) {
    if (!(err instanceof ExperimentConfigError)) throw err;
    const flagged = flags.techniques !== null && err.field.startsWith('search.techniques');
    throw new UsageError(`${WHERE}: ${flagged ? `${err.reason}; see noisenet techniques` : err.message}`);
  }
}

/** Builds every configuration once, before any download or run: a spec that does not fit the model fails first. */
function preflight(plan: SweepPlan, shape: RunDataShape): void {
  const seen = new Set<string>();
  for (const run of plan.runs) {
    if (seen.has(run.configuration)) continue;
    seen.add(run.configuration);
    try {
      buildRun(run.settings, shape, { presetNoise: 'listed' }).model.dispose(); // as trainSweepRun builds it
    } catch (err) {
      if (err instanceof InvalidArgumentError) throw new UsageError(`${WHERE}: ${run.configuration}: ${err.message}`);
      throw err;
    }
  }
}

export const sweep = defineCommand({
  name: 'sweep',
  summary: 'sweep noise levels (techniques x levels x seeds) locally, in child processes or over a BullMQ queue',
  description: SWEEP_DESCRIPTION,
  epilog: SWEEP_EXAMPLES,
  options: SWEEP_OPTIONS,
  async run(values, ctx) {
    const flags = sweepFlags(values);
    const connection = await queueTarget(flags, ctx);
    const target = connection?.target;
    if (flags.status) return showStatus(flags, target, ctx);
    const parsed = await sweepConfig(flags);
    const { datasetGiven, nameGiven } = parsed;
    let { config } = parsed;
    if (target) await checkRedis(target); // before any work
    if (config.data === undefined) preflight(await planSweep(config), cliDataShape()); // own data: once it is read

    const signal = ctx.catchInterrupt?.();
    const own = config.data === undefined ? undefined : await ownSweepData(config);
    const dataset = own ?? (await loadCliDataset(WHERE, { dataset: datasetGiven ? (config.dataset as DatasetName) : undefined, dataDir: config.dataDir, seed: config.dataSeed, progress: !flags.quiet }, ctx));
    if (signal?.aborted) throw new Interrupted(`${WHERE}: interrupted before the first run; nothing written`);
    for (const size of [config.trainSize, ...(config.search.trainSizes ?? [])]) {
      if (size !== undefined && size > dataset.train.count) throw new UsageError(`${WHERE}: the training-set size ${size} is more than the ${dataset.train.count} training samples of ${dataset.name}`);
    }
    if (config.valSize !== undefined && config.valSize > dataset.test.count) throw new UsageError(`${WHERE}: valSize ${config.valSize} is more than the ${dataset.test.count} test samples of ${dataset.name}`);
    config = { ...config, ...(own ? { data: own.config } : { dataset: dataset.name }), name: nameGiven ? config.name : `noisenet sweep on ${dataset.name}` };
    const plan = await planSweep(config);
    preflight(plan, own ? own.shape : dataShape(dataset as Dataset));

    const redis = target ? await redisClient(target) : null;
    redis?.on('error', () => undefined);
    const store = redis ? new SweepStore(redis, config.name) : null;
    try {
      if (store && target) await whileReachable(target, flags.lostAfterMs, () => store.claim(plan, flags.force)); // refuses another config of the same name before anything is written
      const earlier = await readSweepOutput(flags.out, plan, flags.force);
      const firstSizes = { ...config, trainSize: config.search.trainSizes?.[0] ?? config.trainSize };
      const first = own ? ownExperimentData(own.loaded, own.name, firstSizes) : experimentData(dataset as Dataset, firstSizes);
      const robustnessCount = Math.min(config.robustness.samples ?? first.validation.x.count, first.validation.x.count);
      const info = {
        name: dataset.name, source: dataset.source, classes: dataset.classes, trainCount: first.train.x.count, validationCount: first.validation.x.count, robustnessCount, inputSize: first.train.x.sampleSize,
        ...(own ? { data: await loadedDataRecord(own.loaded) } : {}),
      };
      const jobs = flags.jobs;
      const threads = flags.threads ?? (jobs > 0 ? Math.max(1, Math.floor(cpus().length / jobs)) : undefined);
      if (jobs === 0 && threads !== undefined) configureBackend({ threads });
      const ranOn = target ? `queue ${target.display}` : jobs > 0 ? `this machine, ${jobs} child processes` : 'this machine, in-process';
      const output = new SweepOutput(flags.out, plan, info, ranOn, earlier);
      await output.finish('running');

      const print = (line: string): void => ctx.stdout.write(`${line}\n`);
      const notice = backendNotice();
      if (notice !== null && !flags.quiet && !target) ctx.stderr.write(`${notice}\n`);
      print(own ? describeOwnData(own.loaded, sweepSizesUsed(config.trainSize, config.search.trainSizes)) : describeDataset(dataset as Dataset, first.train.x.count));
      const inQueue = store && target ? new Set(await whileReachable(target, flags.lostAfterMs, () => store.resultIds())) : new Set<string>();
      const stored = plan.runs.filter((r) => inQueue.has(r.id) || earlier.some((e) => e.id === r.id)).length;
      for (const line of describePlan(plan, stored, target ? `on the queue at ${target.display} (start workers with: ${workerCommand(connection!, flags.redis)})` : ranOn)) print(line);
      print(`Output: ${flags.out}`);
      const bar = flags.quiet ? null : new SweepProgressBar({ write: (s) => ctx.stderr.write(s), isTTY: ctx.stderr.isTTY ?? false });
      const onCounts = bar ? (c: Parameters<SweepProgressBar['update']>[0]): void => bar.update(c) : undefined;
      const common = { ...(onCounts ? { onCounts } : {}), ...(signal ? { signal } : {}) };
      try {
        const onNotice = (line: string): void => void ctx.stderr.write(`${bar && ctx.stderr.isTTY ? '\n' : ''}${WHERE}: ${line}\n`);
        if (target && store) await runQueueSweep(target, store, plan, output, { attempts: flags.attempts, backoffMs: flags.backoffMs, lostAfterMs: flags.lostAfterMs, onNotice, ...common });
        else await runLocalSweep(plan, output, { jobs, ...(threads === undefined ? {} : { threads }), ...common });
      } catch (err) {
        await output.finish('failed', err instanceof Error ? err.message : String(err));
        if (output.results.runs.length > 0) await writeSweepReport(output.results, flags.out).catch(() => undefined);
        if (err instanceof NoisenetError) throw new NoisenetError(`${err.message}; kept ${plural(output.results.runs.length, 'finished run')} in ${flags.out}: run the same command again to carry on`);
        throw err;
      }
      const { results } = output;
      const settled = results.runs.length + results.failed.length;
      await output.finish(signal?.aborted && settled < plan.runs.length ? 'interrupted' : 'complete');
      if (bar) bar.update({ planned: plan.runs.length, done: results.runs.length, earlier: earlier.length, running: 0, failed: results.failed.length }, true);
      const files = await writeSweepReport(results, flags.out, { png: flags.png });
      if (results.runs.length > 0) ctx.stdout.write(sweepTables(results));
      print(`\nWrote ${[`${flags.out}/${RESULTS_FILE}`, ...files].join(', ')}`);
      if (signal?.aborted && settled < plan.runs.length) {
        throw new Interrupted(`${WHERE}: interrupted; kept ${results.runs.length} of ${plan.runs.length} runs in ${flags.out}${target ? '; the other runs stay on the queue' : ''}: run the same command again to carry on`);
      }
      if (results.failed.length > 0) throw new NoisenetError(`${results.failed.length} of ${plan.runs.length} runs failed (first: ${results.failed[0]!.configuration} seed ${results.failed[0]!.seed}: ${results.failed[0]!.error}); the others are in ${flags.out}`);
    } finally {
      redis?.disconnect();
    }
  },
});

/**
 * The user's own data of a sweep (`--data PATH` or a config's `data`), read once here: its
 * SHA-256 goes into every run's settings, so that a worker reading other data at the path refuses it.
 */
async function ownSweepData(config: SweepConfig): Promise<{ loaded: LoadedData; config: OwnDataConfig; name: string; shape: RunDataShape; train: { count: number }; test: { count: number }; source: string; classes: readonly string[] }> {
  const { sha256: _planned, ...given } = config.data!;
  const loaded = await loadOwnData(given, config.dataSeed).catch((err: unknown) => {
    if (!(err instanceof ExperimentConfigError)) throw flagWording(err);
    // A setting the data does not take (a delimiter for images), named as the flag and the config field.
    const flag = runFields().find((r) => r.configKey === err.field)?.flag;
    throw new UsageError(`${WHERE}: ${flag === undefined ? err.field : `--${flag} (${err.field} in a config file)`} ${err.reason}`);
  });
  if (loaded.test === null) throw new UsageError(`${WHERE}: ${given.path} has no test split; give --val-split FRACTION (e.g. 0.2; data.valSplit in a config file) to hold out part of it for validation`);
  if (given.task === 'binary' && loaded.classes.length !== 2) throw new UsageError(`${WHERE}: --task binary takes a target of two classes; ${given.path} has ${loaded.task === 'regression' ? 'a continuous target (regression)' : loaded.classes.length}: use --task classification`);
  const task = loaded.task === 'regression' ? 'regression' as const : given.task === 'binary' ? 'binary' as const : undefined;
  const name = ownDataName(given.path);
  const shape = loaded.sampleShape;
  return {
    loaded,
    config: { ...given, sha256: await loadedDataDigest(loaded) },
    name,
    shape: { inputShape: [...shape], classes: loaded.classes.length, ...(task ? { task } : {}), ...(shape.length === 3 ? { imageShape: [shape[0]!, shape[1]!] as [number, number] } : {}) },
    train: { count: loaded.train.count },
    test: { count: loaded.test.count },
    source: loaded.source,
    classes: loaded.classes,
  };
}

async function showStatus(flags: SweepFlags, target: RedisTarget | undefined, ctx: CliContext): Promise<void> {
  if (target) {
    await checkRedis(target);
    let name = flags.overrides.name as string | undefined;
    if (name === undefined) {
      const found = await sweepConfig(flags).catch(() => null);
      if (!found) throw new UsageError(`${WHERE}: --status --queue needs the sweep's name: --name TEXT, or the --config FILE or flags it was submitted with`);
      name = found.nameGiven ? found.config.name : `noisenet sweep on ${found.datasetGiven ? found.config.dataset : 'mnist'}`;
    }
    ctx.stdout.write(formatStatus(await queueStatus(target, name), target.display));
    return;
  }
  if (!flags.outGiven) throw new UsageError(`${WHERE}: --status needs --queue URL or --out DIR`);
  ctx.stdout.write(formatStatus(await folderStatus(flags.out), flags.out));
}

/** What the Data line says of the training samples a sweep uses: `100 used: --train-size`, or the sizes searched. */
function sweepSizesUsed(trainSize: number | undefined, searched: readonly number[] | undefined): string | undefined {
  if (searched !== undefined && searched.length > 0) return `${searched.join(', ')} used, one size a run`;
  return trainSize === undefined ? undefined : `${trainSize} used: --train-size`;
}
