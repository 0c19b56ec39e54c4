/**
 * The page side of training on the webgpu backend (bundled for the browser by
 * src/train/webgpu-fit.test.ts): the article's MLP trained with the same seed on the webgpu
 * backend and on the reference backend, on seeded synthetic clusters, then evaluated and
 * predicted, so the test can compare histories, weights and predictions.
 */
import type { Backend } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { createWebGpuBackend } from '../../kernels/webgpu/index.js';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { clusters } from '../synthetic.js';

/** What one backend's run gave. */
export interface FitRun {
  history: Record<string, number[]>;
  weights: number[][];
  predictions: number[];
  evaluation: Record<string, number>;
  batchLosses: number[];
  ms: number;
}

async function run(backend: Backend): Promise<FitRun> {
  const train = clusters(128, 784, 10, 1);
  const val = clusters(64, 784, 10, 2);
  const model = sequential([input({ shape: [784] }), gaussianNoise({ stddev: 0.1 }), dense({ units: 128, activation: 'relu' }), dense({ units: 64, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })], { backend });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const batchLosses: number[] = [];
  const t0 = performance.now();
  const history = await model.fit(train.x, train.y, { epochs: 2, batchSize: 32, seed: 5, validationData: [val.x, val.y], callbacks: [{ onBatchEnd: (_b, logs) => void batchLosses.push(logs['loss']!) }] });
  const ms = performance.now() - t0;
  const predictions = Array.from((await model.predictAsync(val.x)).data);
  const evaluation = { ...(await model.evaluateAsync(val.x, val.y)) };
  return { history: history.history, weights: model.getWeights().map((w) => Array.from(w.data)), predictions, evaluation, batchLosses, ms };
}

/** Both runs, or why WebGPU is not there. */
export async function runFit(): Promise<{ webgpu: FitRun; ref: FitRun } | { unavailable: string }> {
  let backend: Backend;
  try {
    backend = await createWebGpuBackend();
  } catch (e) {
    return { unavailable: (e as Error).message };
  }
  try {
    return { webgpu: await run(backend), ref: await run(createRefBackend()) };
  } finally {
    backend.dispose();
  }
}
