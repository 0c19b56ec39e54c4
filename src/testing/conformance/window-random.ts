/**
 * The sliding-window kernels against the reference backend (float64) on random shapes drawn
 * from a seed: sizes and channel counts that are not multiples of the SIMD width or of any
 * block size, batches larger than the filter-gradient parts, and three families of geometry
 * that fast backends treat differently (3 x 3 stride 1; windows of few taps; windows of many
 * taps). Also the fused bias and activation of conv2dForward.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Activation, Backend, Conv2dGeometry, FloatArray } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { conv2dGeometry, filterSize, inputSize, outputSize, pool2dGeometry, type Padding } from '../../kernels/window-geometry.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import { assertClose, put, randomArray } from './helpers.js';

/** The geometry families. */
export const CONV_FAMILIES = ['3x3 stride 1', 'few taps', 'many taps'] as const;
export type ConvFamily = (typeof CONV_FAMILIES)[number];

/** A random geometry of `family` from `rng`. */
export function randomConv(family: ConvFamily, rng: Xoshiro128): Conv2dGeometry {
  const int = (lo: number, hi: number): number => lo + rng.int(hi - lo + 1);
  const padding: Padding = rng.uniform() < 0.5 ? 'valid' : 'same';
  const batch = rng.uniform() < 0.3 ? int(17, 21) : int(1, 5);
  let kernel: [number, number], strides: [number, number], dilation: [number, number], channels: number, filters: number;
  if (family === '3x3 stride 1') {
    [kernel, strides, dilation, channels, filters] = [[3, 3], [1, 1], [1, 1], int(4, 13), int(4, 13)];
  } else if (family === 'few taps') {
    kernel = [int(1, 4), int(1, 4)];
    channels = int(1, Math.max(1, Math.floor(64 / (kernel[0] * kernel[1]))));
    [strides, dilation, filters] = rng.uniform() < 0.5 ? [[int(1, 3), int(1, 3)], [1, 1], int(1, 19)] : [[1, 1], [int(1, 2), int(1, 3)], int(1, 19)];
  } else {
    kernel = [int(3, 5), int(2, 5)];
    channels = int(Math.ceil(65 / (kernel[0] * kernel[1])), 9);
    [strides, dilation, filters] = [[2, int(1, 3)], [1, 1], int(1, 11)];
  }
  const reach = (k: number, d: number): number => (k - 1) * d + 1;
  const h = int(reach(kernel[0], dilation[0]), 14);
  const w = int(reach(kernel[1], dilation[1]), 14);
  return conv2dGeometry(batch, { inShape: [h, w, channels], filters, kernelSize: kernel, strides, dilationRate: dilation, padding });
}

/** `2 (k + 2) u s`: the rounding bound of k-term float32 sums of products whose absolute values sum to s. */
const bound = (k: number, scale: ArrayLike<number>, extra = 0): Float64Array => Float64Array.from(scale, (s) => 2 * (k + 2) * 2 ** -24 * s + extra + 1e-30);

const describe = (g: Conv2dGeometry): string =>
  `batch ${g.batch} [${g.inHeight}x${g.inWidth}x${g.inChannels}] -> ${g.outChannels} filters ${g.kernelHeight}x${g.kernelWidth} strides ${g.strideHeight},${g.strideWidth} dilation ${g.dilationHeight},${g.dilationWidth} pad ${g.padTop},${g.padLeft}`;

