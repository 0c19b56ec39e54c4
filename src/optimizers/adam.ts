/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"), in the "epsilon hat"
 * form Keras and TensorFlow.js use: `lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)`,
 * `w -= lr_t m / (sqrt(v) + eps)`.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../parts/layer.js';
import { Optimizer } from '../parts/optimizer.js';
import { number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineOptimizer } from '../parts/definitions.js';

export interface AdamOptions {
  /** Step size; default 0.001. */
  learningRate?: number;
  /** Decay of the first moment; default 0.9. */
  beta1?: number;
  /** Decay of the second moment; default 0.999. */
  beta2?: number;
  /** Added to the root of the second moment; default 1e-7 (Keras; PyTorch uses 1e-8). */
  epsilon?: number;
}

export class Adam extends Optimizer {
  readonly className = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotCount = 2;

  constructor(options: AdamOptions = {}) {
    const o = parseOptions('adam', ADAM.options, options) as Required<AdamOptions>;
    super(o.learningRate, 'adam');
    this.beta1 = o.beta1;
    this.beta2 = o.beta2;
    this.epsilon = o.epsilon;
  }

  protected update(p: Param, [m, v]: FloatArray[], backend: Backend): void {
    const t = this.iterations;
    const lrT = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    backend.adamUpdate(p.value, p.grad, m!, v!, p.value.length, lrT, this.beta1, this.beta2, this.epsilon);
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/** The Adam optimizer with Keras' defaults; see {@link AdamOptions}. */
export function adam(options: AdamOptions = {}): Adam {
  return new Adam(options);
}

const UNIT = { min: 0, max: 1, maxExclusive: true } as const;

export const ADAM = defineOptimizer<AdamOptions, 'adam'>({
  className: 'Adam',
  factory: 'adam',
  summary: 'Adam (Kingma & Ba 2015) with Keras defaults',
  options: {
    learningRate: number('step size', { default: 0.001, range: { min: 0, minExclusive: true } }),
    beta1: number('decay of the first moment', { default: 0.9, range: UNIT }),
    beta2: number('decay of the second moment', { default: 0.999, range: UNIT }),
    epsilon: number('added to the root of the second moment', { default: 1e-7, range: { min: 0 } }),
  },
  create: (o) => new Adam(o),
});
