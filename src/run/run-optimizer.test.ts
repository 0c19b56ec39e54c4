/** A run's optimizer through the registry: the options it takes, and how reports describe it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOptimizer, runOptimizerConfig } from './run-optimizer.js';
import { optimizerFromConfig } from '../registry/lookup.js';
import { OPTIMIZER_NAMES } from './run-schema.js';

test('every registered optimizer is created from run settings, momentum only where it is an option', () => {
  for (const optimizer of OPTIMIZER_NAMES) {
    const config = runOptimizerConfig({ optimizer, lr: 0.05, momentum: 0.5 });
    const built = optimizerFromConfig(optimizer, config).getConfig();
    assert.equal(built.learningRate, 0.05, optimizer);
    assert.equal('momentum' in config, optimizer === 'sgd' || optimizer === 'rmsprop', optimizer);
  }
  assert.equal(optimizerFromConfig('adamw', runOptimizerConfig({ optimizer: 'adamw', lr: 0.001, momentum: 0, optimizerOptions: { weightDecay: 0.01 } })).getConfig().weightDecay, 0.01);
});

test('reports name the optimizer with the options the run sets, whatever the optimizer', () => {
  assert.equal(describeOptimizer({ optimizer: 'adam', lr: 0.001, momentum: 0 }), 'adam lr 0.001');
  assert.equal(describeOptimizer({ optimizer: 'sgd', lr: 0.01, momentum: 0.9 }), 'sgd lr 0.01 momentum 0.9');
  assert.equal(describeOptimizer({ optimizer: 'rmsprop', lr: 0.001, momentum: 0.5, optimizerOptions: { rho: 0.8 } }), 'rmsprop lr 0.001 momentum 0.5 rho 0.8');
  assert.equal(describeOptimizer({ optimizer: 'adamw', lr: 0.001, momentum: 0, optimizerOptions: { weightDecay: 0.01 } }), 'adamw lr 0.001 weightDecay 0.01');
});
