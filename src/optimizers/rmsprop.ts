/**
 * RMSprop (Tieleman & Hinton 2012), as Keras 3 writes it, with its defaults: a running mean of
 * squared gradients `v = rho v + (1 - rho) g^2` scales each step, `w -= lr g / sqrt(v + eps)`
 * (epsilon inside the root, as Keras and TF.js); `centered` subtracts the squared running mean
 * of the gradients, and `momentum` accumulates the steps. Slots per weight: `v`, then the mean
 * gradient when centered, then the momentum when it is > 0.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../parts/layer.js';
import { Optimizer } from '../parts/optimizer.js';
import { boolean, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineOptimizer } from '../parts/definitions.js';

export interface RmspropOptions {
  /** Step size; default 0.001. */
  learningRate?: number;
  /** Decay of the running mean of squared gradients; default 0.9. */
  rho?: number;
  /** Momentum in [0, 1); default 0. */
  momentum?: number;
  /** Added to the mean square inside the root; default 1e-7. */
  epsilon?: number;
  /** Divide by the gradients' estimated variance instead of their mean square; default false. */
  centered?: boolean;
}

export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  protected readonly slotCount: number;

  constructor(options: RmspropOptions = {}) {
    const o = parseOptions('rmsprop', RMSPROP.options, options) as Required<RmspropOptions>;
    super(o.learningRate, 'rmsprop');
    this.rho = o.rho;
    this.momentum = o.momentum;
    this.epsilon = o.epsilon;
    this.centered = o.centered;
    this.slotCount = 1 + (this.centered ? 1 : 0) + (this.momentum > 0 ? 1 : 0);
  }

  protected update(p: Param, slots: FloatArray[], backend: Backend): void {
    const [v, ...rest] = slots;
    const avg = this.centered ? rest.shift()! : null;
    const mom = this.momentum > 0 ? rest.shift()! : null;
    backend.rmspropUpdate(p.value, p.grad, v!, avg, mom, p.value.length, this.learningRate, this.rho, this.momentum, this.epsilon);
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

/** RMSprop with Keras' defaults; see {@link RmspropOptions}. */
export function rmsprop(options: RmspropOptions = {}): RMSprop {
  return new RMSprop(options);
}

export const RMSPROP = defineOptimizer<RmspropOptions, 'rmsprop'>({
  className: 'RMSprop',
  factory: 'rmsprop',
  summary: 'RMSprop (Tieleman & Hinton 2012) with Keras defaults',
  options: {
    learningRate: number('step size', { default: 0.001, range: { min: 0, minExclusive: true } }),
    rho: number('decay of the mean square of the gradients', { default: 0.9, range: { min: 0, max: 1, maxExclusive: true } }),
    momentum: number('momentum', { default: 0, range: { min: 0, max: 1, maxExclusive: true } }),
    epsilon: number('added to the mean square inside the root', { default: 1e-7, range: { min: 0 } }),
    centered: boolean('divide by the estimated variance of the gradients', { default: false }),
  },
  create: (o) => new RMSprop(o),
});
