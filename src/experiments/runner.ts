/**
 * Runs a comparison experiment: every configuration trained once per seed on the same data,
 * each run's history, generalization gap and robustness curve recorded, and results.json
 * rewritten atomically after every run, so an interruption keeps every finished run.
 */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sequential } from '../models/sequential.js';
import type { Callback } from '../callbacks/callback.js';
import { adam } from '../optimizers/adam.js';
import { sgd } from '../optimizers/sgd.js';
import { sliceRows } from '../train/data-source.js';
import { noisenetVersion } from '../io/version.js';
import { NoisenetError } from '../errors.js';
import type { ConfigurationSpec, ExperimentConfig } from './config.js';
import { parseExperimentConfig, type ParseConfigOptions } from './config-parse.js';
import { loadExperimentData, type ExperimentData } from './data.js';
import { ProgressClock, type ExperimentProgress } from './progress.js';
import { robustnessCurve } from './robustness.js';
import { CHARTS_DIR, REPORT_FILE, RESULTS_FILE, RESULTS_FORMAT, RESULTS_VERSION, RUNS_DIR, bestEpoch, machineInfo, withGap, writeResults, type ExperimentResults, type RunRecord } from './results.js';

/** What {@link BuildRun} is told about the run it builds a model for. */
export interface BuildRunContext {
  configuration: ConfigurationSpec;
  seed: number;
  config: ExperimentConfig;
  /** Values per input sample, e.g. 784. */
  inputSize: number;
  /** Number of classes: the width of the softmax output. */
  classes: number;
}

/**
 * Builds the model of one run, e.g. from the configuration's noise specs. It may compile the
 * model (techniques that change the optimizer or the loss need to); an uncompiled model is
 * compiled with the config's optimizer and learning rate, sparse categorical cross-entropy and
 * accuracy. The runner seeds weights, shuffles and noise from the run's seed.
 */
export type BuildRun = (run: BuildRunContext) => Sequential | Promise<Sequential>;

export interface RunExperimentOptions {
  buildRun: BuildRun;
  /** The data to use; default `loadExperimentData(config)`. */
  data?: ExperimentData;
  /** Folder for results.json and runs/*.csv, written after every run; nothing is written without it. */
  outDir?: string;
  /** Overwrite a folder that already holds results.json (its results, report and CSVs are removed first). */
  force?: boolean;
  /** Progress after every batch, epoch and phase; see {@link ExperimentProgress}. */
  onProgress?: (p: ExperimentProgress) => void;
  /** Aborting stops the current run at once; finished runs are kept and the result has status `interrupted`. */
  signal?: AbortSignal;
  /** Validates noise specs when the config is checked again before any run. */
  validateNoise?: ParseConfigOptions['validateNoise'];
}

/** Refuses a folder with earlier results unless `force`, in which case the earlier output files are removed. */
export async function prepareOutDir(dir: string, force = false): Promise<void> {
  const exists = await access(join(dir, RESULTS_FILE)).then(() => true, () => false);
  if (exists && !force) throw new NoisenetError(`${join(dir, RESULTS_FILE)} already exists: choose another output folder or pass --force to overwrite it`);
  if (exists) for (const name of [RESULTS_FILE, REPORT_FILE, RUNS_DIR, CHARTS_DIR]) await rm(join(dir, name), { recursive: true, force: true });
}

