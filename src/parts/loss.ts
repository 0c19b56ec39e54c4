/**
 * A loss turns the model's output for a batch and its targets into a summed loss and the
 * gradient with respect to that output. Targets are either class indices (sparse) or one row
 * of values per sample (dense).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';

/** The targets of one batch. */
export type BatchTargets = { kind: 'sparse'; labels: Int32Array } | { kind: 'dense'; values: FloatArray };

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
  /** Whether the loss expects logits even without a final softmax (`fromLogits`). */
  readonly fromLogits: boolean;
  /**
   * Summed loss over `rows` samples of `cols` outputs, given whether `output` holds logits;
   * writes `d loss / d output * gradScale` into `grad` when given.
   */
  compute(backend: Backend, output: FloatArray, logits: boolean, targets: BatchTargets, rows: number, cols: number, grad: FloatArray | null, gradScale: number): number;
  /** Options as JSON, for saving. */
  getConfig(): Record<string, unknown>;
}
