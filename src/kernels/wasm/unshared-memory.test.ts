/** The wasm backend on unshared memory (runtimes without SharedArrayBuffer): same results, fixed size, one thread. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createWasmBackend } from './wasm-backend.js';
import { nodeWasmPlatform, nodeWasmPlatformWith } from './node/platform.js';
import { wasmUnsupportedReason } from './support.js';
import type { WasmPlatform } from './platform.js';
import { api } from './wasm-api.js';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { dropout } from '../../noise/dropout.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { adam } from '../../optimizers/adam.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Backend } from '../backend.js';
import { NoisenetError } from '../../errors.js';

const unsharedModule = new (api().Module)(readFileSync(new URL('../../kernels-unshared.wasm', import.meta.url)));
const unshared = (pages: number): WasmPlatform => ({ kernels: () => unsharedModule, unsharedPages: pages });

async function train(backend: Backend): Promise<{ history: Record<string, number[]>; weights: Float32Array[] }> {
  const x = new Tensor(Uint8Array.from({ length: 300 * 64 }, (_, i) => (i * 37) % 256), [300, 64], 1 / 255);
  const y = new Tensor(Int32Array.from({ length: 300 }, (_, i) => (i * 7) % 10), [300]);
  const model = sequential([input({ shape: [64] }), gaussianNoise({ stddev: 0.2 }), dense({ units: 32, activation: 'relu' }), dropout({ rate: 0.3 }), dense({ units: 10, activation: 'softmax' })], { backend });
  model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(x, y, { epochs: 2, batchSize: 32, seed: 5, validationSplit: 0.2 });
  return { history: history.history, weights: model.getWeights().map((w) => w.data as Float32Array) };
}

describe('wasm backend on unshared memory', () => {
  it('needs WebAssembly SIMD only, not shared memory', () => {
    assert.equal(wasmUnsupportedReason({ shared: false }), null);
  });

  it('trains to the same history and weights, bit for bit, as the same (plain-SIMD) build on shared memory', async () => {
    const a = createWasmBackend({ threads: 1 }, unshared(256));
    const b = createWasmBackend({ threads: 2 }, nodeWasmPlatformWith('simd'));
    try {
      const [onUnshared, onShared] = [await train(a), await train(b)];
      assert.deepEqual(onUnshared, onShared);
    } finally {
      b.dispose();
    }
  });

  it('never grows: an allocation past its size is a one-line error, earlier buffers stay usable', () => {
    const be = createWasmBackend({ threads: 1 }, unshared(32)); // 2 MiB
    const small = be.alloc(4);
    small.set([1, 2, 3, 4]);
    assert.throws(() => be.alloc(1 << 20), (e: Error) => e instanceof NoisenetError && /^wasm backend: out of memory allocating 4194304 bytes \(the unshared memory is fixed at 2 MiB; .+\)$/.test(e.message));
    const out = be.alloc(4);
    be.add(small, small, out, 4);
    assert.deepEqual([...out], [2, 4, 6, 8]);
  });

  it('refuses threads', () => {
    assert.throws(() => createWasmBackend({ threads: 2 }, { ...unshared(32), threadPool: nodeWasmPlatform.threadPool! }), /^NoisenetError: wasm backend: 2 threads need shared memory, which this platform does not have \(use threads: 1\)$/);
  });
});
