/** Optimizers by name, as `compile` and the CLI accept them. */
import { Optimizer } from './optimizer.js';
import { Adam, adam } from './adam.js';
import { SGD, sgd } from './sgd.js';
import { GradientNoise, gradientNoise, type GradientNoiseOptions } from './gradient-noise.js';
import { invalid } from '../errors.js';

/**
 * An optimizer from a name (`adam`, `sgd`) and options, or the optimizer itself. A saved
 * `GradientNoise` comes back from its config: `{ optimizer: { className, config }, eta, gamma }`.
 */
export function getOptimizer(spec: string | Optimizer, options: Record<string, unknown> = {}): Optimizer {
  if (typeof spec !== 'string') return spec;
  switch (spec.toLowerCase()) {
    case 'adam':
      return adam(options);
    case 'sgd':
      return sgd(options);
    case 'gradientnoise': {
      const inner = (options['optimizer'] ?? {}) as { className?: unknown; config?: Record<string, unknown> };
      if (typeof inner.className !== 'string') throw invalid('gradientNoise', 'optimizer', '{ className, config } of the wrapped optimizer', inner.className);
      return gradientNoise(getOptimizer(inner.className, inner.config ?? {}), options as unknown as GradientNoiseOptions);
    }
    default:
      throw invalid('compile', 'optimizer', "'adam' or 'sgd'", spec);
  }
}

export { Optimizer, Adam, adam, SGD, sgd, GradientNoise, gradientNoise };
