/**
 * The kernel contract: every numeric operation of the training step goes through one of these
 * functions. A backend (the reference TypeScript kernels, or the WebAssembly SIMD ones) owns
 * the memory its buffers live in; layers, losses and optimizers only call the contract.
 *
 * Conventions: matrices are row-major; `n`, `rows`, `cols` count elements; every buffer
 * passed to a kernel was allocated by the same backend with {@link Backend.alloc} (index
 * buffers with {@link Backend.allocIndices}). Results must not depend on the number of threads.
 */

import type { Conv2dGeometry, Pool2dGeometry } from './window-geometry.js';

export type { Conv2dGeometry, Pool2dGeometry } from './window-geometry.js';

/** A buffer of floats owned by a backend. Float64 only in the float64 reference backend (gradient checks). */
export type FloatArray = Float32Array | Float64Array;

/** Activation functions with a fused kernel. */
export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'leakyRelu', 'gelu', 'relu6', 'softplus'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Activations whose derivative needs the pre-activation value, not just the output. */
export const NEEDS_PRE_ACTIVATION: ReadonlySet<Activation> = new Set<Activation>(['gelu']);

/**
 * A seeded random stream owned by a backend, and its position. Values come in blocks of 1024
 * (`BLOCK`), each generated from the seed and the block's number alone; a fill of n values
 * takes the next `ceil(n / 1024)` blocks, starting on a fresh block, so the stream's whole
 * state is `(seed, blocks)`. The built-in backends (`ref`, `ref64`, `wasm`, any thread
 * count) generate the same blocks: equal seeds and positions give bit-identical uniform,
 * Bernoulli and normal draws on all of them (`ref64` holds the same float32 values).
 */
export interface RandomStream {
  /** The seed it was created from (an unsigned 32-bit integer). */
  readonly seed: number;
  /**
   * Blocks of 1024 values drawn so far; each fill adds `ceil(n / 1024)`. Assigning it (a
   * non-negative integer) positions the stream: the next fill starts at that block, so saving
   * it and assigning it later resumes the stream exactly.
   */
  blocks: number;
}

/**
 * What a backend whose buffers live on a device (the GPU of the `webgpu` backend) adds to the
 * contract. Its kernels run asynchronously in call order, so the arrays {@link Backend.alloc}
 * returns are host copies that are current only when the code that reads them has made them so:
 *
 * - after kernels wrote a buffer, host code reads it only after `await download([buffer])`;
 * - after host code wrote a buffer, it calls `upload([buffer])` before a kernel reads it;
 * - the kernels that return a number (`softmaxCrossEntropy`, `countCorrect`, `sum`) return NaN
 *   and queue their value on the device; `takeScalars()` resolves with the values queued since its
 *   last call, in call order, read back in one transfer.
 *
 * Arrays a kernel reads that the backend did not allocate (a data set's bytes, a batch's index)
 * are host data: the backend copies them in when a kernel reads them. Host backends (`ref`,
 * `wasm`) have no `device`: their arrays are the memory the kernels work on.
 */
export interface DeviceMemory {
  /** Resolves once each buffer's host array holds what the kernels last wrote into it. */
  download(buffers: readonly (FloatArray | Int32Array)[]): Promise<void>;
  /** Host code wrote these arrays: the kernels queued from now on read the new values. */
  upload(buffers: readonly (FloatArray | Int32Array)[]): void;
  /** The values the scalar kernels queued since the last call, in call order. */
  takeScalars(): Promise<Float64Array>;
  /** Resolves when every kernel queued so far has run (for timings and before disposal). */
  finish(): Promise<void>;
}

export interface Backend {
  /** Name as registered, e.g. `ref` or `wasm`. */
  readonly name: string;
  /** Present on a backend whose buffers live on a device; absent on host backends (see {@link DeviceMemory}). */
  readonly device?: DeviceMemory;
  /** Element type of the buffers this backend allocates. */
  readonly dtype: 'float32' | 'float64';

  /** A zero-filled buffer of `n` elements. */
  alloc(n: number): FloatArray;
  /** A zero-filled buffer of `n` 32-bit integers in the backend's memory (max pooling's argmax). */
  allocIndices(n: number): Int32Array;
  /**
   * Gives a buffer from {@link alloc} or {@link allocIndices} back for reuse; it must not be used
   * afterwards. A buffer never given back is reclaimed when it becomes unreachable. Optional:
   * a backend whose buffers are plain JavaScript arrays leaves them to the garbage collector.
   */
  free?(buffer: FloatArray | Int32Array): void;

