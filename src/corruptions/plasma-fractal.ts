/**
 * A plasma fractal height map by the diamond-square algorithm, as the published fog: a square
 * of side `size` (a power of two), wrapping at its edges, scaled to [0, 1].
 */
import type { Xoshiro128 } from '../random/xoshiro.js';

/** The smallest power of two >= max(256, n): the published map is 256 wide. */
export function fractalSize(n: number): number {
  let size = 256;
  while (size < n) size *= 2;
  return size;
}

/**
 * The height map: `size * size` values in [0, 1], row-major. Each new point is the mean of its
 * four neighbours plus `wibble * U(-wibble, wibble)`, `wibble` starting at 100 and divided by
 * `decay` at each halving of the step.
 */
export function plasmaFractal(size: number, decay: number, rng: Xoshiro128): Float64Array {
  const map = new Float64Array(size * size);
  const at = (r: number, c: number): number => map[(((r % size) + size) % size) * size + (((c % size) + size) % size)]!;
  let step = size;
  let wibble = 100;
  const jitter = (): number => wibble * (rng.uniform() * 2 * wibble - wibble);
  while (step >= 2) {
    const half = step / 2;
    // squares: the centre of each square of corners `step` apart
    for (let r = half; r < size; r += step) {
      for (let c = half; c < size; c += step) {
        const sum = at(r - half, c - half) + at(r + half, c - half) + at(r - half, c + half) + at(r + half, c + half);
        map[r * size + c] = sum / 4 + jitter();
      }
    }
    // diamonds on the corner rows, between two corners
    const top = new Float64Array((size / step) * (size / step));
    let k = 0;
    for (let r = 0; r < size; r += step) {
      for (let c = half; c < size; c += step) top[k++] = at(r + half, c) + at(r - half, c) + at(r, c - half) + at(r, c + half);
    }
    const left = new Float64Array(top.length);
    k = 0;
    for (let r = half; r < size; r += step) {
      for (let c = 0; c < size; c += step) left[k++] = at(r, c + half) + at(r, c - half) + at(r - half, c) + at(r + half, c);
    }
    k = 0;
    for (let r = 0; r < size; r += step) for (let c = half; c < size; c += step) map[r * size + c] = top[k++]! / 4 + jitter();
    k = 0;
    for (let r = half; r < size; r += step) for (let c = 0; c < size; c += step) map[r * size + c] = left[k++]! / 4 + jitter();
    step = half;
    wibble /= decay;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of map) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min || 1;
  for (let i = 0; i < map.length; i++) map[i] = (map[i]! - min) / range;
  return map;
}
