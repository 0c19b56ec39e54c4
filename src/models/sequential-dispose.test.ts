/**
 * A model gives its memory back: runs that each build a new model keep the wasm memory and the
 * process's RSS flat, whether the models are disposed or dropped; a disposed model refuses work.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { sequential, type Sequential } from './sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { dropout } from '../noise/dropout.js';
import { Tensor } from '../tensor/tensor.js';
import { getBackend } from '../kernels/registry.js';
import type { WasmBackend } from '../kernels/wasm/wasm-backend.js';
import { NoisenetError } from '../errors.js';

const MiB = 2 ** 20;
const SAMPLES = 100;
const x = new Tensor(Float32Array.from({ length: SAMPLES * 784 }, (_, i) => ((i * 2654435761) >>> 0) / 2 ** 32), [SAMPLES, 784]);
const y = new Tensor(Int32Array.from({ length: SAMPLES }, (_, i) => i % 10), [SAMPLES]);

function mlp(hidden: number[]): Sequential {
  const model = sequential([input({ shape: [784] }), ...hidden.flatMap((units) => [dense({ units, activation: 'relu' }), dropout({ rate: 0.1 })]), dense({ units: 10, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** The wasm memory and the RSS after each of `runs` runs of a new model. */
async function measure(runs: number, hidden: number[], dispose: boolean): Promise<{ wasm: number[]; rss: number[]; losses: number[] }> {
  const backend = getBackend() as WasmBackend;
  const wasm: number[] = [];
  const rss: number[] = [];
  const losses: number[] = [];
  for (let r = 0; r < runs; r++) {
    const model = mlp(hidden);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 32, seed: 7, warn: () => undefined });
    losses.push(history.history['loss']![0]!);
    if (dispose) model.dispose();
    wasm.push(backend.memoryBytes / MiB);
    rss.push(process.memoryUsage().rss / MiB);
  }
  return { wasm, rss, losses };
}

const wasmBackend = getBackend().name === 'wasm';

it('50 runs of a [256, 256] MLP, each model disposed, keep the wasm memory and the RSS flat', { skip: !wasmBackend && 'the default backend is not wasm' }, async () => {
  const { wasm, rss, losses } = await measure(50, [256, 256], true);
  assert.ok(wasm[49]! <= wasm[4]!, `wasm memory after run 5: ${wasm[4]} MiB, after run 50: ${wasm[49]} MiB`);
  assert.ok(rss[49]! - rss[4]! < 48, `RSS after run 5: ${rss[4]!.toFixed(0)} MiB, after run 50: ${rss[49]!.toFixed(0)} MiB`);
  assert.ok(losses.every((l) => l === losses[0]), `every run of the same seed on reused memory trains alike: ${losses.join(', ')}`);
});

it('100 fit calls on new models, never disposed, keep the wasm memory and the RSS flat', { skip: !wasmBackend && 'the default backend is not wasm' }, async () => {
  const { wasm, rss } = await measure(100, [256, 256], false);
  // Each model holds about 4.4 MiB (weights, gradients, Adam's moments): 100 kept would be 440 MiB.
  assert.ok(wasm[99]! - wasm[9]! <= 16, `wasm memory after call 10: ${wasm[9]} MiB, after call 100: ${wasm[99]} MiB`);
  assert.ok(rss[99]! - rss[9]! < 64, `RSS after call 10: ${rss[9]!.toFixed(0)} MiB, after call 100: ${rss[99]!.toFixed(0)} MiB`);
});

it('a disposed model refuses to train, predict or give its weights, and still describes itself', async () => {
  const model = mlp([16]);
  await model.fit(x, y, { epochs: 1, seed: 1 });
  model.dispose();
  model.dispose(); // again: nothing
  assert.ok(model.isDisposed);
  const refused = (e: Error): boolean => e instanceof NoisenetError && /was disposed/.test(e.message);
  await assert.rejects(model.fit(x, y, { epochs: 1, seed: 1 }), refused);
  assert.throws(() => model.predict(x), refused);
  assert.throws(() => model.getWeights(), refused);
  assert.equal(model.getConfig().layers.length, 4);
});