  /**
   * `C = op(A) * op(B)`, or `C += op(A) * op(B)` when `accumulate`.
   * `op(A)` is m x k: A is stored m x k, or k x m when `transA`.
   * `op(B)` is k x n: B is stored k x n, or n x k when `transB`.
   */
  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, transA: boolean, transB: boolean, accumulate: boolean): void;

  /**
   * `y[r, j] = act(x[r, j] + bias[j])` for a rows x cols matrix; softmax is taken per row.
   * `y` may be `x` (in place). `bias` may be null. When `y` is not `x`, `x` is left holding
   * the pre-activation `x + bias` (what {@link activationBackward} reads for GELU).
   */
  biasActivation(x: FloatArray, bias: FloatArray | null, y: FloatArray, rows: number, cols: number, act: Activation): void;

  /**
   * In place: `dy = dy * act'(x)`, given the pre-activation `x` (only read for activations in
   * {@link NEEDS_PRE_ACTIVATION}; may be null otherwise) and the output `y`.
   * For softmax, the row-wise Jacobian product `y * (dy - sum(dy * y))`.
   */
  activationBackward(dy: FloatArray, x: FloatArray | null, y: FloatArray, rows: number, cols: number, act: Activation): void;

  /** `out[j] = sum_r x[r, j]` (or `+=` when `accumulate`): the bias gradient. */
  sumRows(x: FloatArray, rows: number, cols: number, out: FloatArray, accumulate: boolean): void;

  /**
   * Softmax cross-entropy of `logits` (rows x cols) against sparse `labels`, with label
   * smoothing `smoothing` (targets `(1 - s) * onehot + s / cols`). Writes
   * `grad = (softmax - target) * gradScale` when `grad` is given. Returns the summed loss.
   */
  softmaxCrossEntropy(logits: FloatArray, labels: Int32Array, rows: number, cols: number, smoothing: number, grad: FloatArray | null, gradScale: number): number;

  /** Number of rows whose argmax equals the label. */
  countCorrect(scores: FloatArray, labels: Int32Array, rows: number, cols: number): number;

  /**
   * Adam step (Kingma & Ba 2015, "epsilon hat" form as in Keras):
   * `m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lrT * m / (sqrt(v) + eps)`,
   * with `lrT = lr * sqrt(1 - b2^t) / (1 - b1^t)` computed by the caller.
   */
  adamUpdate(w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, n: number, lrT: number, beta1: number, beta2: number, epsilon: number): void;

  /**
   * SGD with momentum as Keras: `vel = momentum vel - lr g; w += vel`, or with Nesterov
   * `w += momentum vel - lr g`. With momentum 0, plain `w -= lr g` (vel untouched).
   */
  sgdUpdate(w: FloatArray, g: FloatArray, vel: FloatArray, n: number, lr: number, momentum: number, nesterov: boolean): void;

  /**
   * RMSprop step as Keras 3 writes it: `v = rho v + (1-rho) g^2`; centered (when `avg` is given):
   * `avg = rho avg + (1-rho) g`, `d = v - avg^2 + eps`, else `d = v + eps`; `inc = lr g / sqrt(d)`;
   * with momentum (when `mom` is given) `mom = momentum mom + inc; w -= mom`, else `w -= inc`.
   */
  rmspropUpdate(w: FloatArray, g: FloatArray, v: FloatArray, avg: FloatArray | null, mom: FloatArray | null, n: number, lr: number, rho: number, momentum: number, epsilon: number): void;

  /** `out[i] = a[i] + b[i]`. */
  add(a: FloatArray, b: FloatArray, out: FloatArray, n: number): void;
  /** `out[i] = a[i] * b[i]`. */
  mul(a: FloatArray, b: FloatArray, out: FloatArray, n: number): void;
  /** `out[i] = a[i] * s + t`. */
  scale(a: FloatArray, s: number, t: number, out: FloatArray, n: number): void;
  /** Sum of `a[0..n)`. */
  sum(a: FloatArray, n: number): number;

  /**
   * Copies `count` rows of `rowSize` values from `src`, row `index[start + r]` to row `r` of
   * `out`, multiplied by `scale`: how a batch is gathered from byte images.
   */
  gatherRows(src: Uint8Array | FloatArray, index: Int32Array, start: number, count: number, rowSize: number, scale: number, out: FloatArray): void;

  // Convolutional kernels. Images are channels last (NHWC) and every geometry is explicit (see
  // window-geometry.ts); no output buffer may alias an input unless stated. The bias and the
  // activation of a convolution are `biasActivation` over `batch * outHeight * outWidth` rows
  // of `outChannels` columns, its bias gradient `sumRows` over the same rows: NHWC makes the
  // channel the column. Flatten and reshape move no data.

  /**
   * `y[b, oy, ox, co] = sum_{ky, kx, ci} x[b, oy*sh - padTop + ky*dh, ox*sw - padLeft + kx*dw, ci]
   * * filter[ky, kx, ci, co]`, positions outside the input reading 0; overwrites `y`. The
   * filter is HWIO, [kernelHeight, kernelWidth, inChannels, outChannels]. With `bias` or an
   * `activation` other than `linear`, `y` is then `activation(y + bias)`: the same as
   * {@link biasActivation}`(y, bias, y, ...)` after the convolution, done while the output is
   * still in cache where the backend can (the pre-activation is not kept).
   */
  conv2dForward(x: FloatArray, filter: FloatArray, y: FloatArray, g: Conv2dGeometry, bias?: FloatArray | null, activation?: Activation): void;

  /**
   * The input gradient of {@link conv2dForward}: `dx[b, iy, ix, ci] = sum dy[b, oy, ox, co] *
   * filter[ky, kx, ci, co]` over every (oy, ox, ky, kx) that read (iy, ix); overwrites `dx`
   * (input pixels no window reads get 0).
   */
  conv2dBackwardInput(dy: FloatArray, filter: FloatArray, dx: FloatArray, g: Conv2dGeometry): void;

  /**
   * The filter gradient of {@link conv2dForward}: `dfilter[ky, kx, ci, co] = sum_{b, oy, ox}
   * x[b, oy*sh - padTop + ky*dh, ox*sw - padLeft + kx*dw, ci] * dy[b, oy, ox, co]`, summed over
   * the whole batch; overwrites `dfilter`.
   */
  conv2dBackwardFilter(x: FloatArray, dy: FloatArray, dfilter: FloatArray, g: Conv2dGeometry): void;

  /**
   * Max pooling: `y` gets the largest value of each window (positions outside the input are not
   * part of it), `argmax` the index in `x` (counted over the whole batch) of the value taken.
   * Ties go to the first in the window's row-major order; a window holding NaN gives its first
   * NaN. Overwrites `y` and `argmax` (of `outputSize(g)` elements each).
   */
  maxPool2dForward(x: FloatArray, y: FloatArray, argmax: Int32Array, g: Pool2dGeometry): void;

  /**
   * The input gradient of max pooling: `dx` zeroed, then `dx[argmax[o]] += dy[o]` for every
   * output `o` in order (overlapping windows add up); `argmax` from the forward pass.
   */
  maxPool2dBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, g: Pool2dGeometry): void;

  /**
   * Average pooling: each output is the mean of its window's input pixels, padded positions not
   * counted (Keras' and TF's rule). Overwrites `y`.
   */
  avgPool2dForward(x: FloatArray, y: FloatArray, g: Pool2dGeometry): void;

  /** The input gradient of average pooling: each `dy` spread evenly over its window's input pixels; overwrites `dx`. */
  avgPool2dBackward(dy: FloatArray, dx: FloatArray, g: Pool2dGeometry): void;

  /**
   * Batch statistics of a rows x cols matrix (rows: the batch, times height and width for
   * images; cols: the channels): `mean[j]` and the biased variance `variance[j] = mean_r (x[r, j]
   * - mean[j])^2`, as Keras' `moments`. Overwrites both (cols values each).
   */
  batchNormStatistics(x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray): void;

  /**
   * `y[r, j] = gamma[j] * (x[r, j] - mean[j]) / sqrt(variance[j] + epsilon) + beta[j]`, with the
   * batch statistics in training or the moving ones at inference. `y` may be `x`.
   */
  batchNormForward(x: FloatArray, y: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, beta: FloatArray, epsilon: number): void;

  /**
   * Gradients of {@link batchNormForward} in training, where `mean` and `variance` are the
   * batch's own statistics of `x` and so depend on it. With `xhat = (x - mean) / s`,
   * `s = sqrt(variance + epsilon)`: `dbeta = sum_r dy`, `dgamma = sum_r dy * xhat`,
   * `dx = gamma / s * (dy - dbeta / rows - xhat * dgamma / rows)`. Overwrites `dx`, `dgamma` and
   * `dbeta`; `dx` may be `dy`.
   */
  batchNormBackward(dy: FloatArray, x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, epsilon: number, dx: FloatArray, dgamma: FloatArray, dbeta: FloatArray): void;

  /** A new seeded random stream. Equal seeds give equal streams. */
  createRandom(seed: number): RandomStream;
  /** `out[i] ~ U(lo, hi)`. */
  fillUniform(rng: RandomStream, out: FloatArray, n: number, lo: number, hi: number): void;
  /** `out[i] ~ N(mean, std^2)`. */
  fillNormal(rng: RandomStream, out: FloatArray, n: number, mean: number, std: number): void;
  /** `out[i] = 1` with probability `p`, else `0`. */
  fillBernoulli(rng: RandomStream, out: FloatArray, n: number, p: number): void;

  /** Releases workers and memory; the backend must not be used afterwards. */
  dispose(): void;
}
