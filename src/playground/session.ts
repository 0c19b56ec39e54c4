/**
 * One playground run: the baseline and the noisy model trained side by side on the same data,
 * epoch by epoch in turn, exactly as `noisenet compare` trains the two configurations of the same
 * experiment (same data selection, run builder, seed and `fit` options; resuming `fit` at each
 * epoch continues every shuffle, noise draw and schedule as one uninterrupted run would). Then
 * the robustness curve of each, and the record in the `compare` results format.
 */
import type { Backend } from '../kernels/backend.js';
import type { Logs } from '../train/callback.js';
import type { Sequential } from '../models/sequential.js';
import { parseExperimentConfig } from '../experiments/config-parse.js';
import type { ExperimentConfig, OwnDataConfig } from '../experiments/config.js';
import { loadedDataRecord, type LoadedDataRecord } from '../data/loaded-data-record.js';
import type { ExperimentData } from '../experiments/experiment-data.js';
import type { DataSplit, LoadedData } from '../data/loaded-data.js';
import type { Dataset, ImageSplit } from '../data/types.js';
import { makeRun, type FactoryRun } from '../experiments/run-factory.js';
import { specRunFactory, validateNoiseSpec } from '../experiments/spec-run-factory.js';
import type { RobustnessPoint } from '../experiments/robustness.js';
import { RESULTS_FORMAT, RESULTS_VERSION, type ExperimentResults, type RunRecord } from '../experiments/results.js';
import { robustnessRows, trainOneRun, trainedFields } from '../experiments/train-one-run.js';
import { summarizeRuns } from '../experiments/summary.js';
import { robustnessCards } from '../experiments/robustness-card.js';
import { cardSettings } from '../experiments/run-card.js';
import { defaultLoss } from '../run/build-run.js';
import type { Task } from '../parts/loss.js';
import { Tensor } from '../tensor/tensor.js';
import { noisenetVersion } from '../io/version.js';
import { DATASET_NAMES } from '../data/dataset-names.js';
import { probeInputs, type SeenInputs } from './input-probe.js';
import type { PlaygroundSettings } from './settings.js';
import { countsOf, isOwnData, playgroundExperimentData, taskOfData, type PlaygroundData } from './playground-data.js';

/** The two models of a run. */
export type Arm = 'baseline' | 'noisy';
export const ARMS: readonly Arm[] = ['baseline', 'noisy'];

/** Where the run happens, for the results' `versions` and `machine`. */
export interface SessionEnvironment {
  /** The JavaScript runtime, e.g. the browser's user agent. */
  runtime: string;
  machine: ExperimentResults['machine'];
}

/** What a session reports while it runs. */
export interface SessionEvents {
  /** After every batch: training steps done and in all (both models). */
  progress?(p: { arm: Arm; epoch: number; done: number; total: number }): void;
  /** After every epoch of either model. */
  epoch?(e: { arm: Arm; epoch: number; logs: Logs }): void;
  /** The first rows of each epoch's first batch, as the model's first weight layer received them. */
  seen?(s: { arm: Arm; seen: SeenInputs }): void;
  /** Before the robustness of a model is measured. */
  measuring?(m: { arm: Arm; samples: number }): void;
  robustness?(r: { arm: Arm; points: RobustnessPoint[] }): void;
  /** After a regression model's robustness: its predictions of the validation rows shown (at most {@link SCATTER_ROWS}) against their true values. */
  predictions?(p: { arm: Arm; truth: number[]; predicted: number[] }): void;
}

/** Validation rows a regression's predicted-against-true scatter shows at most. */
export const SCATTER_ROWS = 500;

/**
 * Validation samples the robustness card is measured on (a seeded subset): fewer than
 * `noisenet compare`'s default, so that the card adds seconds, not minutes, to a run in a page.
 */
export const PLAYGROUND_CARD_SAMPLES: Readonly<Record<string, number>> = { default: 200, convnet: 100, resnet: 30 };

/** Options of {@link PlaygroundSession.create}. */
export interface SessionOptions {
  /** Backend of both models; default the registry's current one. */
  backend?: Backend;
  environment: SessionEnvironment;
  events?: SessionEvents;
  /** Rows of each epoch's first batch reported to `events.seen`; default 16. */
  seenRows?: number;
}

/**
 * Smaller validation and robustness sets for models whose forward pass is slow (the convnet, ResNet-20):
 * validation after every epoch, and robustness at 5 noise levels, would take minutes on the
 * full 2,000 images. Recorded in the results' config, so `noisenet compare` reruns the same.
 */
