/**
 * A run's optimizer from its settings, through the registry: the declaration of the named
 * optimizer gives the options it takes, so a new optimizer needs no code here.
 */
import type { Field } from '../schema/fields.js';
import type { RunSettings } from './run-settings.js';
import { runOptimizer } from './run-schema.js';

/** The optimizer settings of a run. */
export type OptimizerSettings = Pick<RunSettings, 'optimizer' | 'lr' | 'momentum' | 'optimizerOptions'>;

/** The options the run's optimizer is created with: the learning rate, momentum when it takes one, and the other options given. */
export function runOptimizerConfig(s: OptimizerSettings): Record<string, unknown> {
  const options = (runOptimizer(s.optimizer)?.options ?? {}) as Record<string, Field>;
  return { learningRate: s.lr, ...('momentum' in options ? { momentum: s.momentum } : {}), ...s.optimizerOptions };
}

/** `adam lr 0.001`, `sgd lr 0.01 momentum 0.9`, `adamw lr 0.001 weightDecay 0.01`: the optimizer and the options the run sets. */
export function describeOptimizer(s: OptimizerSettings): string {
  const { learningRate, ...rest } = runOptimizerConfig(s);
  return [`${s.optimizer} lr ${String(learningRate)}`, ...Object.entries(rest).map(([k, v]) => `${k} ${String(v)}`)].join(' ');
}
