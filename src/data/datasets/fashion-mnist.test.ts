import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../node/load-dataset.js';
import { FASHION_MNIST_SYSTEM_DIR } from './fashion-mnist.js';

const present = existsSync(join(FASHION_MNIST_SYSTEM_DIR, 'train-images-idx3-ubyte.gz'));

test('fashion-mnist loads the Debian files: 60,000 + 10,000 images of 28x28, labels below 10', async (t) => {
  if (!present) {
    t.skip(`${FASHION_MNIST_SYSTEM_DIR} not installed (apt install dataset-fashion-mnist)`);
    return;
  }
  const data = await loadDataset('fashion-mnist', { env: {}, cacheDir: '/nonexistent-noisenet-cache' });
  assert.equal(data.source, `system ${FASHION_MNIST_SYSTEM_DIR}`);
  assert.deepEqual([data.train.count, data.test.count], [60_000, 10_000]);
  assert.deepEqual([data.train.height, data.train.width, data.test.height, data.test.width], [28, 28, 28, 28]);
  assert.ok(data.train.labels.every((l) => l < 10) && data.test.labels.every((l) => l < 10));
  assert.equal(data.classes[9], 'Ankle boot');
});
