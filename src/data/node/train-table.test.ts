import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { normalization } from '../../layers/normalization.js';
import { sequential } from '../../models/sequential.js';
import { adam } from '../../optimizers/adam.js';
import { splitTensors } from '../split-tensors.js';
import { loadData } from './load-data.js';

const CANCER = '/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv';

test("a model trained through the table loader on scikit-learn's breast cancer table, features normalised, validates above 0.85", { skip: existsSync(CANCER) ? false : `${CANCER} not installed (Debian's python3-sklearn)` }, async () => {
  const data = await loadData(CANCER, { valSplit: 0.2, seed: 1 });
  const train = splitTensors(data, data.train);
  const validation = splitTensors(data, data.test!);
  const model = sequential([
    input({ shape: [...data.sampleShape] }),
    normalization().adapt(train.x),
    dense({ units: 16, activation: 'relu' }),
    dense({ units: data.classes.length, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(train.x, train.y, { epochs: 5, batchSize: 32, seed: 1, validationData: [validation.x, validation.y] });
  const accuracy = history.history['val_accuracy']!.at(-1)!;
  console.log(`breast cancer: validation accuracy ${accuracy.toFixed(3)} after 5 epochs (${data.train.count} train, ${data.test!.count} validation)`);
  assert.ok(accuracy > 0.85, `validation accuracy ${accuracy}`);
});
