/**
 * Exactly `k` of `n` positions per row, chosen uniformly at random: the corruption process of
 * Vincent et al. (2008, 2010), where "a fixed number vd of components are chosen at random"
 * for each example. A partial Fisher-Yates shuffle of a kept permutation costs O(k) per row.
 */
import type { Xoshiro128 } from '../random/xoshiro.js';
import type { NoiseLevel } from '../schema/noise-schedule.js';
import { invalid } from '../errors.js';

export class SubsetSampler {
  private perm = new Int32Array(0);

  /** Calls `visit(j)` for `k` distinct positions `j` in `[0, n)`, each `k`-subset equally likely. */
  pick(rng: Xoshiro128, n: number, k: number, visit: (j: number) => void): void {
    if (this.perm.length !== n) {
      this.perm = new Int32Array(n);
      for (let i = 0; i < n; i++) this.perm[i] = i;
    }
    const p = this.perm;
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(n - i);
      const t = p[j]!;
      p[j] = p[i]!;
      p[i] = t;
      visit(t);
    }
  }

  /** Restores the identity permutation, so that a reseeded generator reproduces the same choices (called every step). */
  reset(): void {
    for (let i = 0; i < this.perm.length; i++) this.perm[i] = i;
  }
}

/** Positions corrupted per sample of `size` values at fraction `rate`: `round(rate * size)`. */
export function corruptedCount(rate: number, size: number): number {
  return Math.round(rate * size);
}

/**
 * Refuses a rate whose largest value corrupts no value of a sample of `size` values
 * (`round(rate * size) = 0`): such a layer would train exactly like no noise. A schedule that
 * anneals towards none is fine.
 * @throws InvalidArgumentError `<where>: rate must be at least <0.5 / size> for samples of <size> values ...`.
 */
export function checkCorruptsSome(where: string, rate: NoiseLevel, size: number): void {
  const largest = typeof rate === 'number' ? rate : Math.max(rate.from, rate.to);
  if (largest === 0 || corruptedCount(largest, size) > 0) return;
  const shown = typeof rate === 'number' ? rate : `${rate.from}->${rate.to}`;
  const least = Number((0.5 / size).toPrecision(3));
  throw invalid(where, 'rate', `at least ${least} for samples of ${size} values (round(rate x ${size}) values are corrupted, none below that)`, shown);
}
