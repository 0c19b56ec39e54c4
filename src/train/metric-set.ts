/**
 * The metrics of one pass over data (an epoch of `fit`, its validation, an `evaluate`): made
 * from the compiled names for the model's task, updated by the engine batch by batch, read into
 * logs under Keras' keys (`mae`, `val_mae`).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { BatchTargets, Loss, Task } from '../parts/loss.js';
import type { Metric } from '../parts/metric.js';
import { createMetrics } from '../losses/metrics/index.js';
import { InvalidArgumentError } from '../errors.js';

/**
 * The task of a model compiled with `loss` with `outputs` outputs: the loss's own (multiclass
 * for a loss that does not say), except that a regression loss over several outputs scores a
 * classifier's probabilities against one-hot targets (MNIST trained with mean squared error),
 * a multiclass task.
 */
export function taskOf(loss: Loss, outputs = 1): Task {
  const task = loss.task ?? 'multiclass';
  return task === 'regression' && outputs > 1 ? 'multiclass' : task;
}

export class MetricSet {
  constructor(readonly metrics: readonly Metric[]) {}

  /**
   * The compiled metrics of a model with `outputs` outputs; `withAccuracy` adds accuracy for a
   * classifier that did not compile it (`evaluate` always reports it there).
   */
  static of(compiled: { readonly loss: Loss; readonly metrics: readonly string[] }, outputs: number, withAccuracy = false): MetricSet {
    const task = taskOf(compiled.loss, outputs);
    const names = [...compiled.metrics];
    if (withAccuracy && task !== 'regression' && !names.includes('accuracy')) names.unshift('accuracy');
    return new MetricSet(createMetrics(names, task, outputs, compiled.loss.name));
  }

  /**
   * Refuses, before any work, target values on which a metric is undefined whatever the model
   * predicts (r2 of constant targets, auc of one class), saying why; `where` names the data.
   */
  checkTargets(backend: Backend, values: FloatArray, rows: number, cols: number, where: string): void {
    if (!this.metrics.some((m) => m.undefinedBecause)) return;
    this.reset();
    this.update(backend, values, { kind: 'dense', values }, rows, cols);
    const why = this.undefinedBecause();
    this.reset();
    if (why) throw new InvalidArgumentError(`${where}: ${why}`);
  }

  reset(): void {
    for (const m of this.metrics) m.reset();
  }

  update(backend: Backend, predictions: FloatArray, targets: BatchTargets, rows: number, cols: number): void {
    for (const m of this.metrics) m.update(backend, predictions, targets, rows, cols);
  }

  /** A batch's correct count and rows, as a device backend reads them back (see `Metric.addCorrect`). */
  addCorrect(correct: number, rows: number): void {
    for (const m of this.metrics) {
      if (!m.addCorrect) throw new Error(`metric ${m.key}: no device form (see Metric.addCorrect)`);
      m.addCorrect(correct, rows);
    }
  }

  /** Every metric's value under its key, prefixed (`val_`). */
  results(prefix = ''): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of this.metrics) out[prefix + m.key] = m.result();
    return out;
  }

  /** The first reason a metric is undefined on what it saw (constant targets for r2, one class for auc); null when every one is defined. */
  undefinedBecause(): string | null {
    for (const m of this.metrics) {
      const why = m.undefinedBecause?.() ?? null;
      if (why) return why;
    }
    return null;
  }
}
