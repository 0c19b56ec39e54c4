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
  const mask = size - 1;
  // Rows and columns wrap (a power of two: & mask is the modulo, negative indices included).
  const at = (r: number, c: number): number => map[(r & mask) * size + (c & mask)]!;
  let step = size;
  let wibble = 100;
  while (step >= 2) {
    const half = step / 2;
    const spread = 2 * wibble * wibble;
    const low = -wibble * wibble;
    // squares: the centre of each square of corners `step` apart
    for (let r = half; r < size; r += step) {
      for (let c = half; c < size; c += step) {
        const sum = at(r - half, c - half) + at(r + half, c - half) + at(r - half, c + half) + at(r + half, c + half);
        map[r * size + c] = sum / 4 + low + spread * rng.uniform();
      }
    }
    // diamonds: the midpoints of the squares' sides, from the corners and the centres (no diamond reads another)
    for (let r = 0; r < size; r += step) {
      for (let c = half; c < size; c += step) {
        map[r * size + c] = (at(r + half, c) + at(r - half, c) + at(r, c - half) + at(r, c + half)) / 4 + low + spread * rng.uniform();
      }
    }
    for (let r = half; r < size; r += step) {
      for (let c = 0; c < size; c += step) {
        map[r * size + c] = (at(r, c + half) + at(r, c - half) + at(r - half, c) + at(r + half, c)) / 4 + low + spread * rng.uniform();
      }
    }
    step = half;
    wibble /= decay;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min || 1;
  for (let i = 0; i < map.length; i++) map[i] = (map[i]! - min) / range;
  return map;
}
