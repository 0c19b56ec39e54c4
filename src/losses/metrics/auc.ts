/**
 * The area under the ROC curve of a binary model: the probability that a random positive
 * sample scores above a random negative one (ties count a half), computed exactly from the
 * ranks of every prediction since the last reset (Mann-Whitney), where Keras' `AUC`
 * approximates it with 200 thresholds. Targets above 0.5 are positives; the outputs of a
 * multi-label model are pooled. With one class only, the area is undefined: the result is NaN
 * and `undefinedBecause()` says so.
 */
import type { Backend, FloatArray } from '../../kernels/backend.js';
import type { BatchTargets } from '../../parts/loss.js';
import type { Metric } from '../../parts/metric.js';
import { defineMetric } from '../../parts/definitions.js';

/** The exact ROC AUC of `scores` against `positive` labels; NaN with one class. */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (positive[order[k]!]) {
        rankSum += rank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

class Auc implements Metric {
  readonly key = 'auc';
  private scores: number[] = [];
  private labels: boolean[] = [];

  reset(): void {
    this.scores = [];
    this.labels = [];
  }

  update(_backend: Backend, p: FloatArray, targets: BatchTargets, rows: number, cols: number): void {
    if (targets.kind !== 'dense') throw new Error('auc: expects target values 0 and 1, received class indices');
    for (let i = 0; i < rows * cols; i++) {
      this.scores.push(p[i]!);
      this.labels.push(targets.values[i]! > 0.5);
    }
  }

  result(): number {
    return rocAuc(this.scores, this.labels);
  }

  undefinedBecause(): string | null {
    const positives = this.labels.filter(Boolean).length;
    if (positives > 0 && positives < this.labels.length) return null;
    return `auc: every target is ${positives > 0 ? '1' : '0'} (${this.labels.length} samples), so the ROC area is undefined: it needs both classes`;
  }
}

export const AUC = defineMetric<Record<string, never>, 'auc'>({
  className: 'AUC',
  factory: 'auc',
  key: 'auc',
  aliases: [],
  summary: 'area under the ROC curve of a binary output (exact, from ranks)',
  hostOnly: 'ranks the predictions in JavaScript',
  options: {},
  create: () => new Auc(),
  tasks: ['binary'],
  better: 'higher',
});
