/** A short seeded training run whose history the reproducibility test compares across processes. */
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { adam } from '../optimizers/adam.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { clusters } from './synthetic.js';

export function smallModel(stddev = 0.3): Sequential {
  const m = sequential([input({ shape: [12] }), gaussianNoise({ stddev }), dense({ units: 16, activation: 'relu' }), dense({ units: 3, activation: 'softmax' })], { backend: createRefBackend() });
  m.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

export const trainData = clusters(203, 12, 3, 5);
export const valData = clusters(60, 12, 3, 6);

export async function seededHistory(seed = 11): Promise<Record<string, number[]>> {
  const h = await smallModel().fit(trainData.x, trainData.y, { epochs: 3, batchSize: 16, seed, validationData: [valData.x, valData.y] });
  return h.history;
}
