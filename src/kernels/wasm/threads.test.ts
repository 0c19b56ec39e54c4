/** The wasm backend's threads: identical results for any thread count, errors, clean exit. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWasmBackend as createWasm, type WasmBackend } from './wasm-backend.js';
import { nodeWasmPlatform } from './node/platform.js';
import { randomArray, put } from '../../testing/conformance/helpers.js';
import { getBackend, backendNotice } from '../registry.js';
import { useNodePlatform } from '../node/platform.js';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { adam } from '../../optimizers/adam.js';
import { Tensor } from '../../tensor/tensor.js';

useNodePlatform();
const createWasmBackend = (options: { threads: number }): WasmBackend => createWasm(options, nodeWasmPlatform);

describe('wasm backend threads', () => {
  const backends = new Map<number, WasmBackend>();
  const get = (threads: number): WasmBackend => {
    let b = backends.get(threads);
    if (!b) backends.set(threads, (b = createWasmBackend({ threads })));
    return b;
  };
  after(() => {
    for (const b of backends.values()) b.dispose();
  });

  it('matmul gives bit-identical results with 1, 2 and 3 threads', () => {
    for (const [m, k, n] of [[32, 784, 128], [784, 32, 128], [256, 128, 64], [33, 100, 31], [100, 64, 10]] as const) {
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const a = randomArray(m + k, m * k);
        const b = randomArray(k + n, k * n);
        const results = [1, 2, 3].map((t) => {
          const be = get(t);
          const c = put(be, randomArray(1, m * n));
          be.matmul(put(be, a), put(be, b), c, m, k, n, transA, transB, true);
          return Float32Array.from(c);
        });
        assert.deepEqual(results[1], results[0], `${m}x${k}x${n} transA=${transA} transB=${transB}, 2 threads`);
        assert.deepEqual(results[2], results[0], `${m}x${k}x${n} transA=${transA} transB=${transB}, 3 threads`);
      }
    }
  });

  it('random fills and Adam give bit-identical results with 1, 2 and 3 threads', () => {
    const results = [1, 2, 3].map((t) => {
      const be = get(t);
      const rng = be.createRandom(99);
      const out = be.alloc(300_001);
      const parts: Float32Array[] = [];
      be.fillNormal(rng, out, 300_001, 0, 1);
      parts.push(Float32Array.from(out));
      be.fillUniform(rng, out, 200_000, 0, 1);
      parts.push(Float32Array.from(out));
      be.fillBernoulli(rng, out, 100_000, 0.5);
      parts.push(Float32Array.from(out));
      const w = put(be, randomArray(3, 100_003));
      const g = put(be, randomArray(4, 100_003));
      be.adamUpdate(w, g, be.alloc(100_003), be.alloc(100_003), 100_003, 0.01, 0.9, 0.999, 1e-7);
      parts.push(Float32Array.from(w));
      return parts;
    });
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
  });

  it('training gives bit-identical weights with 1 and 2 threads', async () => {
    // Large enough that the matrix products, the noise and Adam are all split between threads.
    const x = new Tensor(Uint8Array.from(randomArray(9, 640 * 512, 0, 256), Math.floor), [640, 512], 1 / 255);
    const y = new Tensor(Int32Array.from({ length: 640 }, (_, i) => (i * 7) % 10), [640]);
    const weights = await Promise.all(
      [1, 2].map(async (t) => {
        const model = sequential([input({ shape: [512] }), gaussianNoise({ stddev: 0.2 }), dense({ units: 128, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })], { backend: get(t) });
        model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy' });
        await model.fit(x, y, { epochs: 2, batchSize: 32, seed: 3 });
        return model.getWeights().map((w) => w.data);
      }),
    );
    assert.deepEqual(weights[1], weights[0]);
  });

  it('a failing worker makes the kernel call throw its message, and a dead one does not hang', () => {
    const be = createWasmBackend({ threads: 2 });
    try {
      assert.throws(() => be.faultForTest('trap'), /worker 1 failed: RuntimeError: unreachable/);
      assert.throws(() => be.faultForTest('throw'), /worker 1 failed: Error: test fault: worker threw/);
      const c = be.alloc(32 * 128);
      be.matmul(be.alloc(32 * 784), be.alloc(784 * 128), c, 32, 784, 128, false, false, false); // still works
      assert.throws(() => be.faultForTest('exit'), /worker 1 died: worker thread exited \(code 70\)/);
      assert.throws(() => be.matmul(be.alloc(32 * 784), be.alloc(784 * 128), c, 32, 784, 128, false, false, false), /worker 1 died/);
    } finally {
      be.dispose();
    }
  });

  it('buffers stay valid when the memory grows', () => {
    const be = get(2);
    const small = put(be, [1, 2, 3, 4, 5]);
    be.alloc(48 * 2 ** 20); // forces the memory to grow
    const out = be.alloc(5);
    be.add(small, small, out, 5);
    assert.deepEqual([...out], [2, 4, 6, 8, 10]);
  });

  it('rejects buffers it did not allocate', () => {
    assert.throws(() => get(1).add(new Float32Array(4), new Float32Array(4), new Float32Array(4), 4), /allocated by this backend/);
  });

  it('is the default backend here, with no notice', () => {
    assert.equal(getBackend().name, 'wasm');
    assert.equal(backendNotice(), null);
  });

  it('a process that never disposes its backend still exits', () => {
    const script = `
      import { createWasmBackend } from ${JSON.stringify(new URL('./wasm-backend.js', import.meta.url).href)};
      import { nodeWasmPlatform } from ${JSON.stringify(new URL('./node/platform.js', import.meta.url).href)};
      const b = createWasmBackend({ threads: 2 }, nodeWasmPlatform);
      const c = b.alloc(32 * 128);
      b.matmul(b.alloc(32 * 784), b.alloc(784 * 128), c, 32, 784, 128, false, false, false);
      console.log('ok');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, `exit status ${r.status}, signal ${r.signal}: ${r.stderr}`);
    assert.equal(r.stdout.trim(), 'ok');
  });
});
