/**
 * PLACEHOLDER: the convolution, pooling and batch-norm kernels of the wasm backend as the
 * reference TypeScript loops (src/kernels/ref/) run over the backend's memory on the calling
 * thread. Correct, and bit-identical for any thread count (one thread computes everything),
 * but slow: these are to be replaced by WebAssembly SIMD kernels. Each wrapper checks that
 * the buffers are this backend's and long enough, as every wasm kernel does.
 */
import type { Backend, Conv2dGeometry, FloatArray, Pool2dGeometry } from '../backend.js';
import { filterSize, inputSize, outputSize } from '../window-geometry.js';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward } from '../ref/conv2d.js';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from '../ref/pool2d.js';
import { batchNormBackward, batchNormForward, batchNormStatistics } from '../ref/batch-norm.js';
import { NoisenetError, ShapeError } from '../../errors.js';
import type { WasmMemory } from './memory.js';

type ConvKernels = Pick<Backend, 'conv2dForward' | 'conv2dBackwardInput' | 'conv2dBackwardFilter' | 'maxPool2dForward' | 'maxPool2dBackward' | 'avgPool2dForward' | 'avgPool2dBackward' | 'batchNormStatistics' | 'batchNormForward' | 'batchNormBackward'>;

/** The fallback kernels on `mem`. */
export function convFallback(mem: WasmMemory): ConvKernels {
  const check = (v: FloatArray, n: number, what: string): void => void mem.ptr(v, n, what);
  const checkIndices = (v: Int32Array, n: number, what: string): void => {
    if (!mem.owns(v)) throw new NoisenetError(`wasm backend: ${what} must be a buffer allocated by this backend (backend.allocIndices)`);
    if (v.length < n) throw new ShapeError(`wasm backend: ${what} holds ${v.length} values, the call needs ${n}`);
  };
  const conv = (g: Conv2dGeometry, x: FloatArray, f: FloatArray, y: FloatArray, op: string): void => {
    check(x, inputSize(g), `${op} x`);
    check(f, filterSize(g), `${op} filter`);
    check(y, outputSize(g), `${op} y`);
  };
  const pool = (g: Pool2dGeometry, x: FloatArray, y: FloatArray, op: string): void => {
    check(x, inputSize(g), `${op} x`);
    check(y, outputSize(g), `${op} y`);
  };
  const stats = (n: number, cols: number, op: string, matrices: FloatArray[], vectors: FloatArray[]): void => {
    matrices.forEach((m, i) => check(m, n, `${op} matrix ${i}`));
    vectors.forEach((v, i) => check(v, cols, `${op} vector ${i}`));
  };
  return {
    conv2dForward(x, filter, y, g) {
      conv(g, x, filter, y, 'conv2dForward');
      conv2dForward(x, filter, y, g);
    },
    conv2dBackwardInput(dy, filter, dx, g) {
      conv(g, dx, filter, dy, 'conv2dBackwardInput');
      conv2dBackwardInput(dy, filter, dx, g);
    },
    conv2dBackwardFilter(x, dy, dfilter, g) {
      conv(g, x, dfilter, dy, 'conv2dBackwardFilter');
      conv2dBackwardFilter(x, dy, dfilter, g);
    },
    maxPool2dForward(x, y, argmax, g) {
      pool(g, x, y, 'maxPool2dForward');
      checkIndices(argmax, outputSize(g), 'maxPool2dForward argmax');
      maxPool2dForward(x, y, argmax, g);
    },
    maxPool2dBackward(dy, argmax, dx, g) {
      pool(g, dx, dy, 'maxPool2dBackward');
      checkIndices(argmax, outputSize(g), 'maxPool2dBackward argmax');
      maxPool2dBackward(dy, argmax, dx, g);
    },
    avgPool2dForward(x, y, g) {
      pool(g, x, y, 'avgPool2dForward');
      avgPool2dForward(x, y, g);
    },
    avgPool2dBackward(dy, dx, g) {
      pool(g, dx, dy, 'avgPool2dBackward');
      avgPool2dBackward(dy, dx, g);
    },
    batchNormStatistics(x, rows, cols, mean, variance) {
      stats(rows * cols, cols, 'batchNormStatistics', [x], [mean, variance]);
      batchNormStatistics(x, rows, cols, mean, variance);
    },
    batchNormForward(x, y, rows, cols, mean, variance, gamma, beta, epsilon) {
      stats(rows * cols, cols, 'batchNormForward', [x, y], [mean, variance, gamma, beta]);
      batchNormForward(x, y, rows, cols, mean, variance, gamma, beta, epsilon);
    },
    batchNormBackward(dy, x, rows, cols, mean, variance, gamma, epsilon, dx, dgamma, dbeta) {
      stats(rows * cols, cols, 'batchNormBackward', [dy, x, dx], [mean, variance, gamma, dgamma, dbeta]);
      batchNormBackward(dy, x, rows, cols, mean, variance, gamma, epsilon, dx, dgamma, dbeta);
    },
  };
}
