/** Conformance of the matrix product and the row sums. */
import { it } from 'node:test';
import type { Backend } from '../../kernels/backend.js';
import { matmul as refMatmul } from '../../kernels/ref/matmul.js';
import { randomArray, put, assertClose } from './helpers.js';

/** Shapes [m, k, n]: SIMD-width multiples and not, batch 1, partial batches, the article's layers. */
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 784, 128], [32, 784, 128], [17, 33, 31], [31, 5, 9], [33, 64, 10], [3, 7, 4], [4, 8, 8],
  [5, 3, 13], [2, 128, 64], [64, 32, 10], [9, 1, 12], [6, 0, 5], [40, 17, 100],
];

/** Registers the matmul and sumRows checks against the reference kernels. */
export function linearTests(get: () => Backend): void {
  it('matmul: every transpose form, accumulate or not, odd shapes', () => {
    const b = get();
    let seed = 1;
    for (const [m, k, n] of SHAPES) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          for (const accumulate of [false, true]) {
            const a = randomArray(seed++, m * k);
            const bm = randomArray(seed++, k * n);
            const c0 = randomArray(seed++, m * n);
            const expected = Float32Array.from(c0);
            refMatmul(a, bm, expected, m, k, n, transA, transB, accumulate);
            // Rounding bound of a k-term f32 dot product: 2 (k + 2) u sum |a||b|, u = 2^-24.
            const bound = accumulate ? Float32Array.from(c0, Math.abs) : new Float32Array(m * n);
            refMatmul(a.map(Math.abs), bm.map(Math.abs), bound, m, k, n, transA, transB, true);
            const atol = bound.map((s) => 2 * (k + 2) * 2 ** -24 * s + 1e-30);
            const c = put(b, c0);
            b.matmul(put(b, a), put(b, bm), c, m, k, n, transA, transB, accumulate);
            assertClose(c, expected, m * n, atol, 0, `matmul ${m}x${k}x${n} transA=${transA} transB=${transB} accumulate=${accumulate}`);
          }
        }
      }
    }
  });

  it('sumRows: sums columns, accumulate or not', () => {
    const b = get();
    for (const [rows, cols] of [[1, 1], [32, 128], [17, 10], [33, 7], [5, 130]] as const) {
      for (const accumulate of [false, true]) {
        const x = randomArray(rows * cols + 7, rows * cols);
        const out0 = randomArray(cols, cols);
        const expected = Float32Array.from(out0);
        if (!accumulate) expected.fill(0);
        for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) expected[j]! += x[r * cols + j]!;
        const out = put(b, out0);
        b.sumRows(put(b, x), rows, cols, out, accumulate);
        assertClose(out, expected, cols, 1e-6, 1e-6, `sumRows ${rows}x${cols} accumulate=${accumulate}`);
      }
    }
  });
}
