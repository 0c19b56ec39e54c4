/** Conformance of the fused bias + activation, its derivative and the softmax losses. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Backend } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { randomArray, put, assertClose } from './helpers.js';

const SHAPES: [number, number][] = [[1, 1], [17, 10], [33, 129], [5, 3], [32, 128]];

/** Pre-activations spanning the interesting ranges: near 0, moderate, saturated. */
function inputs(seed: number, n: number): Float32Array {
  const x = randomArray(seed, n, -4, 4);
  for (let i = 0; i < n; i += 7) x[i] = x[i]! * 6; // up to +-24
  for (let i = 3; i < n; i += 11) x[i] = x[i]! * 1e-3; // tiny
  return x;
}

/** Registers the activation and loss checks. */
export function activationTests(get: () => Backend): void {
  const ref = createRefBackend('float32');

  it('biasActivation: every activation, with and without bias, in place or not', () => {
    const b = get();
    for (const act of ACTIVATIONS) {
      for (const [rows, cols] of SHAPES) {
        for (const withBias of [true, false]) {
          for (const inPlace of [false, true]) {
            const x0 = inputs(rows * cols, rows * cols);
            const bias0 = randomArray(cols + 1, cols);
            const ex = Float32Array.from(x0);
            const ey = inPlace ? ex : new Float32Array(rows * cols);
            ref.biasActivation(ex, withBias ? bias0 : null, ey, rows, cols, act);
            const x = put(b, x0);
            const y = inPlace ? x : b.alloc(rows * cols);
            b.biasActivation(x, withBias ? put(b, bias0) : null, y, rows, cols, act);
            const what = `biasActivation ${act} ${rows}x${cols} bias=${withBias} inPlace=${inPlace}`;
            assertClose(y, ey, rows * cols, 2e-6, 2e-5, what);
            if (!inPlace) assertClose(x, ex, rows * cols, 0, 0, `${what} (pre-activation)`);
          }
        }
      }
    }
  });

  it('activationBackward: every activation', () => {
    const b = get();
    for (const act of ACTIVATIONS) {
      for (const [rows, cols] of SHAPES) {
        const n = rows * cols;
        const x = inputs(n + 5, n);
        const y = new Float32Array(n);
        ref.biasActivation(Float32Array.from(x), null, y, rows, cols, act);
        const dy0 = randomArray(n + 9, n);
        const expected = Float32Array.from(dy0);
        const needX = NEEDS_PRE_ACTIVATION.has(act);
        ref.activationBackward(expected, needX ? x : null, y, rows, cols, act);
        const dy = put(b, dy0);
        b.activationBackward(dy, needX ? put(b, x) : null, put(b, y), rows, cols, act);
        assertClose(dy, expected, n, 2e-6, 2e-5, `activationBackward ${act} ${rows}x${cols}`);
      }
    }
  });

  it('softmaxCrossEntropy: loss and gradient, with label smoothing', () => {
    const b = get();
    for (const [rows, cols] of [[1, 10], [32, 10], [17, 3], [33, 129]] as const) {
      for (const smoothing of [0, 0.1]) {
        for (const withGrad of [true, false]) {
          const logits = randomArray(rows + cols, rows * cols, -8, 8);
          const labels = Int32Array.from({ length: rows }, (_, r) => (r * 7) % cols);
          const eg = new Float32Array(rows * cols);
          const expected = ref.softmaxCrossEntropy(logits, labels, rows, cols, smoothing, withGrad ? eg : null, 1 / rows);
          const g = b.alloc(rows * cols);
          const loss = b.softmaxCrossEntropy(put(b, logits), labels, rows, cols, smoothing, withGrad ? g : null, 1 / rows);
          const what = `softmaxCrossEntropy ${rows}x${cols} smoothing=${smoothing}`;
          assertClose([loss], [expected], 1, 1e-5, 1e-5, what);
          if (withGrad) assertClose(g, eg, rows * cols, 1e-7, 1e-5, `${what} gradient`);
        }
      }
    }
  });

  it('countCorrect: argmax against labels, first maximum wins ties', () => {
    const b = get();
    const rows = 33;
    const cols = 10;
    const scores = randomArray(5, rows * cols);
    for (let r = 0; r < rows; r += 3) scores[r * cols + 2] = scores[r * cols + 6] = 5; // ties
    const labels = Int32Array.from({ length: rows }, (_, r) => (r % 2 === 0 ? 2 : r % cols));
    const expected = ref.countCorrect(scores, labels, rows, cols);
    assert.equal(b.countCorrect(put(b, scores), labels, rows, cols), expected);
    assert.equal(b.countCorrect(put(b, scores), labels, 1, cols), ref.countCorrect(scores, labels, 1, cols));
  });
}
