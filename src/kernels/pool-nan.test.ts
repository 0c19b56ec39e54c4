/**
 * NaN in, NaN out for pooling, on the reference and the wasm backend alike (as TF.js and PyTorch
 * do): a window holding a NaN pools to NaN, in max and average pooling, and max pooling's
 * gradient goes to the NaN it took. Windows without a NaN stay finite.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Backend, FloatArray } from './backend.js';
import { createBackend } from './registry.js';
import type { Pool2dGeometry } from './window-geometry.js';

const BACKENDS = ['ref', 'wasm'] as const;

/** 2 images of 5x5 with 3 channels, 2x2 windows of stride 2 ('valid': 2x2 outputs). */
const G: Pool2dGeometry = { batch: 2, inHeight: 5, inWidth: 5, channels: 3, outHeight: 2, outWidth: 2, poolHeight: 2, poolWidth: 2, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0 };
const at = (b: number, y: number, x: number, c: number): number => ((b * G.inHeight + y) * G.inWidth + x) * G.channels + c;
const out = (b: number, y: number, x: number, c: number): number => ((b * G.outHeight + y) * G.outWidth + x) * G.channels + c;
/** NaN at the second pixel of window (0, 1) of image 0, channel 1, after a larger finite value. */
const NAN = at(0, 1, 3, 1);
const NAN_OUT = out(0, 0, 1, 1);

function input(backend: Backend): FloatArray {
  const x = backend.alloc(G.batch * G.inHeight * G.inWidth * G.channels);
  for (let i = 0; i < x.length; i++) x[i] = ((i * 7) % 13) - 6;
  x[at(0, 0, 2, 1)] = 100;
  x[NAN] = NaN;
  return x;
}

function nanIndices(a: ArrayLike<number>): number[] {
  const found: number[] = [];
  for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i])) found.push(i);
  return found;
}

const size = G.batch * G.outHeight * G.outWidth * G.channels;

for (const name of BACKENDS) {
  test(`${name}: a max-pooling window holding NaN gives NaN, and its gradient goes to the NaN`, () => {
    const b = createBackend(name);
    const y = b.alloc(size);
    const argmax = b.allocIndices(size);
    b.maxPool2dForward(input(b), y, argmax, G);
    assert.deepEqual(nanIndices(y), [NAN_OUT]);
    assert.equal(argmax[NAN_OUT], NAN);
    const dy = b.alloc(size).fill(1);
    const dx = b.alloc(G.batch * G.inHeight * G.inWidth * G.channels);
    b.maxPool2dBackward(dy, argmax, dx, G);
    assert.equal(dx[NAN], 1);
    assert.equal(dx[at(0, 0, 2, 1)], 0, 'the larger finite value before the NaN gets no gradient');
  });

  test(`${name}: an average-pooling window holding NaN gives NaN`, () => {
    const b = createBackend(name);
    const y = b.alloc(size);
    b.avgPool2dForward(input(b), y, G);
    assert.deepEqual(nanIndices(y), [NAN_OUT]);
  });
}
