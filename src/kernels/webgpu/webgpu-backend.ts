/**
 * The webgpu backend: the kernel contract on a GPU device, in WGSL compute shaders. Buffers
 * live on the device; the arrays `alloc` returns are host copies kept by the DeviceMemory
 * protocol (see Backend.device), and the kernels that return a number queue it on the device.
 */
import type { Backend, DeviceMemory } from '../backend.js';
import { WebGpuContext } from './gpu-context.js';
import { activationBackward, biasActivation } from './activations.js';
import { add, mul, scale, sum } from './elementwise.js';
import { gatherRows } from './gather.js';
import { matmul, sumRows } from './linear.js';
import { countCorrect, softmaxCrossEntropy } from './losses.js';
import { adamUpdate, rmspropUpdate, sgdUpdate } from './optimizers.js';
import { fillBernoulli, fillNormal, fillUniform, GpuRandom } from './random.js';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward } from './convolution.js';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from './pooling.js';
import { batchNormBackward, batchNormForward, batchNormStatistics } from './batch-norm.js';

/** The backend on `device` (which it owns from now on: dispose() destroys it). */
export function createWebGpuBackendOn(device: GPUDevice): Backend & { readonly device: DeviceMemory } {
  const ctx = new WebGpuContext(device);
  const memory: DeviceMemory = {
    download: (buffers) => ctx.download(buffers),
    upload: (buffers) => ctx.upload(buffers),
    takeScalars: () => ctx.takeScalars(),
    finish: () => ctx.finish(),
  };
  return {
    name: 'webgpu',
    dtype: 'float32',
    device: memory,
    alloc: (n) => ctx.allocFloat(n),
    allocIndices: (n) => ctx.allocInt(n),
    free: (buffer) => ctx.free(buffer),

    matmul: (a, b, c, m, k, n, transA, transB, accumulate) => matmul(ctx, a, b, c, m, k, n, transA, transB, accumulate),
    biasActivation: (x, bias, y, rows, cols, act) => biasActivation(ctx, x, bias, y, rows, cols, act),
    activationBackward: (dy, x, y, rows, cols, act) => activationBackward(ctx, dy, x, y, rows, cols, act),
    sumRows: (x, rows, cols, out, accumulate) => sumRows(ctx, x, rows, cols, out, accumulate),
    softmaxCrossEntropy: (logits, labels, rows, cols, smoothing, grad, gradScale) => softmaxCrossEntropy(ctx, logits, labels, rows, cols, smoothing, grad, gradScale),
    countCorrect: (scores, labels, rows, cols) => countCorrect(ctx, scores, labels, rows, cols),
    adamUpdate: (w, g, m, v, n, lrT, beta1, beta2, epsilon) => adamUpdate(ctx, w, g, m, v, n, lrT, beta1, beta2, epsilon),
    sgdUpdate: (w, g, vel, n, lr, momentum, nesterov) => sgdUpdate(ctx, w, g, vel, n, lr, momentum, nesterov),
    rmspropUpdate: (w, g, v, avg, mom, n, lr, rho, momentum, epsilon) => rmspropUpdate(ctx, w, g, v, avg, mom, n, lr, rho, momentum, epsilon),
    add: (a, b, out, n) => add(ctx, a, b, out, n),
    mul: (a, b, out, n) => mul(ctx, a, b, out, n),
    scale: (a, s, t, out, n) => scale(ctx, a, s, t, out, n),
    sum: (a, n) => sum(ctx, a, n),
    gatherRows: (src, index, start, count, rowSize, s, out) => gatherRows(ctx, src, index, start, count, rowSize, s, out),

    // ---- Window kernels (convolution, pooling, batch norm): convolution.ts, pooling.ts and
    // batch-norm.ts of this folder plug in here, each `(ctx, ...contract args) => void`.
    conv2dForward: (x, filter, y, g, bias, act) => conv2dForward(ctx, x, filter, y, g, bias, act),
    conv2dBackwardInput: (dy, filter, dx, g) => conv2dBackwardInput(ctx, dy, filter, dx, g),
    conv2dBackwardFilter: (x, dy, dfilter, g) => conv2dBackwardFilter(ctx, x, dy, dfilter, g),
    maxPool2dForward: (x, y, argmax, g) => maxPool2dForward(ctx, x, y, argmax, g),
    maxPool2dBackward: (dy, argmax, dx, g) => maxPool2dBackward(ctx, dy, argmax, dx, g),
    avgPool2dForward: (x, y, g) => avgPool2dForward(ctx, x, y, g),
    avgPool2dBackward: (dy, dx, g) => avgPool2dBackward(ctx, dy, dx, g),
    batchNormStatistics: (x, rows, cols, mean, variance) => batchNormStatistics(ctx, x, rows, cols, mean, variance),
    batchNormForward: (x, y, rows, cols, mean, variance, gamma, beta, epsilon) => batchNormForward(ctx, x, y, rows, cols, mean, variance, gamma, beta, epsilon),
    batchNormBackward: (dy, x, rows, cols, mean, variance, gamma, epsilon, dx, dgamma, dbeta) => batchNormBackward(ctx, dy, x, rows, cols, mean, variance, gamma, epsilon, dx, dgamma, dbeta),
    // ---- End of the window kernels.

    createRandom: (seed) => new GpuRandom(seed >>> 0),
    fillUniform: (rng, out, n, lo, hi) => fillUniform(ctx, rng, out, n, lo, hi),
    fillNormal: (rng, out, n, mean, std) => fillNormal(ctx, rng, out, n, mean, std),
    fillBernoulli: (rng, out, n, p) => fillBernoulli(ctx, rng, out, n, p),

    dispose: () => ctx.dispose(),
  };
}