/** Runs every (configuration, seed) pair, seed by seed; see {@link RunExperimentOptions}. */
export async function runExperiment(input: ExperimentConfig, options: RunExperimentOptions): Promise<ExperimentResults> {
  const config = parseExperimentConfig(input, 'config', options.validateNoise ? { validateNoise: options.validateNoise } : {});
  const { outDir, signal } = options;
  if (outDir !== undefined) await prepareOutDir(outDir, options.force);
  const data = options.data ?? (await loadExperimentData(config));
  const plan = config.seeds.flatMap((seed) => config.configurations.map((configuration) => ({ configuration, seed })));
  const robX = config.robustness.samples === undefined ? data.validation.x : sliceRows(data.validation.x, 0, Math.min(config.robustness.samples, data.validation.x.count));
  const robY = sliceRows(data.validation.y, 0, robX.count);
  const now = new Date().toISOString();
  const results: ExperimentResults = {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    status: 'running',
    config,
    dataset: { name: data.name, source: data.source, classes: data.classes, trainCount: data.train.x.count, validationCount: data.validation.x.count, robustnessCount: robX.count, inputSize: data.train.x.sampleSize },
    versions: { noisenet: noisenetVersion(), node: process.version, backend: 'unknown' },
    machine: machineInfo(),
    startedAt: now,
    updatedAt: now,
    plannedRuns: plan.length,
    runs: [],
  };
  const clock = new ProgressClock(plan.length * config.epochs);
  const emit = (p: Omit<ExperimentProgress, 'runs' | 'epochs' | 'total' | 'elapsedMs' | 'etaMs'>): void =>
    options.onProgress?.({ ...p, runs: plan.length, epochs: config.epochs, total: clock.total, ...clock.times(p.done) });
  const save = async (run?: RunRecord): Promise<void> => {
    results.updatedAt = new Date().toISOString();
    if (outDir !== undefined) await writeResults(outDir, results, run);
  };
  await save();
  try {
    for (const [i, { configuration, seed }] of plan.entries()) {
      if (signal?.aborted) break;
      const base = { run: i + 1, configuration: configuration.name, seed };
      const done = i * config.epochs;
      const model = await options.buildRun({ configuration, seed, config, inputSize: data.train.x.sampleSize, classes: data.classes.length });
      if (!model.loss) model.compile({ optimizer: config.optimizer === 'sgd' ? sgd({ learningRate: config.lr, momentum: config.momentum }) : adam({ learningRate: config.lr }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      if (!model.metrics.includes('accuracy')) model.metrics.push('accuracy');
      results.versions.backend = model.backend.name;
      let steps = 1;
      let epoch = 0;
      const tracker: Callback = {
        setParams: (p) => void (steps = p.steps),
        onEpochBegin: (e) => void (epoch = e),
        onBatchEnd: (b) => {
          signal?.throwIfAborted();
          emit({ ...base, event: 'batch', epoch: epoch + 1, done: done + epoch + (b + 1) / steps });
        },
        onEpochEnd: (e, logs) => emit({ ...base, event: 'epoch', epoch: e + 1, done: done + e + 1, logs }),
      };
      emit({ ...base, event: 'run', epoch: 1, done });
      const t0 = performance.now();
      const history = await model.fit(data.train.x, data.train.y, { epochs: config.epochs, batchSize: config.batchSize, seed, validationData: [data.validation.x, data.validation.y], callbacks: [tracker] });
      const t1 = performance.now();
      emit({ ...base, event: 'robustness', epoch: config.epochs, done: done + config.epochs });
      const robustness = await robustnessCurve(model, robX, robY, { ...config.robustness, clip: config.robustness.clip ? { min: 0, max: 1 } : null, ...(signal ? { signal } : {}) });
      const record: RunRecord = {
        configuration: configuration.name,
        noise: [...configuration.noise],
        seed,
        history: withGap(history.history),
        bestEpoch: bestEpoch(history.history),
        robustness,
        trainMs: t1 - t0,
        robustnessMs: performance.now() - t1,
        model: model.getConfig(),
      };
      results.runs.push(record);
      await save(record);
    }
  } catch (err) {
    if (!signal?.aborted) {
      results.status = 'failed';
      results.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await save();
      throw err;
    }
  }
  results.status = signal?.aborted ? 'interrupted' : 'complete';
  await save();
  emit({ run: results.runs.length, configuration: '', seed: 0, event: 'done', epoch: config.epochs, done: results.runs.length * config.epochs });
  return results;
}
