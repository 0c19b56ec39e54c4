/** Conformance of the convolution kernels against their definition (window-oracle.ts), on odd shapes. */
import { it } from 'node:test';
import type { Backend } from '../../kernels/backend.js';
import { conv2dGeometry, filterSize, inputSize, outputSize, type Conv2dShape, type Padding } from '../../kernels/window-geometry.js';
import { oracleConv2d, oracleConv2dBackward } from './window-oracle.js';
import { assertClose, put, randomArray } from './helpers.js';

type Case = [batch: number, inShape: [number, number, number], filters: number, kernel: [number, number], strides: [number, number], dilation: [number, number], padding: Padding];

/** Odd sizes, strides, dilations, 1x1 and whole-image kernels, batch 1, and the convnet's layers. */
export const CONV_CASES: Case[] = [
  [1, [5, 7, 3], 4, [3, 3], [1, 1], [1, 1], 'valid'],
  [2, [6, 5, 2], 3, [3, 2], [2, 2], [1, 1], 'same'],
  [3, [9, 8, 1], 5, [3, 3], [1, 1], [2, 2], 'same'],
  [1, [4, 4, 5], 7, [1, 1], [1, 1], [1, 1], 'valid'],
  [2, [7, 7, 3], 2, [5, 5], [3, 2], [1, 1], 'same'],
  [1, [3, 3, 2], 3, [3, 3], [1, 1], [1, 1], 'valid'],
  [2, [8, 9, 2], 3, [2, 3], [1, 2], [3, 1], 'valid'],
  [1, [2, 3, 1], 2, [4, 4], [1, 1], [1, 1], 'same'],
  [2, [11, 10, 3], 9, [3, 3], [2, 1], [1, 1], 'valid'],
  [2, [28, 28, 1], 32, [3, 3], [1, 1], [1, 1], 'valid'],
  [1, [13, 13, 32], 64, [3, 3], [1, 1], [1, 1], 'valid'],
];

/** The shape of a case, for messages and geometry. */
export function caseShape(c: Case): Conv2dShape {
  return { inShape: c[1], filters: c[2], kernelSize: c[3], strides: c[4], dilationRate: c[5], padding: c[6] };
}

const describe = (c: Case): string => `batch ${c[0]} [${c[1].join('x')}] -> ${c[2]} filters ${c[3].join('x')} strides ${c[4].join(',')} dilation ${c[5].join(',')} ${c[6]}`;

/** `2 (k + 2) u s`: the rounding bound of a k-term float32 sum of products whose absolute values sum to s. */
const bound = (k: number, scale: ArrayLike<number>): Float64Array => Float64Array.from(scale, (s) => 2 * (k + 2) * 2 ** -24 * s + 1e-30);

/** Registers the convolution checks. */
export function convolutionTests(get: () => Backend): void {
  it('conv2dForward: the definition on odd shapes, strides, dilation, valid and same padding', () => {
    const b = get();
    let seed = 100;
    for (const c of CONV_CASES) {
      const g = conv2dGeometry(c[0], caseShape(c));
      const x = randomArray(seed++, inputSize(g));
      const f = randomArray(seed++, filterSize(g));
      const y = put(b, randomArray(seed++, outputSize(g))); // overwritten, not added to
      b.conv2dForward(put(b, x), put(b, f), y, g);
      const k = g.kernelHeight * g.kernelWidth * g.inChannels;
      assertClose(y, oracleConv2d(x, f, g), outputSize(g), bound(k, oracleConv2d(x, f, g, true)), 0, `conv2dForward ${describe(c)}`);
    }
  });

  it('conv2dBackwardInput and conv2dBackwardFilter: the definition on the same shapes', () => {
    const b = get();
    let seed = 200;
    for (const c of CONV_CASES) {
      const g = conv2dGeometry(c[0], caseShape(c));
      const x = randomArray(seed++, inputSize(g));
      const f = randomArray(seed++, filterSize(g));
      const dy = randomArray(seed++, outputSize(g));
      const expected = oracleConv2dBackward(x, f, dy, g);
      const scale = oracleConv2dBackward(x, f, dy, g, true);
      const dx = put(b, randomArray(seed++, inputSize(g)));
      b.conv2dBackwardInput(put(b, dy), put(b, f), dx, g);
      const perInput = g.kernelHeight * g.kernelWidth * g.outChannels;
      assertClose(dx, expected.dx, inputSize(g), bound(perInput, scale.dx), 0, `conv2dBackwardInput ${describe(c)}`);
      const df = put(b, randomArray(seed++, filterSize(g)));
      b.conv2dBackwardFilter(put(b, x), put(b, dy), df, g);
      const perWeight = g.batch * g.outHeight * g.outWidth;
      assertClose(df, expected.df, filterSize(g), bound(perWeight, scale.df), 0, `conv2dBackwardFilter ${describe(c)}`);
    }
  });
}
