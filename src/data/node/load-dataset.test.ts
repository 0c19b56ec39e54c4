import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from '../../errors.js';
import { DATASET_NAMES, type DatasetName, isDatasetName, loadDataset } from './load-dataset.js';

test('loadDataset rejects an unknown name, listing the known ones', async () => {
  await assert.rejects(loadDataset('cifar' as DatasetName), (err: unknown) => {
    assert.ok(err instanceof InvalidArgumentError);
    assert.equal(err.message, 'loadDataset: name must be one of mnist, fashion-mnist, mnist-mini, received "cifar"');
    return true;
  });
});

test('isDatasetName accepts exactly DATASET_NAMES', () => {
  for (const name of DATASET_NAMES) assert.ok(isDatasetName(name));
  assert.equal(isDatasetName('MNIST'), false);
});
