/**
 * Trains one planned run of a sweep from its settings alone, as the compare runner trains a
 * run: the one run builder, `fit` seeded by the run's seed, the history with its generalization
 * gap, and the robustness curve. The same function runs in-process, in `--jobs` children and in
 * queue workers, so a run gives the same record wherever it is trained.
 */
import type { Callback } from '../train/callback.js';
import type { Tensor } from '../tensor/tensor.js';
import { robustnessCurve } from '../experiments/robustness.js';
import { bestEpoch, withGap } from '../experiments/results.js';
import { buildRun } from '../run/build-run.js';
import { sliceRows } from '../train/data-source.js';
import type { SweepRunSettings } from './plan.js';
import type { SweepRunRecord } from './sweep-results.js';

/** The sets a run trains and validates on (an experiment's data: `experimentData` in Node). */
export interface RunData {
  train: { x: Tensor; y: Tensor };
  validation: { x: Tensor; y: Tensor };
  classes: readonly string[];
  imageShape?: [number, number];
}

/** Where a run is, after every epoch. */
export interface RunProgress {
  /** Epochs finished, out of `epochs`. */
  epoch: number;
  epochs: number;
  /** The finished epoch's `val_accuracy`. */
  valAccuracy?: number;
}

/** Options of {@link trainSweepRun}. */
export interface TrainSweepRunOptions {
  onEpoch?: (p: RunProgress) => void;
  /** Aborting stops the run after the current batch. */
  signal?: AbortSignal;
}

/**
 * Trains the run `id` with `settings` on `data` (the sets its dataset, sizes and data seed select).
 * @throws InvalidArgumentError for settings that do not build, TrainingError when the loss diverges.
 */
export async function trainSweepRun(id: string, configuration: string, settings: SweepRunSettings, data: RunData, options: TrainSweepRunOptions = {}): Promise<SweepRunRecord> {
  const shape = { inputShape: data.train.x.shape.slice(1), classes: data.classes.length, imageShape: data.imageShape };
  const { model, fitOptions } = buildRun(settings, shape);
  const { signal } = options;
  const tracker: Callback = {
    onBatchEnd: () => signal?.throwIfAborted(),
    onEpochEnd: (e, logs) => options.onEpoch?.({ epoch: e + 1, epochs: settings.epochs, ...(logs?.val_accuracy === undefined ? {} : { valAccuracy: logs.val_accuracy }) }),
  };
  const t0 = performance.now();
  const history = await model.fit(data.train.x, data.train.y, {
    epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed, validationData: [data.validation.x, data.validation.y], callbacks: [tracker], ...fitOptions,
  });
  const t1 = performance.now();
  const r = settings.robustness;
  const robX = r.samples === undefined ? data.validation.x : sliceRows(data.validation.x, 0, Math.min(r.samples, data.validation.x.count));
  const robY = sliceRows(data.validation.y, 0, robX.count);
  const robustness = await robustnessCurve(model, robX, robY, { ...r, clip: r.clip ? { min: 0, max: 1 } : null, ...(signal ? { signal } : {}) });
  return {
    id,
    configuration,
    noise: [...settings.noise],
    seed: settings.seed,
    history: withGap(history.history),
    bestEpoch: bestEpoch(history.history),
    robustness,
    trainMs: t1 - t0,
    robustnessMs: performance.now() - t1,
    model: model.getConfig(),
    backend: model.backend.name,
  };
}