const EVALUATION: Readonly<Record<string, { valSize: number; samples: number; draws: number }>> = {
  convnet: { valSize: 500, samples: 500, draws: 1 },
  resnet: { valSize: 500, samples: 200, draws: 1 },
};

/**
 * The `data` of a configuration that reads own data as the page read it, as `noisenet compare
 * --data` writes it: the file or folder by its name (`noisenet compare --config results.json`
 * reads it there), the table's target and task, the validation share when one was held out
 * (seeded as `dataSeed` seeds it); absent for data the command cannot read so (loose images
 * named by class, IDX files). And the record of the data given on the page (kind, shape,
 * classes, counts, preprocessing, SHA-256), `dataset.data` in the results; absent for the
 * built-in datasets and where the page has no Web Crypto (a page served over plain HTTP from
 * another machine: Web Crypto is for secure contexts only).
 */
export async function ownDataOfPage(d: PlaygroundData): Promise<{ data?: OwnDataConfig; record?: LoadedDataRecord }> {
  if (!isOwnData(d) && (DATASET_NAMES as readonly string[]).includes(d.name)) return {};
  const loaded = isOwnData(d) ? d.loaded : loadedOfDataset(d);
  const record = globalThis.crypto?.subtle ? await loadedDataRecord(loaded) : undefined;
  if (!isOwnData(d) || d.path === undefined) return record ? { record } : {};
  const data: OwnDataConfig = {
    path: d.path,
    ...(d.target === undefined ? {} : { target: d.target }),
    ...(d.channels === undefined ? {} : { channels: d.channels }),
    ...(loaded.validationSplit ? { valSplit: loaded.validationSplit.fraction } : {}),
    ...(loaded.kind === 'table' ? { task: d.binary ? 'binary' : loaded.task } : {}),
  };
  return { data, ...(record ? { record } : {}) };
}

/** Grey images given on the page (IDX files, loose images named by class) as a loader's data: bytes, class indices as Int32, as `--data` reads IDX. */
function loadedOfDataset(d: Dataset): LoadedData {
  const split = (s: ImageSplit): DataSplit => ({ x: s.images, y: Int32Array.from(s.labels), count: s.count });
  return {
    kind: d.name === 'own IDX files' ? 'idx' : 'images',
    source: d.source,
    task: 'classification',
    sampleShape: [d.train.height, d.train.width, 1],
    xScale: 1 / 255,
    classes: d.classes,
    train: split(d.train),
    test: split(d.test),
    preprocessing: [],
    warnings: [],
  };
}

/**
 * The experiment configuration of playground settings: two configurations, one seed. The loss
 * is left to the task (`task`: what the data's target is) when the settings keep the default
 * or name the task's own default loss. `own`, the `data` of own data (see {@link ownDataOfPage}),
 * makes it a configuration of own data, as `noisenet compare --data` writes one.
 */
export function playgroundConfig(settings: PlaygroundSettings, datasetName: string, counts?: { train: number; validation: number }, task: Task = 'multiclass', own?: OwnDataConfig): ExperimentConfig {
  const known = (DATASET_NAMES as readonly string[]).includes(datasetName);
  const evaluation = EVALUATION[settings.model];
  // Own data may be smaller than the defaults: at most all of it (counts are given for own data only).
  const small = evaluation && counts ? { ...evaluation, valSize: Math.min(evaluation.valSize, counts.validation), samples: Math.min(evaluation.samples, counts.validation) } : evaluation;
  const trainSize = counts ? Math.min(settings.trainSize, counts.train) : settings.trainSize;
  const config = parseExperimentConfig(
    {
      name: 'noisenet playground',
      model: settings.model,
      ...(known ? { dataset: datasetName } : {}),
      ...(own ? { data: own } : {}),
      trainSize,
      ...(small ? { valSize: small.valSize } : {}),
      robustness: { ...(small ? { samples: small.samples, draws: small.draws } : {}), cardSamples: PLAYGROUND_CARD_SAMPLES[settings.model] ?? PLAYGROUND_CARD_SAMPLES.default! },
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      optimizer: settings.optimizer,
      lr: settings.lr,
      ...(settings.loss === 'sparseCategoricalCrossentropy' || settings.loss === defaultLoss(task) ? {} : { loss: settings.loss }),
      seeds: [settings.seed],
      baseline: 'baseline',
      configurations: [
        { name: 'baseline', noise: [] },
        { name: settings.noise.join(' + '), noise: [...settings.noise] },
      ],
    },
    'playground settings',
    { validateNoise: validateNoiseSpec },
  );
  return known || own ? config : { ...config, dataset: datasetName };
}

