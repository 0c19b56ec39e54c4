/** Splitting sample indices by class, so each class keeps its share on both sides. */
import { invalid } from '../errors.js';
import { seededShuffle, type Uniform } from './seeded-shuffle.js';

/** Indices of the samples on each side of a split, each in shuffled order. */
export interface IndexSplit {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Puts `testFraction` of each class's samples in `test` and the rest in `train`. Class quotas are
 * rounded by largest remainder, so `test` holds exactly `round(count * testFraction)` samples.
 * Both sides come back shuffled; the result depends only on the labels and `random`'s seed.
 */
export function stratifiedSplit(labels: Uint8Array, testFraction: number, random: Uniform): IndexSplit {
  if (!(testFraction >= 0 && testFraction <= 1)) {
    throw invalid('stratifiedSplit', 'testFraction', 'a number from 0 to 1', testFraction);
  }
  const byClass: number[][] = [];
  labels.forEach((label, i) => (byClass[label] ??= []).push(i));
  const classes = byClass.flatMap((members, label) => {
    const exact = members.length * testFraction;
    return [{ label, members, quota: Math.floor(exact), remainder: exact - Math.floor(exact) }];
  });
  const missing = Math.round(labels.length * testFraction) - classes.reduce((sum, c) => sum + c.quota, 0);
  const byRemainder = [...classes].sort((a, b) => b.remainder - a.remainder || a.label - b.label);
  for (let i = 0; i < Math.min(missing, byRemainder.length); i++) byRemainder[i]!.quota++;
  const train: number[] = [];
  const test: number[] = [];
  for (const c of classes) {
    seededShuffle(c.members, random).forEach((index, rank) => (rank < c.quota ? test : train).push(index));
  }
  return {
    train: seededShuffle(Uint32Array.from(train), random),
    test: seededShuffle(Uint32Array.from(test), random),
  };
}
