/**
 * Models with known answers for the experiment tests. Not part of the public API.
 */
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * A fixed 2-class linear classifier on 2-D inputs, built with the real model API: class 1 when
 * `v·x + c > 0`, else class 0. Its decision boundary is the line `v·x + c = 0`, at distance
 * `|v·x + c| / ||v||` from x.
 */
export function linearClassifier(v: [number, number], c: number): Sequential {
  const model = sequential([input({ shape: [2] }), dense({ units: 2 })], { backend: createRefBackend() });
  // Kernel [inputs, units] row-major: column 0 is zero, column 1 is v; bias [0, c].
  model.setWeights([Float32Array.from([0, v[0], 0, v[1]]), Float32Array.from([0, c])]);
  return model;
}

/** `count` copies of the 2-D point `p`, with label `label`. */
export function repeatedPoint(p: [number, number], count: number, label: number): { x: Tensor; y: Tensor } {
  const x = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) x.set(p, 2 * i);
  return { x: new Tensor(x, [count, 2]), y: new Tensor(new Int32Array(count).fill(label), [count]) };
}

/** The point at signed distance `d` from the boundary of `linearClassifier(v, c)` (positive: class 1's side), along v from its foot at the origin side. */
export function pointAtDistance(v: [number, number], c: number, d: number): [number, number] {
  const norm = Math.hypot(v[0], v[1]);
  // Foot of the perpendicular from the origin: x0 = -c v / ||v||², then move d along v / ||v||.
  const t = -c / (norm * norm) + d / norm;
  return [t * v[0], t * v[1]];
}
