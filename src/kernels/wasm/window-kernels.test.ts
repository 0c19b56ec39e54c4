/**
 * The wasm convolution, pooling and batch-norm kernels: bit-identical results on 1, 2 and 3
 * threads for every convolution algorithm, the random-shape families of the conformance suite
 * reaching every algorithm, the allocator not growing after the first batch of each size, and
 * the relaxed-SIMD build fusing its multiply-adds.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmBackend, type WasmBackend } from './wasm-backend.js';
import { nodeWasmPlatformWith, relaxedSimdAvailable } from './node/platform.js';
import { convAlgorithm, winogradTile } from './conv.js';
import { conv2dGeometry, filterSize, inputSize, outputSize, pool2dGeometry, type Conv2dShape } from '../window-geometry.js';
import { CONV_FAMILIES, randomConv } from '../../testing/conformance/window-random.js';
import { randomArray, put } from '../../testing/conformance/helpers.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { conv2d } from '../../layers/conv2d.js';
import { maxPooling2d } from '../../layers/max-pooling2d.js';
import { flatten } from '../../layers/flatten.js';
import { dense } from '../../layers/dense.js';
import { adam } from '../../optimizers/adam.js';
import { Tensor } from '../../tensor/tensor.js';

const conv = (inShape: [number, number, number], filters: number, kernel: number, strides = 1, padding: 'valid' | 'same' = 'valid'): Conv2dShape => ({
  inShape, filters, kernelSize: [kernel, kernel], strides: [strides, strides], dilationRate: [1, 1], padding,
});

/** One shape per algorithm (and Winograd tile size), large enough that every kernel is split between threads. */
const SHAPES: [string, Conv2dShape][] = [
  ['winograd F(4x4)', conv([13, 13, 32], 64, 3)],
  ['winograd F(2x2)', conv([6, 6, 20], 12, 3, 1, 'same')],
  ['direct', conv([28, 28, 1], 32, 3)],
  ['im2col', conv([15, 15, 9], 18, 3, 2, 'same')],
];