/** Registers the random-shape checks. */
export function windowRandomTests(get: () => Backend): void {
  const ref = createRefBackend('float64');
  const ref32 = createRefBackend('float32');
  const abs = (v: ArrayLike<number>): FloatArray => Float64Array.from(v, Math.abs);

  it('conv2d forward, input and filter gradients match the reference on random shapes of every family', () => {
    const b = get();
    const rng = new Xoshiro128(2024);
    let seed = 700;
    for (const family of CONV_FAMILIES) {
      for (let i = 0; i < 8; i++) {
        const g = randomConv(family, rng);
        const what = `${family}: ${describe(g)}`;
        const x = randomArray(seed++, inputSize(g));
        const f = randomArray(seed++, filterSize(g));
        const dy = randomArray(seed++, outputSize(g));
        const taps = g.kernelHeight * g.kernelWidth * g.inChannels;

        const y = put(b, randomArray(seed++, outputSize(g)));
        b.conv2dForward(put(b, x), put(b, f), y, g);
        const yRef = ref.alloc(outputSize(g));
        ref.conv2dForward(Float64Array.from(x), Float64Array.from(f), yRef, g);
        const yScale = ref.alloc(outputSize(g));
        ref.conv2dForward(abs(x), abs(f), yScale, g);
        assertClose(y, yRef, outputSize(g), bound(taps, yScale), 0, `conv2dForward ${what}`);

        const dx = put(b, randomArray(seed++, inputSize(g)));
        b.conv2dBackwardInput(put(b, dy), put(b, f), dx, g);
        const dxRef = ref.alloc(inputSize(g));
        ref.conv2dBackwardInput(Float64Array.from(dy), Float64Array.from(f), dxRef, g);
        const dxScale = ref.alloc(inputSize(g));
        ref.conv2dBackwardInput(abs(dy), abs(f), dxScale, g);
        assertClose(dx, dxRef, inputSize(g), bound(g.kernelHeight * g.kernelWidth * g.outChannels, dxScale), 0, `conv2dBackwardInput ${what}`);

        const df = put(b, randomArray(seed++, filterSize(g)));
        b.conv2dBackwardFilter(put(b, x), put(b, dy), df, g);
        const dfRef = ref.alloc(filterSize(g));
        ref.conv2dBackwardFilter(Float64Array.from(x), Float64Array.from(dy), dfRef, g);
        const dfScale = ref.alloc(filterSize(g));
        ref.conv2dBackwardFilter(abs(x), abs(dy), dfScale, g);
        assertClose(df, dfRef, filterSize(g), bound(g.batch * g.outHeight * g.outWidth, dfScale), 0, `conv2dBackwardFilter ${what}`);
      }
    }
  });

  it('conv2dForward with a bias and an activation equals the convolution then biasActivation', () => {
    const b = get();
    const rng = new Xoshiro128(77);
    let seed = 900;
    const acts: Activation[] = ['relu', 'tanh', 'linear', 'sigmoid'];
    for (const family of CONV_FAMILIES) {
      for (const act of acts) {
        const g = randomConv(family, rng);
        const rows = g.batch * g.outHeight * g.outWidth;
        const x = randomArray(seed++, inputSize(g));
        const f = randomArray(seed++, filterSize(g));
        const bias = randomArray(seed++, g.outChannels);
        const y = put(b, randomArray(seed++, outputSize(g)));
        b.conv2dForward(put(b, x), put(b, f), y, g, put(b, bias), act);
        const z = ref.alloc(outputSize(g));
        ref.conv2dForward(Float64Array.from(x), Float64Array.from(f), z, g);
        const yRef = ref.alloc(outputSize(g));
        ref.biasActivation(z, Float64Array.from(bias), yRef, rows, g.outChannels, act);
        const scale = ref.alloc(outputSize(g));
        ref.conv2dForward(abs(x), abs(f), scale, g);
        // Every activation here is 1-Lipschitz; its own evaluation adds a few units in the last place.
        const taps = g.kernelHeight * g.kernelWidth * g.inChannels;
        assertClose(y, yRef, outputSize(g), bound(taps + 1, Float64Array.from(scale, (s, i) => s + Math.abs(bias[i % g.outChannels]!)), 1e-6), 1e-6, `conv2dForward + bias + ${act} ${family}: ${describe(g)}`);
      }
    }
  });

  it('maxPool2d matches the reference with ties, NaN and -Infinity in every lane of 2 x 2 and 3 x 3 windows, forward and backward (-0 gradients included)', () => {
    const b = get();
    const rng = new Xoshiro128(5);
    // Channels not a multiple of 4, and multiples of 4 with windows covering the image or not.
    for (const [height, width, channels] of [[7, 8, 9], [7, 8, 8], [8, 6, 8]] as const) {
      for (const [pool, strides, padding] of [[2, 2, 'valid'], [2, 2, 'same'], [3, 2, 'same'], [2, 1, 'valid'], [3, 3, 'valid']] as const) {
        const g = pool2dGeometry(3, { inShape: [height, width, channels], poolSize: [pool, pool], strides: [strides, strides], padding });
        const label = `${height}x${width}x${channels} pool ${pool} strides ${strides} ${padding}`;
        // A few levels (ties), some NaN and -Infinity.
        const x = Float32Array.from({ length: inputSize(g) }, () => {
          const u = rng.uniform();
          return u < 0.08 ? NaN : u < 0.16 ? -Infinity : Math.floor(u * 4);
        });
        const y = b.alloc(outputSize(g)), argmax = b.allocIndices(outputSize(g));
        b.maxPool2dForward(put(b, x), y, argmax, g);
        const yRef = ref.alloc(outputSize(g)), argmaxRef = ref.allocIndices(outputSize(g));
        ref.maxPool2dForward(Float64Array.from(x), yRef, argmaxRef, g);
        assert.deepEqual([...argmax.subarray(0, outputSize(g))], [...argmaxRef], `argmax, ${label}`);
        assert.deepEqual([...y.subarray(0, outputSize(g))], [...Float32Array.from(yRef)], `maxPool2dForward ${label}`);
        const dy = Float32Array.from({ length: outputSize(g) }, () => (rng.uniform() < 0.1 ? -0 : rng.uniform() - 0.5));
        const dx = b.alloc(inputSize(g));
        dx.fill(7);
        b.maxPool2dBackward(put(b, dy), argmax, dx, g);
        // Overlapping windows add up: the reference of the same precision, summing in the same (output) order.
        const same = b.dtype === 'float64' ? ref : ref32;
        const dxRef = same.alloc(inputSize(g));
        same.maxPool2dBackward(dy, argmaxRef, dxRef, g);
        assert.deepEqual([...dx.subarray(0, inputSize(g))], [...dxRef], `maxPool2dBackward ${label}`);
      }
    }
  });
}
