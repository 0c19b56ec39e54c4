/**
 * Mean absolute error: the mean over outputs of `|y - t|`. Its gradient is `sign(y - t) / cols`
 * (0 where the prediction equals the target, as TensorFlow's).
 */
import type { Loss } from '../parts/loss.js';
import { checkOptionKeys } from '../schema/option-keys.js';
import { defineLoss } from '../parts/definitions.js';
import { denseTargets } from './dense-targets.js';

export function meanAbsoluteError(options: Record<string, never> = {}): Loss {
  checkOptionKeys('meanAbsoluteError', options, []);
  return {
    name: 'meanAbsoluteError',
    sparse: false,
    fusesSoftmax: false,
    fromLogits: false,
    task: 'regression',
    compute(_backend, y, _logits, targets, rows, cols, grad, gradScale) {
      const t = denseTargets('meanAbsoluteError', targets);
      let total = 0;
      for (let i = 0; i < rows * cols; i++) {
        const d = y[i]! - t[i]!;
        total += Math.abs(d) / cols;
        if (grad) grad[i] = (Math.sign(d) / cols) * gradScale;
      }
      return total;
    },
    getConfig: () => ({}),
  };
}

export const MEAN_ABSOLUTE_ERROR = defineLoss<Record<string, never>, 'meanAbsoluteError'>({
  className: 'MeanAbsoluteError',
  factory: 'meanAbsoluteError',
  summary: 'mean over outputs of |y - t|; regression, less swayed by outliers than the squared error',
  hostOnly: 'computes the loss and its gradient in JavaScript',
  options: {},
  create: (o) => meanAbsoluteError(o),
  task: 'regression',
});
