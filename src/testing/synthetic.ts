/** Small seeded classification data for tests: `classes` noisy clusters in `features` dimensions. */
import { Tensor } from '../tensor/tensor.js';
import { Xoshiro128 } from '../random/xoshiro.js';

export function clusters(count: number, features: number, classes: number, seed = 1, spread = 0.6): { x: Tensor; y: Tensor } {
  const rng = new Xoshiro128(seed);
  const x = new Float32Array(count * features);
  const y = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % classes;
    y[i] = c;
    for (let j = 0; j < features; j++) x[i * features + j] = (j % classes === c ? 1 : 0) + spread * rng.normal();
  }
  return { x: new Tensor(x, [count, features]), y: new Tensor(y, [count]) };
}
