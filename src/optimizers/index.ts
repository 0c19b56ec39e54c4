/** Optimizers by name, as `compile` and the CLI accept them. */
import { Optimizer } from '../parts/optimizer.js';
import { Adam, adam } from './adam.js';
import { SGD, sgd } from './sgd.js';
import { RMSprop, rmsprop } from './rmsprop.js';
import { AdamW, adamw } from './adamw.js';
import { GradientNoise, gradientNoise } from './gradient-noise.js';
import { optimizerFromConfig } from '../registry/lookup.js';

/**
 * An optimizer from a name (`adam`, `sgd`, `gradientNoise`, or a class name) and options, or
 * the optimizer itself. A saved `GradientNoise` comes back from its config:
 * `{ optimizer: { className, config }, eta, gamma }`.
 */
export function getOptimizer(spec: string | Optimizer, options: Record<string, unknown> = {}): Optimizer {
  return typeof spec === 'string' ? optimizerFromConfig(spec, options) : spec;
}

export { Optimizer, Adam, adam, SGD, sgd, RMSprop, rmsprop, AdamW, adamw, GradientNoise, gradientNoise };
