/**
 * The outputs of binary and regression models leave noisenet as they predict: a sigmoid output
 * trained with its fused binary cross-entropy and a linear output trained with the Huber loss
 * predict the same in TensorFlow.js (skipped without the devDependency) and in onnxruntime, and
 * a saved model comes back with its loss, the loss's options and its metrics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { binaryCrossentropy, huber } from '../losses/index.js';
import { tensor } from '../tensor/tensor.js';
import { loadModel, saveModel } from './node/index.js';
import { exportOnnx } from './onnx/export.js';
import { runOnnx } from '../testing/onnx-runtime.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const xs = [[0.1, -0.2, 0.3, 0.4], [1, 0, -1, 0.5], [-2, 1, 0.5, 0], [0.3, 0.3, -0.3, 2]];
const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `${what}: ${a[i]} vs ${b[i]} at ${i}`);
};

async function trained(kind: 'binary' | 'regression'): Promise<ReturnType<typeof sequential>> {
  const model = sequential([input({ shape: [4] }), gaussianNoise({ stddev: 0.1 }), dense({ units: 8, activation: 'relu' }), dense({ units: 1, activation: kind === 'binary' ? 'sigmoid' : 'linear' })]);
  model.compile(kind === 'binary'
    ? { optimizer: 'adam', loss: binaryCrossentropy({ labelSmoothing: 0.1 }), metrics: ['accuracy', 'auc'] }
    : { optimizer: 'adam', loss: huber({ delta: 0.5 }), metrics: ['mae', 'r2'] });
  await model.fit(xs, kind === 'binary' ? [1, 0, 0, 1] : [0.5, -1, 2, 0.3], { epochs: 3, batchSize: 2, seed: 5 });
  return model;
}

for (const kind of ['binary', 'regression'] as const) {
  test(`a ${kind} model predicts the same in onnxruntime and after saving and loading, with its loss and metrics`, async () => {
    const model = await trained(kind);
    const ours = model.predict(xs).data;
    if (kind === 'binary') assert.ok([...ours].every((p) => p > 0 && p < 1), 'probabilities');
    const onnx = await runOnnx(exportOnnx(model), Float32Array.from(xs.flat()), [xs.length, 4]);
    close(onnx.data, ours, 'onnxruntime');
    const dir = await mkdtemp(join(tmpdir(), 'noisenet-task-outputs-'));
    try {
      await saveModel(model, dir);
      const loaded = await loadModel(dir);
      close(loaded.predict(xs).data, ours, 'loaded');
      assert.equal(loaded.loss?.name, kind === 'binary' ? 'binaryCrossentropy' : 'huber');
      assert.deepEqual(loaded.loss?.getConfig(), kind === 'binary' ? { fromLogits: false, labelSmoothing: 0.1 } : { delta: 0.5 });
      assert.deepEqual(loaded.metrics, kind === 'binary' ? ['accuracy', 'auc'] : ['mae', 'r2']);
      const y = kind === 'binary' ? [1, 0, 0, 1] : [0.5, -1, 2, 0.3];
      assert.deepEqual(loaded.evaluate(xs, y), model.evaluate(xs, y));
      if (tfjs) {
        const tf = tfjs as Tf;
        await tf.setBackend('cpu');
        const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
        const bin = await readFile(join(dir, 'weights.bin'));
        const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
        const theirs = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
        close(theirs.predict(tf.tensor2d(xs)).dataSync(), ours, 'TF.js');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('a flat y and a tensor y of one column train the same', async () => {
  const a = await trained('regression');
  const b = sequential([input({ shape: [4] }), gaussianNoise({ stddev: 0.1 }), dense({ units: 8, activation: 'relu' }), dense({ units: 1 })]);
  b.compile({ optimizer: 'adam', loss: huber({ delta: 0.5 }), metrics: ['mae', 'r2'] });
  await b.fit(xs, tensor([[0.5], [-1], [2], [0.3]]), { epochs: 3, batchSize: 2, seed: 5 });
  close(a.predict(xs).data, b.predict(xs).data, 'flat against column');
});
