/** Mean squared error: the mean over outputs of `(y - t)^2`, summed over the batch by the caller's scale. */
import type { Loss } from '../parts/loss.js';
import { ShapeError } from '../errors.js';
import { checkOptionKeys } from '../schema/option-keys.js';

export function meanSquaredError(options: Record<string, never> = {}): Loss {
  checkOptionKeys('meanSquaredError', options, []);
  return {
    name: 'meanSquaredError',
    sparse: false,
    fusesSoftmax: false,
    fromLogits: false,
    compute(_backend, y, _logits, targets, rows, cols, grad, gradScale) {
      if (targets.kind !== 'dense') throw new ShapeError('meanSquaredError: expects target rows of values, received class indices');
      const t = targets.values;
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
