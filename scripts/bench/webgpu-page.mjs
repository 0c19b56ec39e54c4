/**
 * The page and the noisenet worker of `npm run bench:webgpu`, as strings the bench server serves.
 * The page reads Fashion-MNIST once (with noisenet's browser build), asks for the WebGPU adapter
 * and reports what it says of itself, and hands the first images of a seeded subset of the
 * training split to one module worker per measurement: noisenet on the wasm or webgpu backend
 * (this file), TF.js on its webgpu backend and jax-js on its webgpu device (bundles made by
 * scripts/bench-webgpu.mjs from scripts/bench/tfjs-train.mjs and jax-train.mjs).
 */

export const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>noisenet webgpu bench</title>
<script type="module">
import { loadDatasetFromUrl, subsetSplit } from '/browser/noisenet.js';
let data;
window.adapter = async () => {
  if (!navigator.gpu) return { error: 'no navigator.gpu' };
  const a = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!a) return { error: 'navigator.gpu gave no adapter' };
  const i = a.info ?? {};
  return { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, fallback: Boolean(i.isFallbackAdapter) };
};
window.bench = async (job) => {
  data ??= (await loadDatasetFromUrl('fashion-mnist', { baseUrl: '/fashion/' })).train;
  const split = subsetSplit(data, (job.warmup + job.batches) * 32, 1);
  const worker = new Worker(job.library === 'noisenet' ? '/bench/noisenet-worker.js' : '/bench/' + job.library + '-worker.js', { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
    worker.onerror = (e) => { worker.terminate(); resolve({ error: 'worker error: ' + e.message }); };
    worker.postMessage({ job, split });
  });
};
window.ready = true;
</script>`;

/** noisenet: the article's MLP (with its Gaussian noise layer) or the convnet preset, on the backend the job names. */
export const NOISENET_WORKER = `
import * as nn from '/browser/noisenet.js';
self.onmessage = async ({ data: { job, split } }) => {
  try {
    await nn.useBrowserPlatform();
    const mlp = job.model === 'mlp';
    const layers = () => mlp
      ? nn.sequential([nn.input({ shape: [784] }), nn.gaussianNoise({ stddev: 0.1 }), nn.dense({ units: 128, activation: 'relu' }), nn.dense({ units: 64, activation: 'relu' }), nn.dense({ units: 10, activation: 'softmax' })], { backend })
      : nn.buildModel(nn.presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend });
    let backend, notice;
    try {
      const chosen = await nn.chooseBackend(job.backend);
      backend = chosen.backend; notice = chosen.notice;
    } catch (e) { postMessage({ unavailable: e.name + ': ' + e.message }); return; }
    const part = (from, n) => ({ images: split.images.subarray(from * 784, (from + n) * 784), labels: split.labels.subarray(from, from + n), count: n, height: 28, width: 28 });
    const model = layers();
    model.compile({ optimizer: nn.adam(), loss: 'sparseCategoricalCrossentropy' });
    const fit = async (s) => {
      const h = await model.fit(nn.imagesOf(s), nn.labelsOf(s), { epochs: 1, batchSize: 32, seed: 1 });
      await backend.device?.finish();
      return h;
    };
    await fit(part(0, job.warmup * 32));
    const t0 = performance.now();
    const h = await fit(part(job.warmup * 32, job.batches * 32));
    const seconds = (performance.now() - t0) / 1000;
    postMessage({ seconds, loss: h.history.loss[0], notice, threads: backend.threads ?? null });
  } catch (e) { postMessage({ error: e.name + ': ' + e.message }); }
};`;

/** The entry bundled for TF.js' worker: TF.js with its webgpu backend. */
export const TFJS_ENTRY = `
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { trainTfjs } from './tfjs-train.mjs';
self.onmessage = async ({ data: { job, split } }) => {
  try {
    if (!(await tf.setBackend('webgpu'))) { postMessage({ unavailable: 'TF.js webgpu backend did not start' }); return; }
    await tf.ready();
    const images = Float32Array.from(split.images, (v) => v / 255);
    const r = await trainTfjs(tf, { model: job.model, images, labels: split.labels, batches: job.batches, warmup: job.warmup });
    postMessage({ ...r, backend: tf.getBackend() });
  } catch (e) { postMessage({ error: String((e && e.message) || e) }); }
};`;

/** The entry bundled for jax-js' worker: its webgpu device. */
export const JAX_ENTRY = `
import * as jax from '@jax-js/jax';
import { trainJax } from './jax-train.mjs';
self.onmessage = async ({ data: { job, split } }) => {
  try {
    const devices = await jax.init('webgpu');
    if (!devices.includes('webgpu')) { postMessage({ unavailable: 'jax-js found no webgpu device (devices: ' + devices.join(', ') + ')' }); return; }
    jax.defaultDevice('webgpu');
    const images = Float32Array.from(split.images, (v) => v / 255);
    const r = await trainJax(jax, { model: job.model, images, labels: split.labels, batches: job.batches, warmup: job.warmup });
    postMessage({ ...r, device: jax.defaultDevice() });
  } catch (e) { postMessage({ error: String((e && e.message) || e) }); }
};`;
