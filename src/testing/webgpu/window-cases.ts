/**
 * The webgpu conformance cases of the window kernels (convolution, pooling, batch norm):
 * odd geometries (strides, dilation, both paddings, channel counts off every tile size, the
 * convnet's two layers at a small batch), each against the float32 reference backend in the
 * same page, with its tolerance and why.
 */
import type { Activation, Backend, FloatArray } from '../../kernels/backend.js';
import { conv2dGeometry, filterSize, inputSize, outputSize, pool2dGeometry, type Conv2dShape, type Pool2dShape } from '../../kernels/window-geometry.js';
import { Xoshiro128 } from '../../random/xoshiro.js';

// The part of kernel-cases.ts' case shape these cases use, declared here: that file lists this one's cases.
interface Tolerance {
  rtol: number;
  atol: number;
  why: string;
}
interface Inputs {
  floats(n: number, lo?: number, hi?: number): FloatArray;
  zeros(n: number): FloatArray;
}
interface KernelCase {
  kernel: string;
  name: string;
  tolerance: Tolerance;
  run(b: Backend, x: Inputs): { outputs: readonly (FloatArray | Int32Array)[] };
}

/**
 * Products summed over `terms` taps in another order than the reference (tiles of 16 on the
 * GPU, the window's order on the host), inputs in [-1, 1): both round each of the `terms`
 * additions to float32, about 6e-8 of a partial sum at most a few units each.
 */
const products = (terms: number): Tolerance => ({ rtol: 1e-5, atol: 4e-7 * terms, why: `float32 sums of ${terms} products in another order (tiles) than the reference's` });

