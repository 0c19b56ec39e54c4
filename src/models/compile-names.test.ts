/** `compile` takes every registered optimizer name and every loss spelling, and its types say so. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequential, type CompileOptions } from './sequential.js';
import { dense } from '../layers/dense.js';
import { input } from '../layers/input.js';
import { RUN_OPTIMIZER_DEFINITIONS, type OptimizerName } from '../registry/catalogue.js';
import { LOSS_NAMES, type LossSpelling } from '../losses/index.js';

test('every registered optimizer name and every loss spelling compiles', () => {
  const names: OptimizerName[] = RUN_OPTIMIZER_DEFINITIONS.map((d) => d.factory);
  const losses: LossSpelling[] = [...LOSS_NAMES, 'mse', 'mean_squared_error', 'sparse_categorical_crossentropy', 'categorical_crossentropy'];
  for (const optimizer of names) {
    for (const loss of losses) {
      const model = sequential([input({ shape: [3] }), dense({ units: 2, activation: 'softmax' })]);
      const options: CompileOptions = { optimizer, loss };
      model.compile(options);
      assert.equal(model.optimizer?.className.toLowerCase(), optimizer === 'adamw' ? 'adamw' : optimizer, optimizer);
    }
  }
  // @ts-expect-error an optimizer the registry does not declare is a type error
  const unknown: CompileOptions = { optimizer: 'adagrad', loss: 'mse' };
  assert.throws(() => sequential([input({ shape: [3] }), dense({ units: 2, activation: 'softmax' })]).compile(unknown), /unknown optimizer 'adagrad'/);
});
