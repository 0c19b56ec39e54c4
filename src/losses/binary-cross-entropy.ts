/**
 * Binary cross-entropy, as Keras': per output `-(t log p + (1 - t) log(1 - p))`, averaged over
 * outputs, for targets in [0, 1] (0 and 1 for a yes/no task, one column per independent label).
 * With a final sigmoid (or `fromLogits`) the sigmoid and the logs are fused into
 * `max(z, 0) - z t + log(1 + e^-|z|)` on the logit `z`, exact for logits of any size, whose
 * gradient is `sigmoid(z) - t`. On probabilities from any other activation, they are clipped
 * to `[1e-7, 1 - 1e-7]` before the logs, as Keras does.
 */
import type { Loss } from '../parts/loss.js';
import { boolean, number, type Schema } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLoss } from '../parts/definitions.js';
import { invalid } from '../errors.js';
import { denseTargets } from './dense-targets.js';

export interface BinaryCrossentropyOptions {
  /** Whether the model outputs logits rather than probabilities; default false. */
  fromLogits?: boolean;
  /** Label smoothing epsilon in [0, 1): targets become `(1 - eps) t + eps / 2`, as Keras. */
  labelSmoothing?: number;
}

const EPS = 1e-7;

const BINARY_CROSSENTROPY_OPTIONS: Schema<BinaryCrossentropyOptions> = {
  fromLogits: boolean('whether the model outputs logits rather than probabilities', { default: false }),
  labelSmoothing: number('label smoothing epsilon: targets become (1 - eps) t + eps / 2', { default: 0, range: { min: 0, max: 1, maxExclusive: true } }),
};

/** `log(1 + e^x)` without overflow or loss of precision. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Binary cross-entropy against targets in [0, 1]. */
export function binaryCrossentropy(options: BinaryCrossentropyOptions = {}): Loss {
  const o = parseOptions('binaryCrossentropy', BINARY_CROSSENTROPY_OPTIONS, options) as Required<BinaryCrossentropyOptions>;
  const { fromLogits, labelSmoothing } = o;
  return {
    name: 'binaryCrossentropy',
    sparse: false,
    fusesSoftmax: false,
    fusesSigmoid: !fromLogits,
    fromLogits,
    task: 'binary',
    compute(_backend, out, logits, targets, rows, cols, grad, gradScale) {
      const values = denseTargets('binaryCrossentropy', targets);
      let total = 0;
      for (let i = 0; i < rows * cols; i++) {
        const t = values[i]! * (1 - labelSmoothing) + 0.5 * labelSmoothing;
        if (logits) {
          const z = out[i]!;
          // -(t log s(z) + (1 - t) log(1 - s(z))) = t softplus(-z) + (1 - t) softplus(z)
          total += (t * softplus(-z) + (1 - t) * softplus(z)) / cols;
          if (grad) grad[i] = ((1 / (1 + Math.exp(-z)) - t) / cols) * gradScale;
        } else {
          const raw = out[i]!;
          const p = Math.min(Math.max(raw, EPS), 1 - EPS);
          total -= (t * Math.log(p) + (1 - t) * Math.log(1 - p)) / cols;
          if (grad) grad[i] = raw > EPS && raw < 1 - EPS ? ((p - t) / (p * (1 - p)) / cols) * gradScale : 0;
        }
      }
      return total;
    },
    checkTargets(values, cols, where) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!(v >= 0 && v <= 1)) {
          throw invalid(where, `row ${Math.floor(i / cols)}${cols > 1 ? `, column ${i % cols}` : ''}`, 'a binary target in [0, 1] (binaryCrossentropy takes two classes, 0 and 1; for more classes use sparseCategoricalCrossentropy)', v);
        }
      }
    },
    getConfig: () => ({ fromLogits, labelSmoothing }),
  };
}

export const BINARY_CROSSENTROPY = defineLoss<BinaryCrossentropyOptions, 'binaryCrossentropy'>({
  className: 'BinaryCrossentropy',
  factory: 'binaryCrossentropy',
  summary: 'cross-entropy of yes/no targets (0 or 1) against a sigmoid output; fused with a final sigmoid',
  hostOnly: 'computes the loss and its gradient in JavaScript',
  options: BINARY_CROSSENTROPY_OPTIONS,
  create: (o) => binaryCrossentropy(o),
  task: 'binary',
});
