/**
 * One TensorFlow.js measurement, run as a child process: `node tfjs-run.mjs <root> <cpu|wasm>`.
 * The article's model (GaussianNoise 0.1, Dense 128 relu, 64 relu, 10 softmax, glorotUniform,
 * Adam, sparse categorical cross-entropy), one epoch at batch 32 with validation on the test
 * set, then prediction on the test set. Prints one JSON line.
 */
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { loadBenchData } from './data.mjs';

const [root, backendName] = process.argv.slice(2);
const require = createRequire(join(root, 'package.json'));
const tf = require('@tensorflow/tfjs');
if (backendName === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // In Node the backend reads its .wasm files from disk: point it at the installed package.
  wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
}
await tf.setBackend(backendName);
await tf.ready();

const data = await loadBenchData(root);
const toFloats = (split) => {
  const x = new Float32Array(split.images.length);
  for (let i = 0; i < x.length; i++) x[i] = split.images[i] / 255;
  return tf.tensor2d(x, [split.count, 784]);
};
const x = toFloats(data.train);
const y = tf.tensor1d(Float32Array.from(data.train.labels));
const tx = toFloats(data.test);
const ty = tf.tensor1d(Float32Array.from(data.test.labels));

const model = tf.sequential();
model.add(tf.layers.gaussianNoise({ stddev: 0.1, inputShape: [784] }));
model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'glorotUniform' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

const t0 = performance.now();
const history = await model.fit(x, y, { epochs: 1, batchSize: 32, validationData: [tx, ty], shuffle: true, verbose: 0 });
const epoch = (performance.now() - t0) / 1000;
const t1 = performance.now();
const p = model.predict(tx, { batchSize: 32 });
await p.data();
p.dispose();
const predict = data.test.count / ((performance.now() - t1) / 1000);
process.stdout.write(
  JSON.stringify({
    backend: tf.getBackend(),
    epoch_s: epoch,
    predict_samples_per_s: predict,
    val_accuracy: history.history.val_acc?.[0] ?? history.history.val_accuracy?.[0],
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