/** Convolution geometries (batch, layer): every padding, strides, dilation, channel counts off the tile sizes. */
const CONVOLUTIONS: readonly [number, Conv2dShape][] = [
  [3, { inShape: [28, 28, 1], filters: 32, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' }],
  [2, { inShape: [13, 13, 32], filters: 64, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' }],
  [3, { inShape: [9, 11, 5], filters: 7, kernelSize: [3, 2], strides: [2, 3], dilationRate: [1, 1], padding: 'same' }],
  [2, { inShape: [10, 9, 3], filters: 19, kernelSize: [2, 3], strides: [1, 1], dilationRate: [2, 3], padding: 'valid' }],
  [5, { inShape: [7, 8, 17], filters: 3, kernelSize: [1, 1], strides: [2, 2], dilationRate: [1, 1], padding: 'same' }],
  [1, { inShape: [12, 14, 9], filters: 70, kernelSize: [5, 4], strides: [2, 1], dilationRate: [1, 1], padding: 'same' }],
  [4, { inShape: [6, 6, 2], filters: 1, kernelSize: [4, 4], strides: [3, 3], dilationRate: [1, 1], padding: 'same' }],
];

/** The activation fused into each geometry's forward case, in turn. */
const FUSED: readonly Activation[] = ['relu', 'sigmoid', 'tanh', 'elu', 'gelu', 'softplus', 'softmax'];

function describe(batch: number, s: Conv2dShape): string {
  return `batch ${batch} ${s.inShape.join('x')} -> ${s.filters} kernel ${s.kernelSize.join('x')} strides ${s.strides.join(',')} dilation ${s.dilationRate.join(',')} ${s.padding}`;
}

function convolutionCases(): KernelCase[] {
  return CONVOLUTIONS.flatMap(([batch, shape], i): KernelCase[] => {
    const g = conv2dGeometry(batch, shape);
    const what = describe(batch, shape);
    const taps = g.kernelHeight * g.kernelWidth * g.inChannels;
    const act = FUSED[i % FUSED.length]!;
    return [
      {
        kernel: 'conv2dForward', name: `conv2dForward ${what}`, tolerance: products(taps),
        run(b, x) {
          const xs = x.floats(inputSize(g)), f = x.floats(filterSize(g)), y = x.floats(outputSize(g));
          b.conv2dForward(xs, f, y, g);
          return { outputs: [y] };
        },
      },
      {
        kernel: 'conv2dForward',
        name: `conv2dForward + bias + ${act} ${what}`,
        tolerance: { rtol: 2e-5, atol: 4e-7 * (taps + 1) + 2e-6, why: `float32 sums of ${taps + 1} terms, then WGSL's float32 exp/tanh/log (a few ulps) against the host's` },
        run(b, x) {
          const xs = x.floats(inputSize(g)), f = x.floats(filterSize(g)), bias = x.floats(g.outChannels), y = x.zeros(outputSize(g));
          b.conv2dForward(xs, f, y, g, bias, act);
          return { outputs: [y] };
        },
      },
      {
        kernel: 'conv2dBackwardInput', name: `conv2dBackwardInput ${what}`, tolerance: products(g.kernelHeight * g.kernelWidth * g.outChannels),
        run(b, x) {
          const dy = x.floats(outputSize(g)), f = x.floats(filterSize(g)), dx = x.floats(inputSize(g));
          b.conv2dBackwardInput(dy, f, dx, g);
          return { outputs: [dx] };
        },
      },
      {
        kernel: 'conv2dBackwardFilter', name: `conv2dBackwardFilter ${what}`, tolerance: products(g.batch * g.outHeight * g.outWidth),
        run(b, x) {
          const xs = x.floats(inputSize(g)), dy = x.floats(outputSize(g)), df = x.floats(filterSize(g));
          b.conv2dBackwardFilter(xs, dy, df, g);
          return { outputs: [df] };
        },
      },
    ];
  });
}

/** Pooling geometries (batch, layer): overlapping windows, padding, odd channel counts, the convnet's first pooling. */
const POOLINGS: readonly [number, Pool2dShape][] = [
  [3, { inShape: [26, 26, 32], poolSize: [2, 2], strides: [2, 2], padding: 'valid' }],
  [2, { inShape: [7, 8, 9], poolSize: [3, 3], strides: [2, 2], padding: 'same' }],
  [3, { inShape: [8, 6, 5], poolSize: [3, 2], strides: [1, 2], padding: 'valid' }],
  [2, { inShape: [9, 7, 3], poolSize: [4, 4], strides: [3, 1], padding: 'same' }],
];

/** `n` values from a few levels (ties), with NaN and -Infinity among them, the same on every backend; uploaded. */
function tiesAndNaN(b: Backend, n: number, seed: number): FloatArray {
  const rng = new Xoshiro128(seed);
  const a = b.alloc(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    a[i] = u < 0.08 ? NaN : u < 0.16 ? -Infinity : Math.floor(u * 4);
  }
  b.device?.upload([a]);
  return a;
}

function poolingCases(): KernelCase[] {
  return POOLINGS.flatMap(([batch, shape], i): KernelCase[] => {
    const g = pool2dGeometry(batch, shape);
    const what = `batch ${batch} ${shape.inShape.join('x')} pool ${shape.poolSize.join('x')} strides ${shape.strides.join(',')} ${shape.padding}`;
    const area = shape.poolSize[0] * shape.poolSize[1];
    const exactMax: Tolerance = { rtol: 0, atol: 0, why: 'comparisons only: the same value and index (ties to the first, a window\'s first NaN)' };
    return [
      {
        kernel: 'maxPool2dForward', name: `maxPool2dForward ties, NaN, -Infinity ${what}`, tolerance: exactMax,
        run(b) {
          const x = tiesAndNaN(b, inputSize(g), 10 + i), y = b.alloc(outputSize(g)), argmax = b.allocIndices(outputSize(g));
          b.maxPool2dForward(x, y, argmax, g);
          return { outputs: [y, argmax] };
        },
      },
      {
        kernel: 'maxPool2dBackward',
        name: `maxPool2dBackward ${what}`,
        tolerance: { rtol: 0, atol: 0, why: 'each input adds the gradients of the outputs that chose it in output order, as the float32 reference does' },
        run(b, x) {
          const xs = tiesAndNaN(b, inputSize(g), 20 + i), y = b.alloc(outputSize(g)), argmax = b.allocIndices(outputSize(g));
          const dy = x.floats(outputSize(g), -0.5, 0.5), dx = x.floats(inputSize(g));
          b.maxPool2dForward(xs, y, argmax, g);
          b.maxPool2dBackward(dy, argmax, dx, g);
          return { outputs: [dx] };
        },
      },
      {
        kernel: 'avgPool2dForward', name: `avgPool2dForward ${what}`, tolerance: products(area),
        run(b, x) {
          const xs = x.floats(inputSize(g)), y = x.floats(outputSize(g));
          b.avgPool2dForward(xs, y, g);
          return { outputs: [y] };
        },
      },
      {
        kernel: 'avgPool2dBackward', name: `avgPool2dBackward ${what}`, tolerance: products(area),
        run(b, x) {
          const dy = x.floats(outputSize(g)), dx = x.floats(inputSize(g));
          b.avgPool2dBackward(dy, dx, g);
          return { outputs: [dx] };
        },
      },
    ];
  });
}

/** Batch-norm shapes, rows x cols: one value, odd sizes, the convnet-like 4 x 13 x 13 x 16, many rows and few columns. */
const BATCH_NORMS: readonly [number, number][] = [[1, 1], [37, 5], [676, 16], [300, 33], [5000, 3]];

function batchNormCases(): KernelCase[] {
  const statistics: Tolerance = { rtol: 2e-5, atol: 1e-6, why: 'column sums chunked and added in a fixed order in float32, against float64 sums rounded once' };
  const elementwise: Tolerance = { rtol: 4e-6, atol: 2e-6, why: 'a handful of float32 roundings (subtract, sqrt, divide, multiply-add) against float64 rounded once' };
  return BATCH_NORMS.flatMap(([rows, cols]): KernelCase[] => {
    const n = rows * cols;
    const what = `${rows} x ${cols}`;
    // Inputs off zero, as activations are, so the two-pass variance matters; statistics given (not computed) where a case checks another kernel.
    const given = (x: Inputs): { xs: FloatArray; mean: FloatArray; variance: FloatArray; gamma: FloatArray } => ({
      xs: x.floats(n, 2, 5), mean: x.floats(cols, 3, 4), variance: x.floats(cols, 0.5, 2), gamma: x.floats(cols, 0.5, 1.5),
    });
    return [
      {
        kernel: 'batchNormStatistics', name: `batchNormStatistics ${what}`, tolerance: statistics,
        run(b, x) {
          const xs = x.floats(n, 2, 5), mean = x.floats(cols), variance = x.floats(cols);
          b.batchNormStatistics(xs, rows, cols, mean, variance);
          return { outputs: [mean, variance] };
        },
      },
      {
        kernel: 'batchNormForward', name: `batchNormForward ${what}, and in place`, tolerance: elementwise,
        run(b, x) {
          const { xs, mean, variance, gamma } = given(x);
          const beta = x.floats(cols), y = x.zeros(n), inPlace = x.floats(n, 2, 5);
          b.batchNormForward(xs, y, rows, cols, mean, variance, gamma, beta, 1e-3);
          b.batchNormForward(inPlace, inPlace, rows, cols, mean, variance, gamma, beta, 1e-3);
          return { outputs: [y, inPlace] };
        },
      },
      {
        kernel: 'batchNormBackward', name: `batchNormBackward dgamma, dbeta ${what}`, tolerance: products(rows),
        run(b, x) {
          const { xs, mean, variance, gamma } = given(x);
          const dy = x.floats(n), dx = x.zeros(n), dgamma = x.floats(cols), dbeta = x.floats(cols);
          b.batchNormBackward(dy, xs, rows, cols, mean, variance, gamma, 1e-3, dx, dgamma, dbeta);
          return { outputs: [dgamma, dbeta] };
        },
      },
      {
        kernel: 'batchNormBackward',
        name: `batchNormBackward dx ${what}, and in place`,
        tolerance: { rtol: 1e-5, atol: 1e-5, why: 'dy less the column sums over rows (each within 4e-7 a row) divided by rows and scaled by xhat (at most 3) and gamma / s (at most 2.2)' },
        run(b, x) {
          const { xs, mean, variance, gamma } = given(x);
          const dy = x.floats(n), dx = x.zeros(n), dgamma = x.zeros(cols), dbeta = x.zeros(cols);
          const dyInPlace = x.floats(n), dgamma2 = x.zeros(cols), dbeta2 = x.zeros(cols);
          b.batchNormBackward(dy, xs, rows, cols, mean, variance, gamma, 1e-3, dx, dgamma, dbeta);
          b.batchNormBackward(dyInPlace, xs, rows, cols, mean, variance, gamma, 1e-3, dyInPlace, dgamma2, dbeta2);
          return { outputs: [dx, dyInPlace] };
        },
      },
    ];
  });
}

/** `a - b` on the backend (into `a`): zero everywhere when a kernel run twice gave the same bits. */
function difference(b: Backend, a: FloatArray, c: FloatArray, n: number): FloatArray {
  b.scale(c, -1, 0, c, n);
  b.add(a, c, a, n);
  return a;
}

/** The reductions without float atomics give the same bits on every run: run twice, subtract. */
function determinismCases(): KernelCase[] {
  const same: Tolerance = { rtol: 0, atol: 0, why: 'fixed chunks added in a fixed order, no float atomics: the same bits on every run' };
  const g = conv2dGeometry(9, { inShape: [13, 13, 32], filters: 64, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' });
  const rows = 9 * 13 * 13, cols = 32;
  return [
    {
      kernel: 'conv2dBackwardFilter', name: `conv2dBackwardFilter twice, the same bits (${g.batch * g.outHeight * g.outWidth} pixels in chunks)`, tolerance: same,
      run(b, x) {
        const xs = x.floats(inputSize(g)), dy = x.floats(outputSize(g)), d1 = x.zeros(filterSize(g)), d2 = x.zeros(filterSize(g));
        b.conv2dBackwardFilter(xs, dy, d1, g);
        b.conv2dBackwardFilter(xs, dy, d2, g);
        return { outputs: [difference(b, d1, d2, filterSize(g))] };
      },
    },
    {
      kernel: 'batchNormStatistics', name: `batchNormStatistics twice, the same bits (${rows} x ${cols})`, tolerance: same,
      run(b, x) {
        const xs = x.floats(rows * cols), m1 = x.zeros(cols), v1 = x.zeros(cols), m2 = x.zeros(cols), v2 = x.zeros(cols);
        b.batchNormStatistics(xs, rows, cols, m1, v1);
        b.batchNormStatistics(xs, rows, cols, m2, v2);
        return { outputs: [difference(b, m1, m2, cols), difference(b, v1, v2, cols)] };
      },
    },
  ];
}

/** The window kernels' cases, for CASE_GROUPS. */
export function windowCases(): KernelCase[] {
  return [...convolutionCases(), ...poolingCases(), ...batchNormCases(), ...determinismCases()];
}
