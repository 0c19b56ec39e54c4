import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRun } from '../../run/build-run.js';
import { clusters } from '../../testing/synthetic.js';
import { loadModel } from './load-model.js';
import { saveModel } from './save-model.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);

const settings = { model: 'mlp', hidden: [8], activation: 'relu', noise: ['gaussian:stddev=0.2', 'gradient:eta=0.001'], optimizer: 'adam', lr: 0.01, momentum: 0 } as const;
const data = clusters(80, 10, 3, 2);
const options = { batchSize: 16, seed: 9 };

test('the optimizer state travels in the manifest optimizer group: fit after loadModel continues where training stopped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-opt-'));
  try {
    const whole = buildRun({ ...settings, noise: [...settings.noise], hidden: [8] }, { inputShape: [10], classes: 3 });
    const full = await whole.model.fit(data.x, data.y, { ...options, epochs: 4 });

    const first = buildRun({ ...settings, noise: [...settings.noise], hidden: [8] }, { inputShape: [10], classes: 3 });
    await first.model.fit(data.x, data.y, { ...options, epochs: 2 });
    await saveModel(first.model, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const group = json.weightsManifest[0].weights.filter((w: any) => w.group === 'optimizer');
    // GradientNoise's step, then Adam's step and its m and v of each of the 4 weights.
    assert.deepEqual(group.map((w: any) => w.name), Array.from({ length: 10 }, (_, i) => `optimizer/${i}`));

    const loaded = await loadModel(dir);
    assert.deepEqual(loaded.optimizer!.getWeights(), first.model.optimizer!.getWeights());
    const rest = await loaded.fit(data.x, data.y, { ...options, epochs: 4, initialEpoch: 2 });
    assert.deepEqual(rest.history['loss'], full.history['loss']!.slice(2));
    assert.deepEqual(loaded.getWeights().map((w) => Array.from(w.data)), whole.model.getWeights().map((w) => Array.from(w.data)));

    // Without it the same resume drifts: Adam restarts its moments.
    await saveModel(first.model, dir, { includeOptimizer: false });
    const fresh = await loadModel(dir);
    const drift = await fresh.fit(data.x, data.y, { ...options, epochs: 4, initialEpoch: 2 });
    assert.notDeepEqual(drift.history['loss'], full.history['loss']!.slice(2));
    assert.deepEqual((await readdir(dir)).sort(), ['model.json', 'weights-1.bin'], 'the new weights under the name the old model.json did not use; the old file removed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('TF.js still loads a folder carrying noisenet optimizer state', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-opt-tfjs-'));
  try {
    const run = buildRun({ ...settings, noise: ['gaussian:stddev=0.2'], hidden: [8] }, { inputShape: [10], classes: 3 });
    await run.model.fit(data.x, data.y, { ...options, epochs: 1 });
    await saveModel(run.model, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const bin = await readFile(join(dir, json.weightsManifest[0].paths[0]));
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const loaded = await tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }) });
    const ours = run.model.predict(data.x).data;
    const theirs = loaded.predict(tf.tensor2d(Array.from(data.x.data as Float32Array), [80, 10])).dataSync();
    for (let i = 0; i < ours.length; i++) assert.ok(Math.abs(ours[i]! - theirs[i]!) < 1e-5);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
