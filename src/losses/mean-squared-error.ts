/** Mean squared error: the mean over outputs of `(y - t)^2`, summed over the batch by the caller's scale. */
import type { Loss } from '../parts/loss.js';
import { checkOptionKeys } from '../schema/option-keys.js';
import { defineLoss } from '../parts/definitions.js';
import { denseTargets } from './dense-targets.js';

export function meanSquaredError(options: Record<string, never> = {}): Loss {
  checkOptionKeys('meanSquaredError', options, []);
  return {
    name: 'meanSquaredError',
    sparse: false,
    fusesSoftmax: false,
    fromLogits: false,
    task: 'regression',
    compute(_backend, y, _logits, targets, rows, cols, grad, gradScale) {
      const t = denseTargets('meanSquaredError', targets);
      let total = 0;
      for (let i = 0; i < rows * cols; i++) {
        const d = y[i]! - t[i]!;
        total += (d * d) / cols;
        if (grad) grad[i] = ((2 * d) / cols) * gradScale;
      }
      return total;
    },
    getConfig: () => ({}),
  };
}

export const MEAN_SQUARED_ERROR = defineLoss<Record<string, never>, 'meanSquaredError'>({
  className: 'MeanSquaredError',
  factory: 'meanSquaredError',
  summary: 'mean over outputs of (y - t)^2; regression',
  hostOnly: 'computes the loss and its gradient in JavaScript',
  options: {},
  create: (o) => meanSquaredError(o),
  task: 'regression',
});
