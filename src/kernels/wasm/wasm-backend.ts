/**
 * The wasm backend: AssemblyScript kernels compiled to WebAssembly SIMD, on one shared
 * WebAssembly.Memory, split between worker threads for the large kernels when the platform
 * provides them. Every method of the Backend contract is synchronous.
 */
import type { Backend, RandomStream } from '../backend.js';
import type { BackendOptions } from '../backend-options.js';
import { NoisenetError } from '../../errors.js';
import { checkNumber } from '../../validate.js';
import { WasmMemory } from './memory.js';
import { instantiate } from './module.js';
import { defaultWasmPlatform, type WasmPlatform } from './platform.js';
import { WasmContext } from './context.js';
import { matmul } from './matmul.js';
import { binary, scale, adam, sgd, rmsprop } from './elementwise.js';
import { biasActivation, activationBackward } from './activation.js';
import { fill, WasmRandom } from './random.js';
import { gatherRows } from './gather.js';
import { OP, chunkFunctions } from './kernels.js';
import { WindowParams } from './window-params.js';
import { Workspace } from './workspace.js';
import { ConvKernels } from './conv.js';
import { PoolKernels } from './pool.js';
import { BatchNormKernels } from './batch-norm.js';

/** The arithmetic of a wasm backend's kernels: fused multiply-add (relaxed SIMD) or multiply then add. */
export type WasmArithmetic = 'relaxed-simd' | 'simd';

/** A wasm backend; `faultForTest` exists for the error-propagation tests only. */
export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  /** Threads kernels are split over, the main thread included. */
  readonly threads: number;
  /**
   * Which build of the kernels runs: `relaxed-simd` (fused multiply-add in the products and
   * convolutions, where the runtime supports relaxed SIMD) or `simd` (multiply then add).
   * Results differ between the two in the last bits; on one build they do not depend on threads.
   */
  readonly arithmetic: WasmArithmetic;
  /**
   * Bytes of wasm memory up to the highest block in use: buffers, the threads' scratch, the
   * kernels' work areas. It stops growing once every batch size has run a step, and falls
   * when the buffers at the top are freed (a model's `dispose()`).
   */
  readonly reservedBytes: number;
  /** Bytes below {@link reservedBytes} that were freed and wait for reuse. */
  readonly freeBytes: number;
  /** Size of the WebAssembly memory in bytes: what the process holds for it (it never shrinks). */
  readonly memoryBytes: number;
  /** Makes worker 1 fail its next job: `trap` (a wasm trap), `throw` (a JS exception) or `exit` (the thread ends). */
  faultForTest(kind: 'trap' | 'throw' | 'exit'): void;
}

/**
 * Creates a wasm backend on `platform` (default: kernels from `loadWasmKernels`, no threads)
 * with `options.threads` threads (default: the platform's, e.g. every core in Node; 1: no worker).
 * @throws NoisenetError when the kernels cannot be had, or threads > 1 on a platform without threads.
 */
