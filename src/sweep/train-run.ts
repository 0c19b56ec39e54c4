/**
 * One planned run of a sweep, built from its settings alone and trained by the one function
 * that trains and records runs (`experiments/train-one-run.ts`, as `noisenet compare` does),
 * the same in-process, in `--jobs` children and in queue workers.
 */
import { trainOneRun, trainedFields, type RunData } from '../experiments/train-one-run.js';
import { cardSettings } from '../experiments/run-card.js';
import { buildRun } from '../run/build-run.js';
import type { SweepRunSettings } from './plan.js';
import type { SweepRunRecord } from './sweep-results.js';

export type { RunData } from '../experiments/train-one-run.js';

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
  const shape = { inputShape: data.train.x.shape.slice(1), classes: data.classes.length, ...(data.task ? { task: data.task } : {}), imageShape: data.imageShape };
  // the baseline has no noise: a preset's own only when listed
  const { model, fitOptions } = buildRun(settings, shape, { presetNoise: 'listed', ...(data.preprocessing ? { preprocessing: data.preprocessing } : {}) });
  const trained = await trainOneRun({ model, fitOptions }, data, { ...settings, card: cardSettings(settings.robustness) }, {
    callbacks: [{ onEpochEnd: (e, logs) => options.onEpoch?.({ epoch: e + 1, epochs: settings.epochs, ...(logs?.val_accuracy === undefined ? {} : { valAccuracy: logs.val_accuracy }) }) }],
    ...(options.signal ? { signal: options.signal } : {}),
  }).finally(() => model.dispose()); // the next run reuses its memory
  return {
    id,
    configuration,
    noise: [...settings.noise],
    seed: settings.seed,
    ...trainedFields(trained),
    backend: trained.backend,
  };
}
