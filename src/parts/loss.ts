/**
 * A loss turns the model's output for a batch and its targets into a summed loss and the
 * gradient with respect to that output. Targets are either class indices (sparse) or one row
 * of values per sample (dense).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';

/** The targets of one batch. */
export type BatchTargets = { kind: 'sparse'; labels: Int32Array } | { kind: 'dense'; values: FloatArray };

/**
 * What a model learns, which follows from its loss: one class of several (`multiclass`),
 * yes or no per output (`binary`, targets 0 and 1), or values (`regression`).
 */
export type Task = 'multiclass' | 'binary' | 'regression';

export interface Loss {
  /** Name as Keras spells it in camelCase, e.g. `sparseCategoricalCrossentropy`. */
  readonly name: string;
  /** Whether targets are class indices. */
  readonly sparse: boolean;
  /**
   * Whether the loss takes over a final softmax: `compile` then makes the last layer stop at
   * the logits and the loss applies a fused, numerically stable softmax.
   */
  readonly fusesSoftmax: boolean;
  /** Whether the loss takes over a final sigmoid the same way (binary cross-entropy). */
  readonly fusesSigmoid?: boolean;
  /** Whether the loss expects logits even without a final softmax (`fromLogits`). */
  readonly fromLogits: boolean;
  /** The task the loss trains; `multiclass` when not given. */
  readonly task?: Task;
  /**
   * Summed loss over `rows` samples of `cols` outputs, given whether `output` holds logits;
   * writes `d loss / d output * gradScale` into `grad` when given.
   */
  compute(backend: Backend, output: FloatArray, logits: boolean, targets: BatchTargets, rows: number, cols: number, grad: FloatArray | null, gradScale: number): number;
  /**
   * Refuses targets this loss cannot train on before any work (a binary loss given a third
   * class), naming the row; `values` holds `cols` targets per row.
   */
  checkTargets?(values: ArrayLike<number>, cols: number, where: string): void;
  /** Options as JSON, for saving. */
  getConfig(): Record<string, unknown>;
}
