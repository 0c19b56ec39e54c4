/**
 * Stochastic gradient descent with optional momentum (Polyak 1964) or Nesterov momentum
 * (Sutskever et al. 2013), as Keras writes it: `v = momentum v - lr g; w += v`
 * (Nesterov: `w += momentum v - lr g`).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../parts/layer.js';
import { Optimizer } from '../parts/optimizer.js';
import { number, boolean } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineOptimizer } from '../parts/definitions.js';

export interface SgdOptions {
  /** Step size; default 0.01. */
  learningRate?: number;
  /** Momentum in [0, 1); default 0. */
  momentum?: number;
  /** Nesterov momentum; default false. */
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  protected readonly slotCount = 1;

  constructor(options: SgdOptions = {}) {
    const o = parseOptions('sgd', SGD_DEFINITION.options, options) as Required<SgdOptions>;
    super(o.learningRate, 'sgd');
    this.momentum = o.momentum;
    this.nesterov = o.nesterov;
  }

  protected update(p: Param, [velocity]: FloatArray[], backend: Backend): void {
    backend.sgdUpdate(p.value, p.grad, velocity!, p.value.length, this.learningRate, this.momentum, this.nesterov);
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov };
  }
}

/** Plain or momentum SGD; see {@link SgdOptions}. */
export function sgd(options: SgdOptions = {}): SGD {
  return new SGD(options);
}

export const SGD_DEFINITION = defineOptimizer<SgdOptions, 'sgd'>({
  className: 'SGD',
  factory: 'sgd',
  summary: 'stochastic gradient descent with optional (Nesterov) momentum',
  options: {
    learningRate: number('step size', { default: 0.01, range: { min: 0, minExclusive: true } }),
    momentum: number('momentum', { default: 0, range: { min: 0, max: 1, maxExclusive: true } }),
    nesterov: boolean('Nesterov momentum', { default: false }),
  },
  create: (o) => new SGD(o),
});
