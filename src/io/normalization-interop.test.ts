/**
 * A model trained on colour images with a Normalization layer first (per-channel statistics)
 * predicts the same in real TensorFlow.js (which has no Normalization class: the layer is written
 * as the BatchNormalization with the same inference) and in onnxruntime as in noisenet, and
 * noisenet reads the TF.js folder back with its Normalization.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { normalization } from '../layers/normalization.js';
import { conv2d } from '../layers/conv2d.js';
import { flatten } from '../layers/flatten.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { Tensor } from '../tensor/tensor.js';
import { exportOnnx } from './onnx/export.js';
import { loadModel, saveModel } from './node/index.js';
import { runOnnx } from '../testing/onnx-runtime.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const skip = tfjs ? false : '@tensorflow/tfjs not installed';

/** `count` colour images of 7x6, each channel on its own scale and offset (one channel constant), and their classes. */
function colourImages(count: number): { x: Tensor; y: Tensor } {
  const [h, w, c] = [7, 6, 3];
  const x = new Float32Array(count * h * w * c);
  const y = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    y[n] = n % 3;
    for (let i = 0; i < h * w; i++) {
      const base = n * h * w * c + i * c;
      x[base] = 0.5 + 0.4 * Math.sin(n * 1.3 + i * 0.7) + (n % 3) * 0.1; // red: around 0.6
      x[base + 1] = 120 + 40 * Math.cos(n * 0.9 + i * 0.31); // green: bytes, not scaled
      x[base + 2] = 0.25; // blue: constant, variance 0
    }
  }
  return { x: new Tensor(x, [count, h, w, c]), y: new Tensor(y, [count]) };
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= 1e-5, `${what}: ${a[i]} vs ${b[i]} at ${i}`);
};

test('a colour-image model with its normalization predicts the same in TF.js, in onnxruntime and in noisenet reloaded (1e-5)', { skip }, async () => {
  const tf = tfjs as Tf;
  const { x, y } = colourImages(24);
  const model = sequential([
    input({ shape: [7, 6, 3] }),
    normalization().adapt(x),
    gaussianNoise({ stddev: 0.1 }),
    conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
    flatten(),
    dense({ units: 3, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  await model.fit(x, y, { epochs: 2, batchSize: 8, seed: 4 });
  const expected = model.predict(x).data;

  const dir = await mkdtemp(join(tmpdir(), 'noisenet-norm-interop-'));
  try {
    await saveModel(model, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const written = json.modelTopology.config.layers[0];
    assert.equal(written.class_name, 'BatchNormalization');
    const bin = await readFile(join(dir, 'weights.bin'));
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const loaded = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
    close(loaded.predict(tf.tensor4d(x.data, [24, 7, 6, 3])).dataSync(), expected, 'TF.js');

    const ours = await loadModel(dir);
    assert.equal(ours.layers[1]!.className, 'Normalization');
    close(ours.predict(x).data, expected, 'noisenet reloaded');

    const onnx = await runOnnx(exportOnnx(model), Float32Array.from(x.data), [24, 7, 6, 3]);
    close(onnx.data, expected, 'onnxruntime');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
