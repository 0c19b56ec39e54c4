/**
 * Accuracy, as Keras' `accuracy`: for several outputs, the fraction of samples whose largest
 * output is their class (for one-hot or soft targets, the target's largest value); for a
 * binary model, the fraction of outputs on the target's side of 0.5 (Keras' binary accuracy).
 * `binaryAccuracy` takes its own threshold.
 */
import type { Backend, FloatArray } from '../../kernels/backend.js';
import type { BatchTargets, Task } from '../../parts/loss.js';
import type { Metric } from '../../parts/metric.js';
import { number, type Schema } from '../../schema/fields.js';
import { defineMetric } from '../../parts/definitions.js';

/** Counts correct predictions over updates. */
class ArgmaxAccuracy implements Metric {
  readonly key = 'accuracy';
  private correct = 0;
  private seen = 0;

  reset(): void {
    this.correct = 0;
    this.seen = 0;
  }

  update(backend: Backend, p: FloatArray, targets: BatchTargets, rows: number, cols: number): void {
    this.seen += rows;
    if (targets.kind === 'sparse') {
      this.correct += backend.countCorrect(p, targets.labels, rows, cols);
      return;
    }
    const t = targets.values;
    for (let r = 0; r < rows; r++) {
      let a = 0;
      let b = 0;
      for (let j = 1; j < cols; j++) {
        if (p[r * cols + j]! > p[r * cols + a]!) a = j;
        if (t[r * cols + j]! > t[r * cols + b]!) b = j;
      }
      if (a === b) this.correct++;
    }
  }

  addCorrect(correct: number, rows: number): void {
    this.correct += correct;
    this.seen += rows;
  }

  result(): number {
    return this.seen === 0 ? NaN : this.correct / this.seen;
  }
}

/** The fraction of outputs whose prediction is above `threshold` exactly when the target is above 0.5. */
export class ThresholdAccuracy implements Metric {
  private correct = 0;
  private seen = 0;

  constructor(readonly key: string, readonly threshold: number) {}

  reset(): void {
    this.correct = 0;
    this.seen = 0;
  }

  update(_backend: Backend, p: FloatArray, targets: BatchTargets, rows: number, cols: number): void {
    if (targets.kind !== 'dense') throw new Error(`${this.key}: expects target values 0 and 1, received class indices`);
    const t = targets.values;
    for (let i = 0; i < rows * cols; i++) if (p[i]! > this.threshold === t[i]! > 0.5) this.correct++;
    this.seen += rows * cols;
  }

  result(): number {
    return this.seen === 0 ? NaN : this.correct / this.seen;
  }
}

export const ACCURACY = defineMetric<Record<string, never>, 'accuracy'>({
  className: 'Accuracy',
  factory: 'accuracy',
  key: 'accuracy',
  aliases: ['acc'],
  summary: 'fraction of samples classified right (the largest output; a binary output above 0.5)',
  options: {},
  create: (_o, task: Task) => (task === 'binary' ? new ThresholdAccuracy('accuracy', 0.5) : new ArgmaxAccuracy()),
  tasks: ['multiclass', 'binary'],
  better: 'higher',
});

export interface BinaryAccuracyOptions {
  /** A prediction above it counts as class 1; default 0.5. */
  threshold?: number;
}

const BINARY_ACCURACY_OPTIONS: Schema<BinaryAccuracyOptions> = {
  threshold: number('probability above which a prediction counts as class 1', { default: 0.5, range: { min: 0, max: 1 } }),
};

export const BINARY_ACCURACY = defineMetric<BinaryAccuracyOptions, 'binaryAccuracy'>({
  className: 'BinaryAccuracy',
  factory: 'binaryAccuracy',
  key: 'binary_accuracy',
  aliases: ['binary_accuracy'],
  summary: 'fraction of yes/no outputs on the right side of a threshold (default 0.5)',
  hostOnly: 'compares predictions with targets in JavaScript',
  options: BINARY_ACCURACY_OPTIONS,
  create: (o) => new ThresholdAccuracy('binary_accuracy', o.threshold ?? 0.5),
  tasks: ['binary'],
  better: 'higher',
});
