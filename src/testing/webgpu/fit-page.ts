/**
 * The page side of training on the webgpu backend (bundled for the browser by
 * src/train/webgpu-fit.test.ts): the article's MLP, the Keras convnet and a batch-norm convnet
 * trained with the same seed on the webgpu backend and on the reference backend, on seeded
 * synthetic clusters, then evaluated and predicted, so the test can compare histories, weights
 * and predictions.
 */
import type { Backend } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { createWebGpuBackend } from '../../kernels/webgpu/index.js';
import type { Model } from '../../models/model.js';
import { sequential } from '../../models/sequential.js';
import { buildModel } from '../../models/model-spec.js';
import { presetSpec } from '../../models/presets.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { conv2d } from '../../layers/conv2d.js';
import { batchNormalization } from '../../layers/batch-normalization.js';
import { maxPooling2d } from '../../layers/max-pooling2d.js';
import { flatten } from '../../layers/flatten.js';
import { dropout } from '../../noise/dropout.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { clusters } from '../synthetic.js';

/** The models trained, by name: each built on a backend, and its data sizes. */
const MODELS = {
  mlp: { samples: 128, epochs: 2, make: (backend: Backend): Model => sequential([input({ shape: [784] }), gaussianNoise({ stddev: 0.1 }), dense({ units: 128, activation: 'relu' }), dense({ units: 64, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })], { backend }) },
  convnet: { samples: 32, epochs: 1, make: (backend: Backend): Model => buildModel(presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend }) },
  batchNorm: { samples: 32, epochs: 1, make: (backend: Backend): Model => sequential([input({ shape: [28, 28, 1] }), conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }), batchNormalization({ momentum: 0.9 }), maxPooling2d({ poolSize: 2 }), flatten(), dropout({ rate: 0.3 }), dense({ units: 10, activation: 'softmax' })], { backend }) },
} as const;

export type ModelName = keyof typeof MODELS;

/** What one backend's run gave. */
export interface FitRun {
  history: Record<string, number[]>;
  weights: number[][];
  predictions: number[];
  evaluation: Record<string, number>;
  batchLosses: number[];
  ms: number;
}

async function run(name: ModelName, backend: Backend): Promise<FitRun> {
  const { samples, epochs, make } = MODELS[name];
  const train = clusters(samples, 784, 10, 1);
  const val = clusters(16, 784, 10, 2);
  const model = make(backend);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const batchLosses: number[] = [];
  const t0 = performance.now();
  const history = await model.fit(train.x, train.y, { epochs, batchSize: 16, seed: 5, validationData: [val.x, val.y], callbacks: [{ onBatchEnd: (_b, logs) => void batchLosses.push(logs['loss']!) }] });
  const ms = performance.now() - t0;
  const predictions = Array.from((await model.predictAsync(val.x)).data);
  const evaluation = { ...(await model.evaluateAsync(val.x, val.y)) };
  return { history: history.history, weights: model.getWeights().map((w) => Array.from(w.data)), predictions, evaluation, batchLosses, ms };
}

/**
 * Each model's run (of `names`, default the MLP and the batch-norm net, the quick ones on
 * SwiftShader) on both backends, or why WebGPU is not there.
 */
export async function runFit(names: readonly ModelName[] = ['mlp', 'batchNorm']): Promise<Record<ModelName, { webgpu: FitRun; ref: FitRun }> | { unavailable: string }> {
  let backend: Backend;
  try {
    backend = await createWebGpuBackend();
  } catch (e) {
    return { unavailable: (e as Error).message };
  }
  try {
    const out = {} as Record<ModelName, { webgpu: FitRun; ref: FitRun }>;
    for (const name of names) out[name] = { webgpu: await run(name, backend), ref: await run(name, createRefBackend()) };
    return out;
  } finally {
    backend.dispose();
  }
}
