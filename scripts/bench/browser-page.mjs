/**
 * The pages and workers of `npm run bench:browser`, as strings the bench server serves. The page
 * reads Fashion-MNIST once (with noisenet's browser build) and hands the bytes to a worker that
 * trains the article's model for one epoch (batch 32, validation on the test set): noisenet's
 * browser build, or TensorFlow.js with its wasm backend (a classic worker: TF.js ships UMD files).
 */

export const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>noisenet browser bench</title>
<script type="module">
import { loadDatasetFromUrl } from '/browser/noisenet.js';
window.bench = async (job) => {
  const data = await loadDatasetFromUrl('fashion-mnist', { baseUrl: '/fashion/' });
  const worker = job.kind === 'tfjs' ? new Worker('/bench/tfjs-worker.js') : new Worker('/bench/noisenet-worker.js', { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
    worker.onerror = (e) => resolve({ error: 'worker error: ' + e.message });
    worker.postMessage({ job, train: data.train, test: data.test });
  });
};
window.ready = true;
</script>`;

export const NOISENET_WORKER = `
import * as nn from '/browser/noisenet.js';
self.onmessage = async ({ data: { job, train, test } }) => {
  try {
    const info = await nn.useBrowserPlatform(job.threads ? { threads: job.threads } : {});
    const [x, y, tx, ty] = [nn.imagesOf(train), nn.labelsOf(train), nn.imagesOf(test), nn.labelsOf(test)];
    const backend = nn.createBackend('wasm');
    const epochs = [];
    let history;
    for (let r = 0; r < job.runs; r++) {
      const model = nn.sequential([nn.input({ shape: [784] }), nn.gaussianNoise({ stddev: 0.1 }), nn.dense({ units: 128, activation: 'relu' }), nn.dense({ units: 64, activation: 'relu' }), nn.dense({ units: 10, activation: 'softmax' })], { backend });
      model.compile({ optimizer: nn.adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      const t0 = performance.now();
      history = await model.fit(x, y, { epochs: 1, batchSize: 32, validationData: [tx, ty], seed: 1 + r });
      epochs.push((performance.now() - t0) / 1000);
    }
    postMessage({ threads: backend.threads, sharedMemory: info.sharedMemory, epochs_s: epochs, val_accuracy: history.history.val_accuracy[0] });
  } catch (e) { postMessage({ error: e.name + ': ' + e.message }); }
};`;

export const TFJS_WORKER = `
importScripts('/tfjs/tf.min.js', '/tfjs/tf-backend-wasm.min.js');
self.onmessage = async ({ data: { train, test } }) => {
  try {
    tf.wasm.setWasmPaths('/tfjs/');
    await tf.setBackend('wasm');
    await tf.ready();
    const floats = (s) => tf.tensor2d(Float32Array.from(s.images, (v) => v / 255), [s.count, 784]);
    const [x, y, tx, ty] = [floats(train), tf.tensor1d(Float32Array.from(train.labels)), floats(test), tf.tensor1d(Float32Array.from(test.labels))];
    const model = tf.sequential();
    model.add(tf.layers.gaussianNoise({ stddev: 0.1, inputShape: [784] }));
    model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'glorotUniform' }));
    model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'glorotUniform' }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'glorotUniform' }));
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const t0 = performance.now();
    const h = await model.fit(x, y, { epochs: 1, batchSize: 32, validationData: [tx, ty], shuffle: true, verbose: 0 });
    const epoch = (performance.now() - t0) / 1000;
    postMessage({
      epochs_s: [epoch], val_accuracy: h.history.val_acc?.[0] ?? h.history.val_accuracy?.[0],
      threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    });
  } catch (e) { postMessage({ error: String(e && e.message || e) }); }
};`;
