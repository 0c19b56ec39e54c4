import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatten } from './flatten.js';
import { reshape } from './reshape.js';
import type { Layer } from '../parts/layer.js';
import { backend64 } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';

test('flatten and reshape change the shape, not the values: the output is the input buffer', () => {
  const b = backend64();
  const f = flatten();
  f.build([5, 5, 64], { backend: b });
  assert.deepEqual(f.outputShape, [1600]);
  const r: Layer = reshape({ targetShape: [28, -1, 1] });
  r.build([784], { backend: b });
  assert.deepEqual(r.outputShape, [28, 28, 1]);
  const x = b.alloc(2 * 784);
  assert.equal(r.forward(x, 2, EVAL), x);
  assert.equal(r.backward(x, 2, true), x);
  assert.equal(f.backward(x, 2, false), null);
});

test('reshape refuses a target shape that does not hold the input, or two -1', () => {
  assert.throws(() => reshape({ targetShape: [-1, -1] }), (e: Error) => e instanceof InvalidArgumentError && /reshape: targetShape must be a non-empty list of positive integers, one of which may be -1, received \[-1, -1\]/.test(e.message));
  assert.throws(() => reshape({ targetShape: [0, 3] }), InvalidArgumentError);
  const r = reshape({ targetShape: [27, 27, 1] });
  assert.throws(() => r.build([784], { backend: backend64() }), (e: Error) => e instanceof ShapeError && /target shape \[27, 27, 1\] needs 729 values per sample, received shape \[784\] \(784 values\)/.test(e.message));
  assert.throws(() => reshape({ targetShape: [5, -1] }).build([784], { backend: backend64() }), /needs a multiple of 5 values per sample/);
});
