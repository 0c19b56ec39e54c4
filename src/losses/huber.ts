/**
 * Huber loss (Huber 1964), as Keras': per output `0.5 d^2` where `|d| <= delta` and
 * `delta (|d| - 0.5 delta)` beyond, `d = y - t`, averaged over outputs. Squared error for small
 * errors, absolute error for large ones; its gradient is `d` clipped to `[-delta, delta]`.
 */
import type { Loss } from '../parts/loss.js';
import { number, type Schema } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLoss } from '../parts/definitions.js';
import { denseTargets } from './dense-targets.js';

export interface HuberOptions {
  /** Where the loss turns from quadratic to linear; default 1, as Keras. */
  delta?: number;
}

const HUBER_OPTIONS: Schema<HuberOptions> = {
  delta: number('error size where the loss turns from quadratic to linear', { default: 1, range: { min: 0, minExclusive: true } }),
};

export function huber(options: HuberOptions = {}): Loss {
  const delta = parseOptions('huber', HUBER_OPTIONS, options).delta!;
  return {
    name: 'huber',
    sparse: false,
    fusesSoftmax: false,
    fromLogits: false,
    task: 'regression',
    compute(_backend, y, _logits, targets, rows, cols, grad, gradScale) {
      const t = denseTargets('huber', targets);
      let total = 0;
      for (let i = 0; i < rows * cols; i++) {
        const d = y[i]! - t[i]!;
        const a = Math.abs(d);
        total += (a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta)) / cols;
        if (grad) grad[i] = (Math.max(-delta, Math.min(delta, d)) / cols) * gradScale;
      }
      return total;
    },
    getConfig: () => ({ delta }),
  };
}

export const HUBER = defineLoss<HuberOptions, 'huber'>({
  className: 'Huber',
  factory: 'huber',
  summary: 'squared error below delta, absolute error beyond; regression robust to outliers',
  hostOnly: 'computes the loss and its gradient in JavaScript',
  options: HUBER_OPTIONS,
  create: (o) => huber(o),
  task: 'regression',
});
