/**
 * NaN in, NaN out: every activation and its derivative propagates NaN, on the reference and the
 * wasm backend alike (as TF.js and PyTorch do), so a NaN input cannot turn into finite outputs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIVATIONS, type Activation, type Backend, type FloatArray } from '../backend.js';
import { createBackend } from '../registry.js';

const BACKENDS = ['ref', 'wasm'] as const;
/** 3 rows of 9 columns: the SIMD body (8 lanes) and the scalar tail (1) both see a NaN. */
const ROWS = 3;
const COLS = 9;
/** NaN at a column in the SIMD body and in the tail of row 1; the rest finite, both signs. */
const NAN_AT = [1 * COLS + 2, 1 * COLS + 8];

function inputs(backend: Backend): FloatArray {
  const x = backend.alloc(ROWS * COLS);
  for (let i = 0; i < x.length; i++) x[i] = ((i * 7) % 11) / 4 - 1.2;
  for (const i of NAN_AT) x[i] = NaN;
  return x;
}

function nanIndices(a: FloatArray): number[] {
  const out: number[] = [];
  a.forEach((v, i) => Number.isNaN(v) && out.push(i));
  return out;
}

function rowOf(i: number): number[] {
  const r = Math.floor(i / COLS);
  return Array.from({ length: COLS }, (_, j) => r * COLS + j);
}

/** Where NaN must appear: the NaN elements, or their whole row for softmax (row-wise). */
function expectedNaN(act: Activation): number[] {
  const set = new Set(act === 'softmax' ? NAN_AT.flatMap(rowOf) : NAN_AT);
  return [...set].sort((a, b) => a - b);
}

function withBackend(name: string, fn: (b: Backend) => void): void {
  const backend = createBackend(name, { threads: 1 });
  try {
    fn(backend);
  } finally {
    backend.dispose();
  }
}

for (const name of BACKENDS) {
  for (const act of ACTIVATIONS) {
    test(`${name}: ${act} forward maps NaN to NaN and nothing else to NaN`, () => {
      withBackend(name, (b) => {
        for (const withBias of [false, true]) {
          const x = inputs(b);
          const bias = withBias ? b.alloc(COLS).fill(0.25) : null;
          const y = b.alloc(ROWS * COLS);
          b.biasActivation(x, bias, y, ROWS, COLS, act);
          assert.deepEqual(nanIndices(y), expectedNaN(act), `${act} outputs (bias ${withBias})`);
          // In place too (y === x).
          const z = inputs(b);
          b.biasActivation(z, bias, z, ROWS, COLS, act);
          assert.deepEqual(nanIndices(z), expectedNaN(act), `${act} in place (bias ${withBias})`);
        }
      });
    });

    test(`${name}: ${act} backward gives NaN where the output, the pre-activation or dy is NaN`, () => {
      withBackend(name, (b) => {
        // NaN from the forward pass (x and y hold NaN).
        const x = inputs(b);
        const y = b.alloc(ROWS * COLS);
        b.biasActivation(x, null, y, ROWS, COLS, act);
        const dy = b.alloc(ROWS * COLS).fill(1);
        b.activationBackward(dy, x, y, ROWS, COLS, act);
        const expected = act === 'linear' ? [] : expectedNaN(act);
        assert.deepEqual(nanIndices(dy), expected, `${act}: NaN activations give NaN gradients`);

        // NaN in the incoming gradient, finite activations.
        const fx = b.alloc(ROWS * COLS);
        for (let i = 0; i < fx.length; i++) fx[i] = ((i * 5) % 7) / 3 - 1;
        const fy = b.alloc(ROWS * COLS);
        b.biasActivation(fx, null, fy, ROWS, COLS, act);
        const g = b.alloc(ROWS * COLS).fill(0.5);
        for (const i of NAN_AT) g[i] = NaN;
        b.activationBackward(g, fx, fy, ROWS, COLS, act);
        assert.deepEqual(nanIndices(g), expectedNaN(act), `${act}: NaN dy stays NaN`);
      });
    });
  }
}

test('relu and leakyRelu keep their values on finite inputs and infinities (both backends)', () => {
  const xs = [-2, -0, 0, 1e-30, 3, -Infinity, Infinity];
  const expected: Record<'relu' | 'leakyRelu', number[]> = {
    relu: [0, -0, 0, 1e-30, 3, 0, Infinity],
    leakyRelu: [-0.4, -0, 0, 1e-30, 3, -Infinity, Infinity],
  };
  for (const name of BACKENDS) {
    withBackend(name, (b) => {
      for (const act of ['relu', 'leakyRelu'] as const) {
        const x = b.alloc(8);
        xs.forEach((v, i) => (x[i] = v));
        const y = b.alloc(8);
        b.biasActivation(x, null, y, 1, 8, act);
        const got = Array.from(y.subarray(0, xs.length));
        expected[act].forEach((e, i) => assert.ok(Math.abs(got[i]! - Math.fround(e)) <= 1e-7 * Math.abs(e) || got[i] === Math.fround(e), `${name} ${act}(${xs[i]}) = ${got[i]}, expected ${e}`));
        const dy = b.alloc(8).fill(1);
        b.activationBackward(dy, x, y, 1, 8, act);
        const slope = act === 'relu' ? 0 : 0.2;
        assert.deepEqual(Array.from(dy.subarray(0, xs.length)).map((v) => Math.fround(v)), [slope, slope, slope, 1, 1, slope, 1].map((v) => Math.fround(v)), `${name} ${act}'`);
      }
    });
  }
});
