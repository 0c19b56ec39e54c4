/**
 * One TensorFlow.js measurement of the convnet, run as a child process:
 * `node tfjs-convnet.mjs <root> <cpu|wasm> <images>`. The same model (tfjs-layers, glorotUniform
 * kernels, Adam 0.001, sparse categorical cross-entropy, batch 128) trained for one epoch on the
 * first `images` training images, then predicting as many test images; the times are scaled to
 * the 60,000 + 10,000 images of the full epoch. A backend that cannot train the model (the wasm
 * backend has no Conv2DBackpropFilter kernel) is reported with its error. Prints one JSON line.
 */
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { loadBenchData } from './data.mjs';

const [root, backendName, imagesArg] = process.argv.slice(2);
const n = Number(imagesArg);
const require = createRequire(join(root, 'package.json'));
const tf = require('@tensorflow/tfjs');
if (backendName === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
}
await tf.setBackend(backendName);
await tf.ready();

const data = await loadBenchData(root);
const toImages = (split, count) => {
  const v = new Float32Array(count * 784);
  for (let i = 0; i < v.length; i++) v[i] = split.images[i] / 255;
  return tf.tensor4d(v, [count, 28, 28, 1]);
};
const x = toImages(data.train, n);
const y = tf.tensor1d(Float32Array.from(data.train.labels.subarray(0, n)));
const tx = toImages(data.test, n);

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy' });

let result;
try {
  const t0 = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
  const train = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const p = model.predict(tx, { batchSize: 128 });
  await p.data();
  const predict = (performance.now() - t1) / 1000;
  result = { backend: tf.getBackend(), images: n, train_s: train, predict_s: predict, epoch_s: (train * 60000) / n + (predict * 10000) / n };
} catch (e) {
  result = { backend: tf.getBackend(), images: n, error: e instanceof Error ? e.message : String(e) };
}
process.stdout.write(JSON.stringify({ ...result, max_rss_mb: process.resourceUsage().maxRSS / 1024 }) + '\n');