export class PlaygroundSession {
  private readonly histories: Record<Arm, Record<string, number[]>> = { baseline: {}, noisy: {} };
  private readonly trainMs: Record<Arm, number> = { baseline: 0, noisy: 0 };
  private readonly records: RunRecord[] = [];
  private readonly startedAt = new Date().toISOString();
  private pausedResolve: (() => void) | null = null;
  private pauseAsked = false;
  private stopAsked = false;
  private readonly steps: number;

  private constructor(
    readonly config: ExperimentConfig,
    readonly data: ExperimentData,
    readonly dataset: PlaygroundData,
    readonly runs: Record<Arm, FactoryRun>,
    private readonly options: SessionOptions,
  ) {
    this.steps = Math.ceil(data.train.x.count / config.batchSize);
    const rows = options.seenRows ?? 16;
    for (const arm of ARMS) {
      // On a device backend (webgpu) the batch lives on the GPU: its host copy is not current during the step, so nothing is shown.
      if (runs[arm].model.backend.device) continue;
      probeInputs(runs[arm].model, rows, (ctx) => ctx.step % this.steps === 0, (seen) => options.events?.seen?.({ arm, seen }));
    }
  }

  /**
   * Checks the settings against the data and builds both models.
   * @throws ExperimentConfigError naming the setting (a training-set size beyond the data, a noise spec that does not fit the model).
   */
  static async create(settings: PlaygroundSettings, dataset: PlaygroundData, options: SessionOptions): Promise<PlaygroundSession> {
    const own = await ownDataOfPage(dataset);
    const config = playgroundConfig(settings, dataset.name, isOwnData(dataset) ? countsOf(dataset) : undefined, taskOfData(dataset), own.data);
    const data = { ...playgroundExperimentData(dataset, config), ...(own.record ? { dataRecord: own.record } : {}) };
    const factory = specRunFactory(options.backend ? { backend: options.backend } : {});
    const build = (i: number): Promise<FactoryRun> =>
      makeRun(factory, { configuration: config.configurations[i]!, seed: config.seeds[0]!, config, inputShape: data.train.x.shape.slice(1), classes: data.classes.length, ...(data.task ? { task: data.task } : {}), ...(data.imageShape ? { imageShape: data.imageShape } : {}), ...(data.preprocessing ? { preprocessing: data.preprocessing } : {}) });
    const runs = { baseline: await build(0), noisy: await build(1) };
    return new PlaygroundSession(config, data, dataset, runs, options);
  }

  /** The model of `arm`. */
  model(arm: Arm): Sequential {
    return this.runs[arm].model;
  }

  /** Gives both arms' models back to their backend; the session cannot train or predict afterwards. */
  dispose(): void {
    for (const arm of ARMS) this.runs[arm].model.dispose();
  }

  /** Epochs finished by both models. */
  get epochsDone(): number {
    return Math.min(...ARMS.map((a) => this.histories[a].loss?.length ?? 0));
  }

  /** Pauses after the epoch in progress (of either model); `resume()` goes on. */
  pause(): void {
    this.pauseAsked = true;
  }

  resume(): void {
    this.pauseAsked = false;
    this.pausedResolve?.();
    this.pausedResolve = null;
  }

  /** Ends the run after the epoch in progress; `run()` then resolves with status `interrupted`. */
  stop(): void {
    this.stopAsked = true;
    this.resume();
  }

