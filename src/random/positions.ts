/**
 * Where every random draw of a run comes from, so a run can be positioned anywhere: each
 * stream is seeded from (run seed, stream) when `fit` starts, and at every training step the
 * stream is moved to a position that depends only on the step: backend streams to block
 * `step * BLOCKS_PER_STEP`, JS generators reseeded from (stream seed, step). Shuffles are
 * reseeded from (seed, epoch). So the draws of step t are the same whether the run got there
 * uninterrupted or resumed from a checkpoint (`fit({ initialEpoch })`).
 */
import type { RandomStream } from '../kernels/backend.js';
import { mixSeed, type Xoshiro128 } from './xoshiro.js';

/** Blocks of 1024 values each step may draw from one stream (64 Mi values). */
export const BLOCKS_PER_STEP = 2 ** 16;

/** Moves a backend stream to the start of step `step`. */
export function positionStream(stream: RandomStream, step: number): void {
  stream.blocks = step * BLOCKS_PER_STEP;
}

/** Reseeds a JS generator for step `step` of the stream seeded `seed`. */
export function positionGenerator(generator: Xoshiro128, seed: number, step: number): void {
  generator.reseed(mixSeed(seed, step));
}
