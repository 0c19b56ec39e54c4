/**
 * The small seeded generator the data module uses to pick and order samples, so that a given
 * seed always gives the same split on every platform. Not for noise: training has its own.
 */
import { invalid } from '../errors.js';

/** Returns uniform floats in [0, 1). */
export type Uniform = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): 32 bits of state, fast, good enough to shuffle.
 * @param seed an integer; only its low 32 bits are used.
 */
export function mulberry32(seed: number): Uniform {
  if (!Number.isSafeInteger(seed)) throw invalid('mulberry32', 'seed', 'an integer', seed);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of `items` in place; returns `items`. */
export function seededShuffle<T extends { [i: number]: unknown; length: number }>(items: T, random: Uniform): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