describe('wasm window kernels', () => {
  const backends = new Map<number, WasmBackend>();
  const get = (threads: number): WasmBackend => {
    let b = backends.get(threads);
    if (!b) backends.set(threads, (b = createWasmBackend({ threads }, nodeWasmPlatformWith('simd'))));
    return b;
  };
  after(() => {
    for (const b of backends.values()) b.dispose();
  });

  it('the shapes here and the conformance families reach every convolution algorithm', () => {
    const reached = new Set(SHAPES.map(([, s]) => { const g = conv2dGeometry(8, s); const a = convAlgorithm(g); return a === 'winograd' ? `winograd F(${winogradTile(g)}x${winogradTile(g)})` : a; }));
    assert.deepEqual([...reached].sort(), SHAPES.map(([name]) => name).sort());
    const rng = new Xoshiro128(2024); // the conformance suite's seed
    const families = new Set<string>();
    for (const family of CONV_FAMILIES) for (let i = 0; i < 8; i++) { const g = randomConv(family, rng); families.add(convAlgorithm(g) === 'winograd' ? `winograd${winogradTile(g)}` : convAlgorithm(g)); }
    assert.deepEqual([...families].sort(), ['direct', 'im2col', 'winograd2', 'winograd4']);
  });

  it('Winograd takes 4x4 tiles where they fit the output and 2x2 tiles where 4x4 ones would overhang it', () => {
    const tile = (size: number): number => winogradTile(conv2dGeometry(128, conv([size, size, 32], 32, 3, 1, 'same')));
    // 4x4 tiles need 0.56 of the 2x2 tiles' products on 28, 16, 12 and 7 pixels; 0.74 on 14, 0.81 on 10.
    assert.deepEqual([28, 16, 12, 7].map(tile), [4, 4, 4, 4]);
    assert.deepEqual([14, 10, 6].map(tile), [2, 2, 2]);
  });

  it('convolutions give bit-identical results with 1, 2 and 3 threads, the bias and activation fused or not', () => {
    let seed = 40;
    for (const [name, shape] of SHAPES) {
      const g = conv2dGeometry(37, shape); // 37 images: not a multiple of the filter-gradient parts
      const x = randomArray(seed++, inputSize(g));
      const f = randomArray(seed++, filterSize(g));
      const dy = randomArray(seed++, outputSize(g));
      const bias = randomArray(seed++, g.outChannels);
      const results = [1, 2, 3].map((t) => {
        const b = get(t);
        const y = b.alloc(outputSize(g));
        const yFused = b.alloc(outputSize(g));
        const dx = b.alloc(inputSize(g));
        const df = b.alloc(filterSize(g));
        b.conv2dForward(put(b, x), put(b, f), y, g);
        b.conv2dForward(put(b, x), put(b, f), yFused, g, put(b, bias), 'relu');
        b.conv2dBackwardInput(put(b, dy), put(b, f), dx, g);
        b.conv2dBackwardFilter(put(b, x), put(b, dy), df, g);
        return [y, yFused, dx, df].map((v) => Float32Array.from(v));
      });
      assert.deepEqual(results[1], results[0], `${name}, 2 threads`);
      assert.deepEqual(results[2], results[0], `${name}, 3 threads`);
    }
  });

  it('pooling and batch norm give bit-identical results with 1, 2 and 3 threads', () => {
    const pg = pool2dGeometry(37, { inShape: [26, 26, 13], poolSize: [3, 3], strides: [2, 2], padding: 'same' });
    const x = randomArray(5, inputSize(pg));
    const dy = randomArray(6, outputSize(pg));
    const rows = 37 * 26 * 26, cols = 13;
    const results = [1, 2, 3].map((t) => {
      const b = get(t);
      const y = b.alloc(outputSize(pg)), argmax = b.allocIndices(outputSize(pg)), dx = b.alloc(inputSize(pg));
      b.maxPool2dForward(put(b, x), y, argmax, pg);
      b.maxPool2dBackward(put(b, dy), argmax, dx, pg);
      const ay = b.alloc(outputSize(pg)), adx = b.alloc(inputSize(pg));
      b.avgPool2dForward(put(b, x), ay, pg);
      b.avgPool2dBackward(put(b, dy), adx, pg);
      const bx = put(b, x), mean = b.alloc(cols), variance = b.alloc(cols), gamma = put(b, randomArray(7, cols)), beta = put(b, randomArray(8, cols));
      b.batchNormStatistics(bx, rows, cols, mean, variance);
      const by = b.alloc(rows * cols), bdx = b.alloc(rows * cols), dgamma = b.alloc(cols), dbeta = b.alloc(cols);
      b.batchNormForward(bx, by, rows, cols, mean, variance, gamma, beta, 1e-3);
      b.batchNormBackward(put(b, x), bx, rows, cols, mean, variance, gamma, 1e-3, bdx, dgamma, dbeta);
      return [y, Float32Array.from(argmax), dx, ay, adx, mean, variance, by, bdx, dgamma, dbeta].map((v) => Float32Array.from(v));
    });
    assert.deepEqual(results[1], results[0], '2 threads');
    assert.deepEqual(results[2], results[0], '3 threads');
  });

  it('batch-norm sums add each column row after row in double precision, the parts in order, to the bit', () => {
    // 16 columns (four SIMD groups), 13 (three groups and one column alone); 3,000 rows of 13 are three parts of 16k elements.
    for (const [rows, cols] of [[500, 16], [600, 13], [3000, 13]] as const) {
      const count = Math.max(1, Math.min(32, rows, Math.ceil((rows * cols) / (16 * 1024))));
      const x = randomArray(11, rows * cols, -3, 5), dy = randomArray(12, rows * cols);
      const sums = (term: (i: number, j: number) => number): number[] =>
        Array.from({ length: cols }, (_, j) => {
          let total = 0;
          for (let p = 0; p < count; p++) {
            let s = 0;
            for (let r = Math.floor((p * rows) / count); r < Math.floor(((p + 1) * rows) / count); r++) s += term(r * cols + j, j);
            total += s;
          }
          return total;
        });
      const mean64 = sums((i) => x[i]!).map((s) => s / rows);
      const variance = Float32Array.from(sums((i, j) => (x[i]! - mean64[j]!) ** 2), (s) => s / rows);
      const mean = Float32Array.from(mean64);
      const dbeta = Float32Array.from(sums((i) => dy[i]!));
      const dgamma = Float32Array.from(sums((i, j) => dy[i]! * (x[i]! - mean[j]!)), (s, j) => s * (1 / Math.sqrt(variance[j]! + 1e-3)));
      for (const threads of [1, 2]) {
        const b = get(threads);
        const m = b.alloc(cols), v = b.alloc(cols), dg = b.alloc(cols), db = b.alloc(cols), dx = b.alloc(rows * cols);
        const bx = put(b, x);
        b.batchNormStatistics(bx, rows, cols, m, v);
        assert.deepEqual(Float32Array.from(m), mean, `mean, ${rows}x${cols}, ${threads} threads`);
        assert.deepEqual(Float32Array.from(v), variance, `variance, ${rows}x${cols}, ${threads} threads`);
        b.batchNormBackward(put(b, dy), bx, rows, cols, m, v, put(b, randomArray(13, cols)), 1e-3, dx, dg, db);
        assert.deepEqual(Float32Array.from(db), dbeta, `dbeta, ${rows}x${cols}, ${threads} threads`);
        assert.deepEqual(Float32Array.from(dg), dgamma, `dgamma, ${rows}x${cols}, ${threads} threads`);
      }
    }
  });

  it('training a conv model allocates nothing after the first step of each batch size', async () => {
    const b = createWasmBackend({ threads: 2 }, nodeWasmPlatformWith('simd'));
    try {
      const model = sequential(
        [input({ shape: [12, 12, 1] }), conv2d({ filters: 6, kernelSize: 3, activation: 'relu' }), maxPooling2d({ poolSize: 2 }), conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }), flatten(), dense({ units: 3, activation: 'softmax' })],
        { backend: b },
      );
      model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy' });
      // 70 samples at batch 32: steps of 32, 32 and a short one of 6; validation batches of 32 and 8.
      const x = new Tensor(randomArray(1, 70 * 144, 0, 1), [70, 12, 12, 1]);
      const y = new Tensor(Int32Array.from({ length: 70 }, (_, i) => i % 3), [70]);
      const vx = new Tensor(randomArray(2, 40 * 144, 0, 1), [40, 12, 12, 1]);
      const vy = new Tensor(Int32Array.from({ length: 40 }, (_, i) => i % 3), [40]);
      await model.fit(x, y, { epochs: 1, batchSize: 32, seed: 1, validationData: [vx, vy] });
      const after1 = b.reservedBytes;
      await model.fit(x, y, { epochs: 2, batchSize: 32, seed: 2, validationData: [vx, vy] });
      assert.equal(b.reservedBytes, after1);
    } finally {
      b.dispose();
    }
  });

  it('the relaxed-SIMD build fuses multiply-adds (one rounding), the plain one rounds the product first', { skip: !relaxedSimdAvailable() && 'V8 does not compile relaxed SIMD here' }, () => {
    // 1 * -1 + (1 + 2^-12)^2: the product's last bit (2^-24) is lost when rounded before the add.
    const a = [-1, 1 + 2 ** -12], bm = [1, 1 + 2 ** -12];
    const results = (['simd', 'relaxed-simd'] as const).map((arithmetic) => {
      const b = createWasmBackend({ threads: 1 }, nodeWasmPlatformWith(arithmetic));
      try {
        assert.equal(b.arithmetic, arithmetic);
        const c = b.alloc(1);
        b.matmul(put(b, a), put(b, bm), c, 1, 2, 1, false, false, false);
        return c[0];
      } finally {
        b.dispose();
      }
    });
    assert.deepEqual(results, [2 ** -11, 2 ** -11 + 2 ** -24]);
  });
});
