/**
 * AugMix is built to raise accuracy under common corruptions: on Fashion-MNIST, an MLP trained
 * with it keeps more of its accuracy under the 15 MNIST-C corruptions than the same MLP trained
 * without it (a short seeded run; a larger one is in docs/results/what-noise-buys.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { flatten } from '../layers/flatten.js';
import { dense } from '../layers/dense.js';
import { adam } from '../optimizers/adam.js';
import { augmix } from '../augment/augmix.js';
import { loadDataset } from '../data/node/load-dataset.js';
import { FASHION_MNIST_SYSTEM_DIR } from '../data/datasets/fashion-mnist.js';
import { imagesOf, labelsOf } from '../data/split-tensors.js';
import { sliceRows } from '../train/data-source.js';
import { corruptionRobustness } from './corruption-robustness.js';

const TRAIN = 1000;
const TEST = 300;
const SEEDS = [1, 2];
const installed = existsSync(join(FASHION_MNIST_SYSTEM_DIR, 't10k-images-idx3-ubyte.gz'));

test('AugMix raises the mean corruption accuracy of an MLP on Fashion-MNIST over the same MLP trained without it (seeded)', { skip: installed ? false : `${FASHION_MNIST_SYSTEM_DIR} not installed (Debian's dataset-fashion-mnist)` }, async () => {
  const data = await loadDataset('fashion-mnist', { dataDir: FASHION_MNIST_SYSTEM_DIR });
  const [x, y] = [sliceRows(imagesOf(data.train), 0, TRAIN), sliceRows(labelsOf(data.train), 0, TRAIN)];
  const [xt, yt] = [sliceRows(imagesOf(data.test), 0, TEST), sliceRows(labelsOf(data.test), 0, TEST)];
  const meanCorruption = async (seed: number, withAugmix: boolean): Promise<number> => {
    const m = sequential([input({ shape: [28, 28, 1] }), flatten(), dense({ units: 64, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })]);
    m.compile({ optimizer: adam({ learningRate: 0.003 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    try {
      await m.fit(x, y, { epochs: 5, batchSize: 32, seed, ...(withAugmix ? { augment: [augmix()] } : {}) });
      return (await corruptionRobustness(m, xt, yt, { seed: 0 })).meanAccuracy;
    } finally {
      m.dispose();
    }
  };
  const gains: number[] = [];
  for (const seed of SEEDS) gains.push((await meanCorruption(seed, true)) - (await meanCorruption(seed, false)));
  const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
  assert.ok(mean > 0, `AugMix's gain in mean corruption accuracy, per seed: ${gains.map((g) => g.toFixed(4)).join(', ')}`);
});
