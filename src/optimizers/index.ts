/** Optimizers by name, as `compile` and the CLI accept them. */
import { Optimizer } from './optimizer.js';
import { Adam, adam } from './adam.js';
import { SGD, sgd } from './sgd.js';
import { invalid } from '../errors.js';

/** An optimizer from a name (`adam`, `sgd`) and options, or the optimizer itself. */
export function getOptimizer(spec: string | Optimizer, options: Record<string, unknown> = {}): Optimizer {
  if (typeof spec !== 'string') return spec;
  switch (spec.toLowerCase()) {
    case 'adam':
      return adam(options);
    case 'sgd':
      return sgd(options);
    default:
      throw invalid('compile', 'optimizer', "'adam' or 'sgd'", spec);
  }
}

export { Optimizer, Adam, adam, SGD, sgd };
