/**
 * The webgpu convolution, pooling and batch-norm kernels against the float64 reference backend,
 * run inside a page that has a GPUDevice (headless Chromium on SwiftShader in the tests). Each
 * case returns its worst error relative to its tolerance instead of asserting, so the Node side
 * reports every failing case at once. Tolerances, per kernel:
 *
 * - convolutions (forward, both gradients): `2 (k + 2) u s` per element, u = 2^-24, s the same
 *   product over absolute values: the worst-case rounding of a k-term float32 sum of products in
 *   any order (the GPU's tiles add in another order than the reference);
 * - the fused bias and activation: the same with one more term, plus 2e-6 absolute and relative
 *   for the activation's own evaluation (WGSL's `exp` and `tanh` are not correctly rounded);
 * - max pooling: exact (values and argmax), its gradient bit-identical to the float32 reference
 *   (each input gathers the outputs that chose it in output order, as the reference adds them);
 * - average pooling: 1e-6 relative plus 1e-7 absolute (sums of at most a window of terms, then
 *   a division where the reference multiplies by the inverse);
 * - batch norm: 1e-5 relative plus 1e-6 absolute for statistics and gradients (column sums over
 *   all rows in float32, chunked then added in a fixed order; the reference sums in float64).
 */
import type { Activation, Conv2dGeometry } from '../kernels/backend.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { conv2dGeometry, filterSize, inputSize, outputSize, pool2dGeometry, type Conv2dShape, type Pool2dShape } from '../kernels/window-geometry.js';
import { WebGpuContext } from '../kernels/webgpu/gpu-context.js';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward } from '../kernels/webgpu/convolution.js';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from '../kernels/webgpu/pooling.js';
import { batchNormBackward, batchNormForward, batchNormStatistics } from '../kernels/webgpu/batch-norm.js';
import { Xoshiro128 } from '../random/xoshiro.js';

/** One checked output: its worst element as a multiple of its tolerance (at most 1 passes). */
export interface CaseResult {
  name: string;
  /** max over elements of |actual - expected| / tolerance; Infinity when NaN does not match NaN. */
  worst: number;
  /** The element that gave `worst`, with its values. */
  detail: string;
}

const U = 2 ** -24;

function random(seed: number, n: number, lo = -1, hi = 1): Float32Array {
  const g = new Xoshiro128(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * g.uniform());
}

function compare(name: string, actual: ArrayLike<number>, expected: ArrayLike<number>, n: number, tolerance: (i: number, e: number) => number): CaseResult {
  let worst = 0;
  let detail = '';
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    const err = Number.isNaN(a) !== Number.isNaN(e) ? Infinity : a === e ? 0 : Math.abs(a - e) / tolerance(i, e);
    if (err > worst || Number.isNaN(err)) {
      worst = Number.isNaN(err) ? Infinity : err;
      detail = `element ${i}: ${a}, expected ${e}`;
    }
  }
  return { name, worst, detail };
}

const bitwise = (name: string, actual: ArrayLike<number>, expected: ArrayLike<number>, n: number): CaseResult =>
  compare(name, actual, expected, n, () => 0);

