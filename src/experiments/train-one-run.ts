/**
 * Trains one run and records it: `fit` seeded by the run's seed and validated after every
 * epoch, the history with its generalization gap and best epoch, then the robustness curve and
 * the calibration on the validation set, then the robustness card (corruptions, adversarial and
 * certified accuracy on a seeded subset of the validation set; see run-card.ts).
 * `noisenet compare`, `noisenet sweep` (in-process, `--jobs` children and queue workers) and
 * the playground all train their runs here, so a run gives the same record wherever it trains.
 */
import type { Callback } from '../train/callback.js';
import type { FitOptions } from '../train/fit.js';
import type { Sequential } from '../models/sequential.js';
import type { ModelSpec } from '../models/model-spec.js';
import { type Tensor } from '../tensor/tensor.js';
import { sliceRows } from '../train/data-source.js';
import { errorCurve, robustnessCurve, type RobustnessPoint } from './robustness.js';
import { taskOf } from '../train/metric-set.js';
import { evaluateCalibration } from './calibration.js';
import { hostCopy } from './host-copy.js';
import { bestEpoch, withGap, type RunRecord } from './results.js';
import { measureCard, type CardSettings } from './run-card.js';
import { runTargets } from './run-targets.js';

export { runTargets } from './run-targets.js';
import type { RobustnessSettings } from './config.js';

/** The sets a run trains and validates on: labels as class indices. */
export interface RunData {
  train: { x: Tensor; y: Tensor };
  validation: { x: Tensor; y: Tensor };
  classes: readonly string[];
  /** A yes/no target (one sigmoid output) or a value (a regression); absent for classes. */
  task?: 'binary' | 'regression';
  imageShape?: [number, number];
  /** Layers the run's model gets right after its input (a Normalization adapted on the training set). */
  preprocessing?: ModelSpec['layers'];
}

/** A built run: its compiled model and the data-level options `fit` needs (augmentations, image shape). */
export interface RunToTrain {
  model: Sequential;
  fitOptions?: Pick<FitOptions, 'augment' | 'imageShape'>;
}

/** How long and from which seed a run trains, and how its robustness is measured. */
export interface TrainOneRunSettings {
  epochs: number;
  batchSize: number;
  /** Seed of the weights, the shuffles and the noise. */
  seed: number;
  robustness: RobustnessSettings;
  /** How the robustness card is measured after training (see run-card.ts); no card when absent or without measures. */
  card?: CardSettings;
}

/** Options of {@link trainOneRun}. */
export interface TrainOneRunOptions {
  /** Callbacks of `fit` (progress, pauses). */
  callbacks?: Callback[];
  /** Aborting stops the run after the current batch (`fit` and the robustness curve throw the abort). */
  signal?: AbortSignal;
  /** One-line warnings of `fit` (a loss that exploded). */
  warn?: (message: string) => void;
  /** Called when training ends, before the robustness is measured (awaited). */
  onTrained?: () => void | Promise<void>;
}

/** The fields of a {@link RunRecord} that training fills in, as every caller records them. */
export type TrainedFields = Pick<RunRecord, 'history' | 'bestEpoch' | 'robustness' | 'trainMs' | 'robustnessMs' | 'model' | 'calibration' | 'card' | 'cardMs'>;

/** What a trained run records: the record's trained fields, the backend and the epochs run. */
export interface TrainedRun extends TrainedFields {
  /** Name of the backend it trained on. */
  backend: string;
  /** Epochs trained: fewer than asked when the model was told to stop. */
  epochs: number;
}

/** The fields of `trained` that go into a run's record (compare's and a sweep's alike). */
export function trainedFields(trained: TrainedRun): TrainedFields {
  const { history, bestEpoch, robustness, trainMs, robustnessMs, model, calibration, card, cardMs } = trained;
  return { history, bestEpoch, robustness, trainMs, robustnessMs, model, ...(calibration ? { calibration } : {}), ...(card ? { card } : {}), ...(cardMs !== undefined ? { cardMs } : {}) };
}


/**
 * Trains `run` on `data` for `settings.epochs` epochs and measures its robustness and its card.
 * @throws InvalidArgumentError for settings that do not fit the data, TrainingError when the
 *   loss diverges, the abort reason when `signal` aborts.
 */
export async function trainOneRun(run: RunToTrain, data: RunData, settings: TrainOneRunSettings, options: TrainOneRunOptions = {}): Promise<TrainedRun> {
  const { model } = run;
  const { signal } = options;
  const classes = data.classes.length;
  const t0 = performance.now();
  const history = await model.fit(data.train.x, runTargets(model, data.train.y, classes), {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    seed: settings.seed,
    validationData: [data.validation.x, runTargets(model, data.validation.y, classes)],
    callbacks: [...(signal ? [{ onBatchEnd: () => signal.throwIfAborted() }] : []), ...(options.callbacks ?? [])],
    ...(options.warn ? { warn: options.warn } : {}),
    ...run.fitOptions,
  });
  const t1 = performance.now();
  await options.onTrained?.();
  // A model trained on a device backend is measured on a host copy: the measurements read predictions synchronously.
  const measured = await hostCopy(model);
  let robustness, calibration, card;
  try {
    robustness = await measureRobustness(measured.model, data, settings.robustness, signal);
    calibration = data.validation.x.count >= 2 && !isRegression(model) ? evaluateCalibration(measured.model, data.validation.x, data.validation.y) : undefined;
    card = settings.card && settings.card.measures.length > 0 ? await measureCard(measured.model, data, settings.card, signal) : undefined;
  } finally {
    measured.dispose();
  }
  return {
    history: withGap(history.history),
    bestEpoch: bestEpoch(history.history),
    robustness,
    trainMs: t1 - t0,
    robustnessMs: performance.now() - t1,
    model: model.getConfig(),
    ...(calibration ? { calibration } : {}),
    ...(card ? { card: card.card, cardMs: card.ms } : {}),
    backend: model.backend.name,
    epochs: history.epoch.length,
  };
}

/** Whether `model` was compiled for a regression (its robustness is an error, it has no calibration). */
export function isRegression(model: Sequential): boolean {
  return model.loss !== undefined && model.loss !== null && taskOf(model.loss, model.outputShape.reduce((a, b) => a * b, 1)) === 'regression';
}

/**
 * The robustness curve of a trained model on the validation set (its first `samples` rows when
 * asked): its accuracy under input noise, or a regression's RMSE under input noise.
 */
export function measureRobustness(model: Sequential, data: RunData, r: RobustnessSettings, signal?: AbortSignal): Promise<RobustnessPoint[]> {
  const x = robustnessRows(data, r);
  const y = sliceRows(data.validation.y, 0, x.count);
  return (isRegression(model) ? errorCurve : robustnessCurve)(model, x, y, { ...r, clip: r.clip ? { min: 0, max: 1 } : null, ...(signal ? { signal } : {}) });
}

/** The validation rows the robustness curve is measured on. */
export function robustnessRows(data: RunData, r: Pick<RobustnessSettings, 'samples'>): Tensor {
  return r.samples === undefined ? data.validation.x : sliceRows(data.validation.x, 0, Math.min(r.samples, data.validation.x.count));
}