  /**
   * Trains both models for the configured epochs (epoch e of the baseline, then of the noisy
   * model), then measures their robustness. Each model is one run of the function that trains
   * and records every run (`trainOneRun`, as `noisenet compare` trains it); the two take turns
   * at epoch ends. `onPause` is called when a pause takes effect.
   */
  async run(onPause?: () => void): Promise<ExperimentResults> {
    const { config, data } = this;
    const seed = config.seeds[0]!;
    const total = this.steps * config.epochs * ARMS.length;
    // Turns: epoch e of arm i is turn 2e + i; then the robustness of each arm, in arm order.
    let turn = 0;
    const waiting = new Map<number, () => void>();
    const halt = new AbortController();
    const myTurn = (k: number): Promise<void> => {
      halt.signal.throwIfAborted();
      return k === turn ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(k, resolve));
    };
    const pass = async (): Promise<void> => {
      if (this.pauseAsked && !this.stopAsked) {
        onPause?.();
        await new Promise<void>((resolve) => (this.pausedResolve = resolve));
      }
      if (this.stopAsked) {
        halt.abort(new Error('stopped'));
        for (const resolve of waiting.values()) resolve();
        halt.signal.throwIfAborted();
      }
      turn++;
      waiting.get(turn)?.();
      waiting.delete(turn);
    };
    const train = async (arm: Arm, i: number): Promise<RunRecord> => {
      const { model, fitOptions } = this.runs[arm];
      let began = 0;
      let before = 0;
      let current = 0;
      const trained = await trainOneRun({ model, ...(fitOptions ? { fitOptions } : {}) }, data, { epochs: config.epochs, batchSize: config.batchSize, seed, robustness: config.robustness, card: cardSettings(config.robustness) }, {
        signal: halt.signal,
        callbacks: [
          {
            onEpochBegin: async (epoch) => {
              await myTurn(epoch * ARMS.length + i);
              halt.signal.throwIfAborted();
              current = epoch;
              before = (epoch * ARMS.length + i) * this.steps;
              began = performance.now();
            },
            onBatchEnd: (b) => this.options.events?.progress?.({ arm, epoch: current, done: before + b + 1, total }),
            onEpochEnd: async (epoch, logs) => {
              this.trainMs[arm] += performance.now() - began;
              for (const [k, v] of Object.entries(logs)) (this.histories[arm][k] ??= []).push(v);
              this.options.events?.epoch?.({ arm, epoch, logs: { ...logs } });
              await pass();
            },
          },
        ],
        onTrained: async () => {
          await myTurn(config.epochs * ARMS.length + i);
          this.options.events?.measuring?.({ arm, samples: robustnessRows(data, config.robustness).count });
        },
      });
      // Both models live in one backend: the step buffers kept for every batch size measured (ResNet-20 with Shake-Shake: gigabytes) go back before the other model measures.
      for (const layer of model.layers) layer.releaseStepBuffers();
      this.options.events?.robustness?.({ arm, points: trained.robustness });
      if (data.task === 'regression') this.options.events?.predictions?.({ arm, ...this.predictions(arm) });
      const configuration = config.configurations[i]!;
      const record: RunRecord = {
        configuration: configuration.name,
        noise: [...configuration.noise],
        seed,
        ...trainedFields(trained),
        trainMs: this.trainMs[arm],
      };
      this.records.push(record);
      turn++;
      waiting.get(turn)?.();
      return record;
    };
    try {
      await Promise.all(ARMS.map((arm, i) => train(arm, i)));
    } catch (err) {
      if (halt.signal.aborted) {
        this.records.length = 0;
        return this.results('interrupted');
      }
      halt.abort(err);
      for (const resolve of waiting.values()) resolve();
      throw err;
    }
    return this.results('complete');
  }

  /** The model's output probabilities for one input sample (values as the model takes them, e.g. pixels in [0, 1]). */
  probabilities(arm: Arm, input: Float32Array): number[] {
    const shape = this.data.train.x.shape.slice(1);
    const size = this.data.train.x.sampleSize;
    return Array.from(this.model(arm).predict(new Tensor(input.subarray(0, size), [1, ...shape])).data);
  }

  /** The first validation rows (at most {@link SCATTER_ROWS}): their true values and `arm`'s one-output predictions. */
  predictions(arm: Arm): { truth: number[]; predicted: number[] } {
    const { x, y } = this.data.validation;
    const n = Math.min(SCATTER_ROWS, x.count);
    const rows = new Tensor(x.data.subarray(0, n * x.sampleSize), [n, ...x.shape.slice(1)], x.scale);
    const out = this.model(arm).predict(rows).data;
    return { truth: Array.from({ length: n }, (_, i) => y.at(i)), predicted: Array.from(out.subarray(0, n)) };
  }

  /** The run in the `compare` results format: finished runs only (both once robustness is measured). */
  results(status: ExperimentResults['status']): ExperimentResults {
    const { config, data, options } = this;
    const results: ExperimentResults = {
      format: RESULTS_FORMAT,
      version: RESULTS_VERSION,
      status,
      config,
      dataset: {
        name: data.name,
        source: data.source,
        classes: data.classes,
        trainCount: data.train.x.count,
        validationCount: data.validation.x.count,
        robustnessCount: Math.min(config.robustness.samples ?? Infinity, data.validation.x.count),
        inputSize: data.train.x.sampleSize,
        task: data.task ?? 'multiclass',
        ...(data.dataRecord ? { data: data.dataRecord } : {}),
      },
      versions: { noisenet: noisenetVersion(), node: options.environment.runtime, backend: this.model('baseline').backend.name },
      machine: options.environment.machine,
      startedAt: this.startedAt,
      updatedAt: new Date().toISOString(),
      plannedRuns: ARMS.length,
      runs: [...this.records],
    };
    results.summary = summarizeRuns(results);
    results.cards = robustnessCards(results);
    return results;
  }
}
