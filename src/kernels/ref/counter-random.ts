/**
 * Counter-based random fills of the reference backend, value for value those of the wasm
 * backend (`assembly/random.ts`).
 *
 * A stream is a seed and the number of blocks of {@link BLOCK} values drawn so far. A fill of
 * n values takes the next `ceil(n / BLOCK)` blocks, block `blocks + i` supplying values
 * `i * BLOCK ..` of the fill (the unused tail of the last block is skipped). Each block's raw
 * 32-bit words come from {@link blockWords}; a word w gives the uniform
 * `u = (w >>> 8) * 2^-24` in [0, 1) and:
 *
 * - uniform: `lo + (hi - lo) * u`, in float32;
 * - Bernoulli: 1 where `u < p` (p rounded to float32), else 0;
 * - normal: values `8g + lane` and `8g + 4 + lane` of a block are a Box-Muller pair from
 *   words `8g + lane` (radius) and `8g + 4 + lane` (angle), see {@link normalBlock}.
 */
import type { FloatArray, RandomStream } from '../backend.js';
import { NoisenetError } from '../../errors.js';
import { BLOCK, blockWords } from './block-seed.js';
import { INV24, normalBlock } from './f32-normal.js';

export { BLOCK };

const f = Math.fround;

/** A stream of the reference backend: its seed and the blocks drawn so far. */
export class CounterRandom implements RandomStream {
  /** Blocks of {@link BLOCK} values drawn so far; assigning it positions the stream. */
  blocks = 0;
  constructor(readonly seed: number) {}
}

/** Raw words of the block being filled. */
const words = new Int32Array(BLOCK);

type Kind = 'uniform' | 'normal' | 'bernoulli';

/** Fills `out[0..n)` from the next blocks of `rng`; `p0`, `p1` as the wasm kernels (`lo, hi`, `mean, std`, `p`). */
function fill(kind: Kind, rng: RandomStream, out: FloatArray, n: number, p0: number, p1: number): void {
  if (!(rng instanceof CounterRandom)) throw new NoisenetError('ref backend: random stream from another backend (use backend.createRandom)');
  const first = rng.blocks;
  if (!Number.isSafeInteger(first) || first < 0) throw new NoisenetError(`ref backend: random stream position blocks must be a non-negative integer, got ${first}`);
  if (n <= 0) return;
  const blocks = Math.ceil(n / BLOCK);
  rng.blocks = first + blocks;
  const a = f(p0), b = f(p1), span = f(b - a);
  for (let k = 0; k < blocks; k++) {
    const start = k * BLOCK;
    const count = Math.min(BLOCK, n - start);
    blockWords(rng.seed, first + k, count, words);
    if (kind === 'uniform') {
      for (let i = 0; i < count; i++) out[start + i] = f(a + f(span * ((words[i]! >>> 8) * INV24)));
    } else if (kind === 'bernoulli') {
      for (let i = 0; i < count; i++) out[start + i] = +((words[i]! >>> 8) * INV24 < a);
    } else {
      normalBlock(words, count, a, b, out, start);
    }
  }
}

/** `out[i] = lo + (hi - lo) u`, u uniform in [0, 1). */
export function fillUniform(rng: RandomStream, out: FloatArray, n: number, lo: number, hi: number): void {
  fill('uniform', rng, out, n, lo, hi);
}

/** `out[i] = mean + std z`, z standard normal. */
export function fillNormal(rng: RandomStream, out: FloatArray, n: number, mean: number, std: number): void {
  fill('normal', rng, out, n, mean, std);
}

/** `out[i] = 1` with probability p, else 0. */
export function fillBernoulli(rng: RandomStream, out: FloatArray, n: number, p: number): void {
  fill('bernoulli', rng, out, n, p, 0);
}