export function createWasmBackend(options: BackendOptions = {}, platform: WasmPlatform = defaultWasmPlatform): WasmBackend {
  const threads = checkNumber('wasm backend', 'threads', options.threads ?? platform.defaultThreads?.() ?? 1, { min: 1, integer: true });
  if (threads > 1 && !platform.threadPool) throw new NoisenetError(`wasm backend: ${threads} threads need a thread pool, which this platform does not provide (use threads: 1)`);
  if (threads > 1 && platform.unsharedPages !== undefined) throw new NoisenetError(`wasm backend: ${threads} threads need shared memory, which this platform does not have (use threads: 1)`);
  const module = platform.kernels();
  const mem = new WasmMemory(platform.unsharedPages, platform.collectGarbage);
  const k = instantiate(module, mem.memory);
  mem.reserveStatic(k.heapBase());
  const fns = chunkFunctions(k, { throw: () => undefined, exit: () => undefined });
  const pool = threads > 1 ? platform.threadPool!(threads - 1, module, mem, fns) : null;
  const ctx = new WasmContext(mem, k, pool, fns);
  const params = new WindowParams(mem);
  const ws = new Workspace(mem);
  const conv = new ConvKernels(ctx, params, ws);
  const pooling = new PoolKernels(ctx, params);
  const bn = new BatchNormKernels(ctx, ws);

  return {
    name: 'wasm',
    dtype: 'float32',
    threads,
    arithmetic: k.relaxedSimd() === 1 ? 'relaxed-simd' : 'simd',
    get reservedBytes() {
      return mem.used;
    },
    get freeBytes() {
      return mem.freeBytes;
    },
    get memoryBytes() {
      return mem.memory.buffer.byteLength;
    },
    alloc: (n) => mem.floats(n),
    allocIndices: (n) => mem.ints(n),
    free: (buffer) => mem.freeView(buffer),
    conv2dForward: (x, f, y, g, bias, act) => conv.forward(x, f, y, g, bias, act),
    conv2dBackwardInput: (dy, f, dx, g) => conv.backwardInput(dy, f, dx, g),
    conv2dBackwardFilter: (x, dy, df, g) => conv.backwardFilter(x, dy, df, g),
    maxPool2dForward: (x, y, argmax, g) => pooling.maxForward(x, y, argmax, g),
    maxPool2dBackward: (dy, argmax, dx, g) => pooling.maxBackward(dy, argmax, dx, g),
    avgPool2dForward: (x, y, g) => pooling.avgForward(x, y, g),
    avgPool2dBackward: (dy, dx, g) => pooling.avgBackward(dy, dx, g),
    batchNormStatistics: (x, rows, cols, mean, variance) => bn.statistics(x, rows, cols, mean, variance),
    batchNormForward: (x, y, rows, cols, mean, variance, gamma, beta, eps) => bn.forward(x, y, rows, cols, mean, variance, gamma, beta, eps),
    batchNormBackward: (dy, x, rows, cols, mean, variance, gamma, eps, dx, dgamma, dbeta) => bn.backward(dy, x, rows, cols, mean, variance, gamma, eps, dx, dgamma, dbeta),
    matmul: (a, b, c, m, kk, n, transA, transB, accumulate) => matmul(ctx, a, b, c, m, kk, n, transA, transB, accumulate),
    biasActivation: (x, bias, y, rows, cols, act) => biasActivation(ctx, x, bias, y, rows, cols, act),
    activationBackward: (dy, x, y, rows, cols, act) => activationBackward(ctx, dy, x, y, rows, cols, act),
    sumRows(x, rows, cols, out, accumulate) {
      k.sumRows(0, cols, 0, mem.ptr(x, rows * cols, 'sumRows x'), rows, cols, mem.ptr(out, cols, 'sumRows out'), accumulate ? 1 : 0);
    },
    softmaxCrossEntropy(logits, labels, rows, cols, smoothing, grad, gradScale) {
      const pl = mem.ptr(logits, rows * cols, 'softmaxCrossEntropy logits');
      const pg = grad ? mem.ptr(grad, rows * cols, 'softmaxCrossEntropy grad') : 0;
      return k.softmaxCrossEntropy(pl, ctx.ints(labels, rows), rows, cols, smoothing, pg, gradScale);
    },
    countCorrect(scores, labels, rows, cols) {
      return k.countCorrect(mem.ptr(scores, rows * cols, 'countCorrect scores'), ctx.ints(labels, rows), rows, cols);
    },
    adamUpdate: (w, g, m, v, n, lrT, beta1, beta2, epsilon) => adam(ctx, w, g, m, v, n, lrT, beta1, beta2, epsilon),
    sgdUpdate: (w, g, vel, n, lr, momentum, nesterov) => sgd(ctx, w, g, vel, n, lr, momentum, nesterov),
    rmspropUpdate: (w, g, v, avg, mom, n, lr, rho, momentum, epsilon) => rmsprop(ctx, w, g, v, avg, mom, n, lr, rho, momentum, epsilon),
    add: (a, b, out, n) => binary(ctx, 'add', a, b, out, n),
    mul: (a, b, out, n) => binary(ctx, 'mul', a, b, out, n),
    scale: (a, s, t, out, n) => scale(ctx, a, s, t, out, n),
    sum: (a, n) => k.sum(mem.ptr(a, n, 'sum'), n),
    gatherRows: (src, index, start, count, rowSize, s, out) => gatherRows(ctx, src, index, start, count, rowSize, s, out),
    createRandom: (seed): RandomStream => new WasmRandom(seed >>> 0, ctx),
    fillUniform: (rng, out, n, lo, hi) => fill(ctx, 'fillUniform', rng, out, n, lo, hi),
    fillNormal: (rng, out, n, mean, std) => fill(ctx, 'fillNormal', rng, out, n, mean, std),
    fillBernoulli: (rng, out, n, p) => fill(ctx, 'fillBernoulli', rng, out, n, p, 0),
    faultForTest(kind) {
      if (!pool) throw new Error('faultForTest needs threads > 1');
      pool.run(OP[kind], 1, 1, 0, false);
    },
    dispose() {
      pool?.dispose();
    },
  };
}
