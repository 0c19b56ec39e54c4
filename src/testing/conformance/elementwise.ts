/** Conformance of the element-wise kernels, the optimizer updates and the batch gather. */
import { it } from 'node:test';
import type { Backend } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { randomArray, put, assertClose } from './helpers.js';

/** Lengths around the SIMD width and past the threading thresholds. */
const LENGTHS = [0, 1, 3, 4, 5, 16, 17, 1000, 100003];

/** Registers the element-wise, optimizer and gather checks. */
export function elementwiseTests(get: () => Backend): void {
  const ref = createRefBackend('float32');

  it('add, mul, scale, sum', () => {
    const b = get();
    for (const n of LENGTHS) {
      const a = randomArray(n + 1, n);
      const c = randomArray(n + 2, n);
      for (const op of ['add', 'mul'] as const) {
        const expected = new Float32Array(n);
        ref[op](a, c, expected, n);
        const out = b.alloc(n);
        b[op](put(b, a), put(b, c), out, n);
        assertClose(out, expected, n, 0, 0, `${op} n=${n}`);
      }
      const expected = new Float32Array(n);
      ref.scale(a, 0.37, -1.5, expected, n);
      const out = put(b, a);
      b.scale(out, 0.37, -1.5, out, n); // in place
      assertClose(out, expected, n, 1e-7, 1e-6, `scale n=${n}`);
      assertClose([b.sum(put(b, a), n)], [ref.sum(a, n)], 1, 1e-9 * n, 1e-9, `sum n=${n}`);
    }
  });

  it('adamUpdate and sgdUpdate over several steps', () => {
    const b = get();
    for (const n of [1, 7, 1000, 100003]) {
      const w0 = randomArray(n + 3, n);
      const re = { w: Float32Array.from(w0), m: new Float32Array(n), v: new Float32Array(n) };
      const be = { w: put(b, w0), m: b.alloc(n), v: b.alloc(n) };
      const g = b.alloc(n);
      for (let step = 1; step <= 3; step++) {
        const grad = randomArray(n * 10 + step, n, -0.1, 0.1);
        g.set(grad);
        const lrT = (0.001 * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step);
        ref.adamUpdate(re.w, grad, re.m, re.v, n, lrT, 0.9, 0.999, 1e-7);
        b.adamUpdate(be.w, g, be.m, be.v, n, lrT, 0.9, 0.999, 1e-7);
      }
      assertClose(be.m, re.m, n, 1e-8, 1e-5, `adam m n=${n}`);
      assertClose(be.v, re.v, n, 1e-10, 1e-5, `adam v n=${n}`);
      assertClose(be.w, re.w, n, 1e-6, 1e-6, `adam w n=${n}`);
      for (const [momentum, nesterov] of [[0, false], [0.9, false], [0.9, true]] as const) {
        const rw = Float32Array.from(w0);
        const rv = new Float32Array(n);
        const bw = put(b, w0);
        const bv = b.alloc(n);
        for (let step = 1; step <= 3; step++) {
          const grad = randomArray(n * 20 + step, n);
          g.set(grad);
          ref.sgdUpdate(rw, grad, rv, n, 0.05, momentum, nesterov);
          b.sgdUpdate(bw, g, bv, n, 0.05, momentum, nesterov);
        }
        assertClose(bw, rw, n, 1e-6, 1e-6, `sgd w n=${n} momentum=${momentum} nesterov=${nesterov}`);
        assertClose(bv, rv, n, 1e-6, 1e-6, `sgd velocity n=${n} momentum=${momentum} nesterov=${nesterov}`);
      }
    }
  });

  it('rmspropUpdate, plain, centered and with momentum, over several steps', () => {
    const b = get();
    for (const n of [1, 7, 1000, 100003]) {
      const w0 = randomArray(n + 5, n);
      for (const [centered, momentum] of [[false, 0], [true, 0], [false, 0.9], [true, 0.5]] as const) {
        const re = { w: Float32Array.from(w0), v: new Float32Array(n), avg: centered ? new Float32Array(n) : null, mom: momentum > 0 ? new Float32Array(n) : null };
        const be = { w: put(b, w0), v: b.alloc(n), avg: centered ? b.alloc(n) : null, mom: momentum > 0 ? b.alloc(n) : null };
        const g = b.alloc(n);
        for (let step = 1; step <= 3; step++) {
          const grad = randomArray(n * 30 + step, n, -0.1, 0.1);
          g.set(grad);
          ref.rmspropUpdate(re.w, grad, re.v, re.avg, re.mom, n, 0.001, 0.9, momentum, 1e-7);
          b.rmspropUpdate(be.w, g, be.v, be.avg, be.mom, n, 0.001, 0.9, momentum, 1e-7);
        }
        const what = `rmsprop n=${n} centered=${centered} momentum=${momentum}`;
        assertClose(be.v, re.v, n, 1e-10, 1e-5, `${what} v`);
        if (re.avg) assertClose(be.avg!, re.avg, n, 1e-8, 1e-5, `${what} avg`);
        if (re.mom) assertClose(be.mom!, re.mom, n, 1e-7, 1e-4, `${what} momentum`);
        assertClose(be.w, re.w, n, 1e-6, 1e-5, `${what} w`);
      }
    }
  });

  it('gatherRows from bytes, JS floats and backend floats, with scale', () => {
    const b = get();
    const rows = 50;
    for (const rowSize of [1, 7, 784]) {
      const bytes = Uint8Array.from(randomArray(rowSize, rows * rowSize, 0, 256), Math.floor);
      const floats = randomArray(rowSize + 1, rows * rowSize);
      const index = Int32Array.from({ length: 40 }, (_, i) => (i * 17 + 3) % rows);
      for (const [name, src] of [['bytes', bytes], ['js floats', floats], ['backend floats', put(b, floats)]] as const) {
        for (const [start, count] of [[0, 1], [5, 17], [7, 33]] as const) {
          const expected = new Float32Array(count * rowSize);
          ref.gatherRows(src, index, start, count, rowSize, 1 / 255, expected);
          const out = b.alloc(count * rowSize);
          b.gatherRows(src, index, start, count, rowSize, 1 / 255, out);
          assertClose(out, expected, count * rowSize, 0, 2.5e-7, `gatherRows ${name} rowSize=${rowSize} start=${start} count=${count}`);
        }
      }
    }
  });
}
