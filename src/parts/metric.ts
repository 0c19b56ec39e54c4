/**
 * A metric summarises a model's predictions against their targets over many batches: it is
 * reset, updated batch by batch, and read once (an epoch's running value in `fit`, the whole
 * data in `evaluate`). Predictions are the model's outputs as `predict` returns them
 * (probabilities after a sigmoid or softmax, values for a regression).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from './loss.js';

export interface Metric {
  /** The key of its values in logs and histories: `accuracy`, `mae`. */
  readonly key: string;
  /** Forgets every update. */
  reset(): void;
  /** Adds a batch of `rows` predictions of `cols` outputs and their targets. */
  update(backend: Backend, predictions: FloatArray, targets: BatchTargets, rows: number, cols: number): void;
  /**
   * On a backend whose buffers live on a device, where `update` cannot read predictions: adds a
   * batch of `rows` of which `correct` had the largest output at their class index (the count
   * the engine queues with the loss). Only metrics the count gives have it (accuracy).
   */
  addCorrect?(correct: number, rows: number): void;
  /** The value over every update since the last reset; NaN when it is undefined there (see `why`). */
  result(): number;
  /** Why `result()` is NaN (an r2 on constant targets, an auc with one class); null when it is a number. */
  undefinedBecause?(): string | null;
}
