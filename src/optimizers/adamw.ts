/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled weight decay regularization"), as Keras 3 writes
 * it, with its defaults: before each Adam step every weight decays, `w -= lr * weightDecay * w`,
 * instead of an L2 term in the gradient; then the Adam step ("epsilon hat" form, see adam.ts).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../parts/layer.js';
import { Optimizer } from '../parts/optimizer.js';
import { number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineOptimizer } from '../parts/definitions.js';

export interface AdamwOptions {
  /** Step size; default 0.001. */
  learningRate?: number;
  /** Decoupled weight decay per step, times the learning rate; default 0.004 (Keras). */
  weightDecay?: number;
  /** Decay of the first moment; default 0.9. */
  beta1?: number;
  /** Decay of the second moment; default 0.999. */
  beta2?: number;
  /** Added to the root of the second moment; default 1e-7. */
  epsilon?: number;
}

export class AdamW extends Optimizer {
  readonly className = 'AdamW';
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotCount = 2;

  constructor(options: AdamwOptions = {}) {
    const o = parseOptions('adamw', ADAMW.options, options) as Required<AdamwOptions>;
    super(o.learningRate, 'adamw');
    this.weightDecay = o.weightDecay;
    this.beta1 = o.beta1;
    this.beta2 = o.beta2;
    this.epsilon = o.epsilon;
  }

  protected update(p: Param, [m, v]: FloatArray[], backend: Backend): void {
    const n = p.value.length;
    if (this.weightDecay > 0) backend.scale(p.value, 1 - this.learningRate * this.weightDecay, 0, p.value, n);
    const t = this.iterations;
    const lrT = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    backend.adamUpdate(p.value, p.grad, m!, v!, n, lrT, this.beta1, this.beta2, this.epsilon);
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, weightDecay: this.weightDecay, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/** AdamW with Keras' defaults; see {@link AdamwOptions}. */
export function adamw(options: AdamwOptions = {}): AdamW {
  return new AdamW(options);
}

const UNIT = { min: 0, max: 1, maxExclusive: true } as const;

export const ADAMW = defineOptimizer<AdamwOptions, 'adamw'>({
  className: 'AdamW',
  factory: 'adamw',
  summary: 'Adam with decoupled weight decay (Loshchilov & Hutter 2019), Keras defaults',
  options: {
    learningRate: number('step size', { default: 0.001, range: { min: 0, minExclusive: true } }),
    weightDecay: number('decoupled weight decay, times the learning rate', { default: 0.004, range: { min: 0 } }),
    beta1: number('decay of the first moment', { default: 0.9, range: UNIT }),
    beta2: number('decay of the second moment', { default: 0.999, range: UNIT }),
    epsilon: number('added to the root of the second moment', { default: 1e-7, range: { min: 0 } }),
  },
  create: (o) => new AdamW(o),
});
