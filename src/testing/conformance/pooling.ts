/** Conformance of the pooling kernels against their definition (window-oracle.ts). */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../kernels/backend.js';
import { inputSize, outputSize, pool2dGeometry, type Padding } from '../../kernels/window-geometry.js';
import { oracleWindows } from './window-oracle.js';
import { assertClose, put, randomArray } from './helpers.js';

type Case = [batch: number, inShape: [number, number, number], pool: [number, number], strides: [number, number], padding: Padding];

/** Even and odd sizes, overlapping windows (stride < pool), same padding, global pooling, batch 1. */
const CASES: Case[] = [
  [2, [26, 26, 5], [2, 2], [2, 2], 'valid'],
  [1, [13, 13, 3], [2, 2], [2, 2], 'valid'],
  [3, [7, 9, 3], [3, 3], [2, 2], 'same'],
  [2, [6, 5, 2], [2, 2], [1, 1], 'valid'],
  [1, [5, 8, 4], [3, 2], [2, 3], 'same'],
  [2, [5, 5, 4], [5, 5], [1, 1], 'valid'],
  [1, [4, 7, 1], [3, 3], [1, 1], 'same'],
];

const describe = (c: Case): string => `batch ${c[0]} [${c[1].join('x')}] pool ${c[2].join('x')} strides ${c[3].join(',')} ${c[4]}`;

/** Registers the pooling checks. */
export function poolingTests(get: () => Backend): void {
  it('maxPool2d: maxima, their argmax and the routed gradient, by definition', () => {
    const b = get();
    let seed = 300;
    for (const c of CASES) {
      const g = pool2dGeometry(c[0], { inShape: c[1], poolSize: c[2], strides: c[3], padding: c[4] });
      const windows = oracleWindows(g);
      // Values from a few levels, so windows hold ties: the first in window order must win.
      const x = randomArray(seed++, inputSize(g)).map((v) => Math.round(v * 3));
      const argmaxExpected = windows.map((w) => w.reduce((best, i) => (x[i]! > x[best]! ? i : best), w[0]!));
      const y = put(b, randomArray(seed++, outputSize(g)));
      const argmax = b.allocIndices(outputSize(g));
      b.maxPool2dForward(put(b, x), y, argmax, g);
      assertClose(y, argmaxExpected.map((i) => x[i]!), outputSize(g), 0, 0, `maxPool2dForward ${describe(c)}`);
      assert.deepEqual([...argmax.subarray(0, outputSize(g))], argmaxExpected, `maxPool2dForward argmax ${describe(c)}`);
      const dy = randomArray(seed++, outputSize(g));
      const dxExpected = new Float64Array(inputSize(g));
      argmaxExpected.forEach((i, o) => (dxExpected[i]! += dy[o]!));
      const dx = put(b, randomArray(seed++, inputSize(g)));
      b.maxPool2dBackward(put(b, dy), argmax, dx, g);
      assertClose(dx, dxExpected, inputSize(g), 1e-6, 1e-6, `maxPool2dBackward ${describe(c)}`);
    }
  });

  it('maxPool2d: a window holding NaN gives NaN, -Infinity is a value', () => {
    const b = get();
    const g = pool2dGeometry(1, { inShape: [2, 4, 1], poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    const y = b.alloc(2);
    const argmax = b.allocIndices(2);
    b.maxPool2dForward(put(b, [-Infinity, -Infinity, 1, NaN, -Infinity, -Infinity, 2, 3]), y, argmax, g);
    assert.deepEqual([...y.subarray(0, 2)], [-Infinity, NaN]);
    assert.deepEqual([...argmax.subarray(0, 2)], [0, 3]);
  });

  it('avgPool2d: window means without the padding, and the spread gradient, by definition', () => {
    const b = get();
    let seed = 400;
    for (const c of CASES) {
      const g = pool2dGeometry(c[0], { inShape: c[1], poolSize: c[2], strides: c[3], padding: c[4] });
      const windows = oracleWindows(g);
      const x = randomArray(seed++, inputSize(g));
      const y = put(b, randomArray(seed++, outputSize(g)));
      b.avgPool2dForward(put(b, x), y, g);
      const yExpected = windows.map((w) => w.reduce((s, i) => s + x[i]!, 0) / w.length);
      assertClose(y, yExpected, outputSize(g), 1e-6, 1e-5, `avgPool2dForward ${describe(c)}`);
      const dy = randomArray(seed++, outputSize(g));
      const dxExpected = new Float64Array(inputSize(g));
      windows.forEach((w, o) => w.forEach((i) => (dxExpected[i]! += dy[o]! / w.length)));
      const dx = put(b, randomArray(seed++, inputSize(g)));
      b.avgPool2dBackward(put(b, dy), dx, g);
      assertClose(dx, dxExpected, inputSize(g), 1e-6, 1e-5, `avgPool2dBackward ${describe(c)}`);
    }
  });
}
