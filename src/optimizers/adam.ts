/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"), in the "epsilon hat"
 * form Keras and TensorFlow.js use: `lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)`,
 * `w -= lr_t m / (sqrt(v) + eps)`.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../layers/layer.js';
import { Optimizer } from './optimizer.js';
import { checkNumber } from '../validate.js';

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
    super(options.learningRate ?? 0.001, 'adam');
    const unit = { min: 0, max: 1, maxExclusive: true };
    this.beta1 = checkNumber('adam', 'beta1', options.beta1 ?? 0.9, unit);
    this.beta2 = checkNumber('adam', 'beta2', options.beta2 ?? 0.999, unit);
    this.epsilon = checkNumber('adam', 'epsilon', options.epsilon ?? 1e-7, { min: 0 });
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
