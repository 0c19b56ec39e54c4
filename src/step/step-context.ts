/**
 * What every part sees at every step of a run: whether it is training, the step and epoch, and
 * how long the run is. Layers, noise schedules, augmentations and optimizers read it. It depends
 * on nothing, so the lowest folders can use it.
 */

/** What a part sees at every step. */
export interface StepContext {
  /** True in the forward passes of `fit`: the only time noise is on. */
  readonly training: boolean;
  /** Optimizer steps taken before this one in the current `fit`. */
  readonly step: number;
  /** Zero-based epoch. */
  readonly epoch: number;
  /** Optimizer steps the current `fit` will take in all (set by `fit`; noise schedules read it). */
  readonly totalSteps?: number;
  /** Epochs the current `fit` will run (set by `fit`; noise schedules read it). */
  readonly totalEpochs?: number;
}
