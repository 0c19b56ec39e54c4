/**
 * Exactly `k` of `n` positions per row, chosen uniformly at random: the corruption process of
 * Vincent et al. (2008, 2010), where "a fixed number vd of components are chosen at random"
 * for each example. A partial Fisher-Yates shuffle of a kept permutation costs O(k) per row.
 */
import type { Xoshiro128 } from '../random/xoshiro.js';

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
