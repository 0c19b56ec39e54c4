/** The run schema takes its choices from the registry: every optimizer with each of its options, every loss, every metric. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RUN_OPTIMIZER_DEFINITIONS } from '../registry/catalogue.js';
import { LOSS_NAMES } from '../losses/index.js';
import { METRIC_NAMES, OPTIMIZER_NAMES, defaultLearningRate, optimizerOptionFields, runField, runFields } from './run-schema.js';

test('the optimizer choices are the registry\'s run optimizers, each option of each one a setting that names who takes it', () => {
  assert.deepEqual(OPTIMIZER_NAMES, RUN_OPTIMIZER_DEFINITIONS.map((d) => d.factory));
  const optimizer = runField('optimizer').field;
  assert.deepEqual(optimizer.kind === 'choice' && optimizer.choices, RUN_OPTIMIZER_DEFINITIONS.map((d) => d.factory));
  for (const d of RUN_OPTIMIZER_DEFINITIONS) {
    for (const [option, declared] of Object.entries(d.options as Record<string, { default?: unknown }>)) {
      if (option === 'learningRate') {
        assert.equal(defaultLearningRate(d.factory), declared.default, d.factory);
        continue;
      }
      const setting = optimizerOptionFields().find((r) => r.key === option || r.key === `optimizerOptions.${option}`);
      assert.ok(setting, `${d.factory} ${option}`);
      assert.ok(setting.optimizers!.includes(d.factory), `${option} names ${d.factory}`);
    }
  }
});

test('the loss choices are every loss of the library; the metrics are those compile knows', () => {
  const loss = runField('loss').field;
  assert.deepEqual(loss.kind === 'choice' && loss.choices, LOSS_NAMES);
  assert.deepEqual(METRIC_NAMES, ['accuracy', 'binaryAccuracy', 'mae', 'mse', 'rmse', 'r2', 'auc']);
});

test('every setting has a flag, a help line and a key; keys are unique and flags unique but for the two seeds', () => {
  const fields = runFields();
  assert.equal(new Set(fields.map((r) => r.key)).size, fields.length);
  const flags = fields.map((r) => r.flag);
  assert.deepEqual(flags.filter((f, i) => flags.indexOf(f) !== i), ['seed'], 'dataSeed (compare) and seed (train) share --seed');
  for (const r of fields) assert.ok(r.field.doc.length > 0 && /^[a-z][a-z0-9-]*$/.test(r.flag), r.key);
  assert.throws(() => runField('nope'), /run schema: no setting 'nope'/);
});
