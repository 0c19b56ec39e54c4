/**
 * Random streams of the wasm backend. A stream is a seed and a count of blocks used; each
 * fill takes the next blocks of BLOCK values, each block generated from (seed, block number)
 * by the kernels, so fills can be shared out between threads without changing a value.
 */
import type { FloatArray, RandomStream } from '../backend.js';
import { NoisenetError } from '../../errors.js';
import { OP } from './kernels.js';
import type { WasmContext } from './context.js';

/** Values per block; must match BLOCK in assembly/random.ts. */
export const BLOCK = 1024;
/** Fills shorter than this many blocks stay on one thread. */
const MIN_PARALLEL_BLOCKS = 8;

/** A seeded stream of the wasm backend. */
export class WasmRandom implements RandomStream {
  /** Blocks of BLOCK values drawn so far; assigning it positions the stream. */
  blocks = 0;
  constructor(
    readonly seed: number,
    /** The backend context it belongs to. */
    readonly owner: WasmContext,
  ) {}
}

type Kind = 'fillUniform' | 'fillNormal' | 'fillBernoulli';

/**
 * Fills `out[0..n)` with kernel `kind`; `p0`, `p1` are its distribution parameters
 * (`lo, hi`, `mean, std`, or `p` and unused).
 */
export function fill(ctx: WasmContext, kind: Kind, rng: RandomStream, out: FloatArray, n: number, p0: number, p1: number): void {
  if (!(rng instanceof WasmRandom) || rng.owner !== ctx) throw new NoisenetError('wasm backend: random stream from another backend (use backend.createRandom)');
  const first = rng.blocks;
  if (!Number.isSafeInteger(first) || first < 0) throw new NoisenetError(`wasm backend: random stream position blocks must be a non-negative integer, got ${first}`);
  const po = ctx.mem.ptr(out, n, kind);
  if (n <= 0) return;
  const blocks = Math.ceil(n / BLOCK);
  rng.blocks += blocks;
  const seed = rng.seed;
  if (kind === 'fillBernoulli') ctx.run(OP.fillBernoulli, blocks, 1, 1, MIN_PARALLEL_BLOCKS * 2, po, n, p0, seed, first);
  else ctx.run(OP[kind], blocks, 1, 1, kind === 'fillNormal' ? MIN_PARALLEL_BLOCKS : MIN_PARALLEL_BLOCKS * 2, po, n, p0, p1, seed, first);
}