/** Convolution geometries: odd sizes and channel counts, strides, dilation, both paddings, the convnet's two layers (small batch). */
export const CONV_CASES: readonly [number, Conv2dShape][] = [
  [3, { inShape: [28, 28, 1], filters: 32, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' }],
  [2, { inShape: [13, 13, 32], filters: 64, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' }],
  [3, { inShape: [9, 11, 5], filters: 7, kernelSize: [3, 2], strides: [2, 3], dilationRate: [1, 1], padding: 'same' }],
  [2, { inShape: [10, 9, 3], filters: 19, kernelSize: [2, 3], strides: [1, 1], dilationRate: [2, 3], padding: 'valid' }],
  [5, { inShape: [7, 8, 17], filters: 3, kernelSize: [1, 1], strides: [2, 2], dilationRate: [1, 1], padding: 'same' }],
  [1, { inShape: [12, 14, 9], filters: 70, kernelSize: [5, 4], strides: [2, 1], dilationRate: [1, 1], padding: 'same' }],
  [4, { inShape: [6, 6, 2], filters: 1, kernelSize: [4, 4], strides: [3, 3], dilationRate: [1, 1], padding: 'same' }],
];

/** Pooling geometries: overlapping windows, padding, odd channels. */
export const POOL_CASES: readonly [number, Pool2dShape][] = [
  [3, { inShape: [26, 26, 32], poolSize: [2, 2], strides: [2, 2], padding: 'valid' }],
  [2, { inShape: [7, 8, 9], poolSize: [3, 3], strides: [2, 2], padding: 'same' }],
  [3, { inShape: [8, 6, 5], poolSize: [3, 2], strides: [1, 2], padding: 'valid' }],
  [2, { inShape: [9, 7, 3], poolSize: [4, 4], strides: [3, 1], padding: 'same' }],
];

/** Batch-norm shapes: rows x cols. */
export const BATCH_NORM_CASES: readonly [number, number][] = [[1, 1], [37, 5], [4 * 13 * 13, 16], [300, 33], [5000, 3]];

const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid', 'tanh', 'elu', 'gelu', 'softplus', 'softmax'];

function describeConv(g: Conv2dGeometry): string {
  return `batch ${g.batch} ${g.inHeight}x${g.inWidth}x${g.inChannels} -> ${g.outChannels} k ${g.kernelHeight}x${g.kernelWidth} s ${g.strideHeight},${g.strideWidth} d ${g.dilationHeight},${g.dilationWidth} pad ${g.padTop},${g.padLeft}`;
}

/** Runs every case on `device` and returns one result per checked output. */
export async function runWindowCases(device: GPUDevice): Promise<CaseResult[]> {
  const ctx = new WebGpuContext(device);
  const ref = createRefBackend('float64');
  const results: CaseResult[] = [];
  const put = (values: Float32Array): Float32Array => {
    const a = ctx.allocFloat(values.length);
    a.set(values);
    ctx.upload([a]);
    return a;
  };
  const abs = (v: ArrayLike<number>): Float64Array => Float64Array.from(v, Math.abs);
  let seed = 1;

  for (const [batch, shape] of CONV_CASES) {
    const g = conv2dGeometry(batch, shape);
    const what = describeConv(g);
    const x = random(seed++, inputSize(g));
    const f = random(seed++, filterSize(g));
    const dy = random(seed++, outputSize(g));
    const bias = random(seed++, g.outChannels);
    const act = ACTIVATIONS[seed % ACTIVATIONS.length]!;
    const y = ctx.allocFloat(outputSize(g));
    const yAct = ctx.allocFloat(outputSize(g));
    const dx = ctx.allocFloat(inputSize(g));
    const df = ctx.allocFloat(filterSize(g));
    const [xb, fb, dyb, bb] = [put(x), put(f), put(dy), put(bias)];
    conv2dForward(ctx, xb, fb, y, g);
    conv2dForward(ctx, xb, fb, yAct, g, bb, act);
    conv2dBackwardInput(ctx, dyb, fb, dx, g);
    conv2dBackwardFilter(ctx, xb, dyb, df, g);
    await ctx.download([y, yAct, dx, df]);

    const taps = g.kernelHeight * g.kernelWidth * g.inChannels;
    const yRef = ref.alloc(outputSize(g)), yScale = ref.alloc(outputSize(g));
    ref.conv2dForward(Float64Array.from(x), Float64Array.from(f), yRef, g);
    ref.conv2dForward(abs(x), abs(f), yScale, g);
    results.push(compare(`conv2dForward ${what}`, y, yRef, outputSize(g), (i) => 2 * (taps + 2) * U * yScale[i]! + 1e-30));

    const rows = g.batch * g.outHeight * g.outWidth;
    const yActRef = ref.alloc(outputSize(g));
    ref.biasActivation(Float64Array.from(yRef), Float64Array.from(bias), yActRef, rows, g.outChannels, act);
    results.push(compare(`conv2dForward + bias + ${act} ${what}`, yAct, yActRef, outputSize(g), (i, e) => 2 * (taps + 3) * U * (yScale[i]! + Math.abs(bias[i % g.outChannels]!)) + 2e-6 + 2e-6 * Math.abs(e)));

    const dxRef = ref.alloc(inputSize(g)), dxScale = ref.alloc(inputSize(g));
    ref.conv2dBackwardInput(Float64Array.from(dy), Float64Array.from(f), dxRef, g);
    ref.conv2dBackwardInput(abs(dy), abs(f), dxScale, g);
    const inTaps = g.kernelHeight * g.kernelWidth * g.outChannels;
    results.push(compare(`conv2dBackwardInput ${what}`, dx, dxRef, inputSize(g), (i) => 2 * (inTaps + 2) * U * dxScale[i]! + 1e-30));

    const dfRef = ref.alloc(filterSize(g)), dfScale = ref.alloc(filterSize(g));
    ref.conv2dBackwardFilter(Float64Array.from(x), Float64Array.from(dy), dfRef, g);
    ref.conv2dBackwardFilter(abs(x), abs(dy), dfScale, g);
    results.push(compare(`conv2dBackwardFilter ${what}`, df, dfRef, filterSize(g), (i) => 2 * (rows + 2) * U * dfScale[i]! + 1e-30));
  }

  const ref32 = createRefBackend('float32');
  const rng = new Xoshiro128(5);
  for (const [batch, shape] of POOL_CASES) {
    const g = pool2dGeometry(batch, shape);
    const what = `batch ${batch} ${shape.inShape.join('x')} pool ${shape.poolSize.join('x')} strides ${shape.strides.join(',')} ${shape.padding}`;
    // Few levels (ties), some NaN and -Infinity.
    const x = Float32Array.from({ length: inputSize(g) }, () => {
      const u = rng.uniform();
      return u < 0.08 ? NaN : u < 0.16 ? -Infinity : Math.floor(u * 4);
    });
    const dy = Float32Array.from({ length: outputSize(g) }, () => (rng.uniform() < 0.1 ? -0 : rng.uniform() - 0.5));
    const xs = random(seed++, inputSize(g));
    const [xb, dyb, xsb] = [put(x), put(dy), put(xs)];
    const y = ctx.allocFloat(outputSize(g)), argmax = ctx.allocInt(outputSize(g)), dx = ctx.allocFloat(inputSize(g));
    const ay = ctx.allocFloat(outputSize(g)), adx = ctx.allocFloat(inputSize(g));
    maxPool2dForward(ctx, xb, y, argmax, g);
    maxPool2dBackward(ctx, dyb, argmax, dx, g);
    avgPool2dForward(ctx, xsb, ay, g);
    avgPool2dBackward(ctx, dyb, adx, g);
    await ctx.download([y, argmax, dx, ay, adx]);

    const yRef = ref.alloc(outputSize(g)), argmaxRef = ref.allocIndices(outputSize(g));
    ref.maxPool2dForward(Float64Array.from(x), yRef, argmaxRef, g);
    results.push(bitwise(`maxPool2dForward argmax ${what}`, argmax, argmaxRef, outputSize(g)));
    results.push(bitwise(`maxPool2dForward ${what}`, y, Float32Array.from(yRef), outputSize(g)));
    const dxRef = ref32.alloc(inputSize(g));
    ref32.maxPool2dBackward(dy, argmaxRef, dxRef, g);
    results.push(bitwise(`maxPool2dBackward ${what}`, dx, dxRef, inputSize(g)));
    results.push(compare(`maxPool2dBackward signs ${what}`, Float32Array.from(dx, (v) => 1 / v), Float32Array.from(dxRef, (v) => 1 / v), inputSize(g), () => 0));

    const ayRef = ref.alloc(outputSize(g)), adxRef = ref.alloc(inputSize(g));
    ref.avgPool2dForward(Float64Array.from(xs), ayRef, g);
    ref.avgPool2dBackward(Float64Array.from(dy), adxRef, g);
    results.push(compare(`avgPool2dForward ${what}`, ay, ayRef, outputSize(g), (_, e) => 1e-7 + 1e-6 * Math.abs(e)));
    results.push(compare(`avgPool2dBackward ${what}`, adx, adxRef, inputSize(g), (_, e) => 1e-7 + 1e-6 * Math.abs(e)));
  }

  for (const [rows, cols] of BATCH_NORM_CASES) {
    const what = `${rows} x ${cols}`;
    const n = rows * cols;
    // An offset mean, as activations have, so the two-pass variance matters.
    const x = random(seed++, n, 2, 5);
    const dy = random(seed++, n);
    const gamma = random(seed++, cols, 0.5, 1.5), beta = random(seed++, cols);
    const [xb, dyb, gb, bb] = [put(x), put(dy), put(gamma), put(beta)];
    const mean = ctx.allocFloat(cols), variance = ctx.allocFloat(cols);
    const y = ctx.allocFloat(n), dx = ctx.allocFloat(n), dgamma = ctx.allocFloat(cols), dbeta = ctx.allocFloat(cols);
    batchNormStatistics(ctx, xb, rows, cols, mean, variance);
    batchNormForward(ctx, xb, y, rows, cols, mean, variance, gb, bb, 1e-3);
    batchNormBackward(ctx, dyb, xb, rows, cols, mean, variance, gb, 1e-3, dx, dgamma, dbeta);
    // In place: y = x and dx = dy.
    const xIn = put(x), dyIn = put(dy), dgIn = ctx.allocFloat(cols), dbIn = ctx.allocFloat(cols);
    batchNormForward(ctx, xIn, xIn, rows, cols, mean, variance, gb, bb, 1e-3);
    batchNormBackward(ctx, dyIn, xb, rows, cols, mean, variance, gb, 1e-3, dyIn, dgIn, dbIn);
    await ctx.download([mean, variance, y, dx, dgamma, dbeta, xIn, dyIn, dgIn]);

    const m64 = ref.alloc(cols), v64 = ref.alloc(cols);
    ref.batchNormStatistics(Float64Array.from(x), rows, cols, m64, v64);
    const rel = (_: number, e: number): number => 1e-6 + 1e-5 * Math.abs(e);
    results.push(compare(`batchNormStatistics mean ${what}`, mean, m64, cols, rel));
    results.push(compare(`batchNormStatistics variance ${what}`, variance, v64, cols, rel));
    // Forward and backward from the GPU's statistics, so each kernel is judged alone.
    const mHere = Float64Array.from(mean), vHere = Float64Array.from(variance);
    const yRef = ref.alloc(n), dxRef = ref.alloc(n), dgRef = ref.alloc(cols), dbRef = ref.alloc(cols);
    ref.batchNormForward(Float64Array.from(x), yRef, rows, cols, mHere, vHere, Float64Array.from(gamma), Float64Array.from(beta), 1e-3);
    ref.batchNormBackward(Float64Array.from(dy), Float64Array.from(x), rows, cols, mHere, vHere, Float64Array.from(gamma), 1e-3, dxRef, dgRef, dbRef);
    results.push(compare(`batchNormForward ${what}`, y, yRef, n, rel));
    results.push(compare(`batchNormForward in place ${what}`, xIn, yRef, n, rel));
    // dx subtracts sums of `rows` terms: its error scales with their magnitudes, not with dx.
    const dxTol = (i: number, e: number): number => 1e-5 * (Math.abs(e) + Math.abs(gamma[i % cols]!) * (Math.abs(dbRef[i % cols]!) + 2 * Math.abs(dgRef[i % cols]!)) / Math.sqrt(vHere[i % cols]! + 1e-3) / rows) + 1e-6;
    results.push(compare(`batchNormBackward dx ${what}`, dx, dxRef, n, dxTol));
    results.push(compare(`batchNormBackward dx in place ${what}`, dyIn, dxRef, n, dxTol));
    results.push(compare(`batchNormBackward dgamma ${what}`, dgamma, dgRef, cols, (_, e) => 1e-5 * (Math.abs(e) + Math.sqrt(rows)) + 1e-6));
    results.push(compare(`batchNormBackward dbeta ${what}`, dbeta, dbRef, cols, (_, e) => 1e-5 * (Math.abs(e) + Math.sqrt(rows)) + 1e-6));
    results.push(compare(`batchNormBackward in place dgamma ${what}`, dgIn, dgRef, cols, (_, e) => 1e-5 * (Math.abs(e) + Math.sqrt(rows)) + 1e-6));
  }
  ctx.check();
  return results;
}

/** For callers that only want the failures. */
export const failures = (results: readonly CaseResult[]): CaseResult[] => results.filter((r) => !(r.worst <= 1));
