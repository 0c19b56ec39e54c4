/**
 * Callbacks: hooks `fit` calls at the start and end of training, of every epoch and of every
 * batch, with the logs so far (`loss`, `accuracy`, and after an epoch `val_loss`,
 * `val_accuracy`). A hook may return a promise; `fit` waits for it.
 */
import type { Trainable } from './trainable.js';

/** Metric values by name, e.g. `{ loss: 0.25, accuracy: 0.92 }`. */
export type Logs = Record<string, number>;

/** What `fit` was asked to do, given to callbacks before training starts. */
export interface FitParams {
  /** The epoch training ends at (exclusive). */
  epochs: number;
  /** The epoch training starts at (0 unless resumed). */
  initialEpoch: number;
  /** Optimizer steps per epoch. */
  steps: number;
  samples: number;
  batchSize: number;
  seed: number;
  /** Whether validation metrics are computed after each epoch. */
  validation: boolean;
}

/** A callback's state, as a checkpoint keeps it: JSON values and, when it keeps weights, the arrays. */
export interface CallbackState {
  values: Record<string, unknown>;
  weights?: Float32Array[];
}

/** Where a resumed `fit` starts: the next epoch to run, and whether the run had already finished. */
export interface ResumePoint {
  epoch: number;
  complete: boolean;
}

type Hook<A extends unknown[]> = (...args: A) => void | Promise<void>;

export interface Callback {
  setModel?(model: Trainable): void;
  setParams?(params: FitParams): void;
  onTrainBegin?: Hook<[logs: Logs]>;
  onTrainEnd?: Hook<[logs: Logs]>;
  onEpochBegin?: Hook<[epoch: number, logs: Logs]>;
  onEpochEnd?: Hook<[epoch: number, logs: Logs]>;
  onBatchBegin?: Hook<[batch: number, logs: Logs]>;
  onBatchEnd?: Hook<[batch: number, logs: Logs]>;
  /** Given every callback of the `fit` (History first), before training starts. */
  setCallbacks?(callbacks: readonly Callback[]): void;
  /**
   * Called by `fit` after `onTrainBegin`: a callback that restores a previous run (backupAndRestore)
   * puts back its state and returns where to resume; null to start at `initialEpoch`.
   */
  resume?(): Promise<ResumePoint | null>;
  /** The state a checkpoint keeps for this callback (early stopping's best value and patience); null when it has none yet. */
  getState?(): CallbackState | null;
  /** Restores a state {@link getState} returned. */
  setState?(state: CallbackState): void;
}

/** Calls a hook on every callback in order, waiting for the ones that return promises. */
export async function callAll<K extends 'onTrainBegin' | 'onTrainEnd'>(callbacks: readonly Callback[], hook: K, logs: Logs): Promise<void>;
export async function callAll<K extends 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>(callbacks: readonly Callback[], hook: K, index: number, logs: Logs): Promise<void>;
export async function callAll(callbacks: readonly Callback[], hook: keyof Callback, ...args: unknown[]): Promise<void> {
  for (const cb of callbacks) {
    const fn = cb[hook] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) continue;
    const result = fn.apply(cb, args);
    if (result instanceof Promise) await result;
  }
}
