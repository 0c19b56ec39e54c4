/**
 * The base of optimizers: keeps the step count and per-weight slots (moments, velocities),
 * allocated by the backend on the first step, and applies one update to every weight.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../layers/layer.js';
import { checkNumber } from '../validate.js';

export abstract class Optimizer {
  /** Class name as saved, e.g. `Adam`. */
  abstract readonly className: string;
  /** Number of updates applied so far. */
  iterations = 0;
  readonly learningRate: number;
  private readonly slots = new Map<Param, FloatArray[]>();

  constructor(learningRate: number, where: string) {
    this.learningRate = checkNumber(where, 'learningRate', learningRate, { min: 0, minExclusive: true });
  }

  /** Applies one update to every weight from its gradient. */
  apply(params: readonly Param[], backend: Backend): void {
    this.iterations++;
    for (const p of params) {
      let s = this.slots.get(p);
      if (!s) {
        s = Array.from({ length: this.slotCount }, () => backend.alloc(p.value.length));
        this.slots.set(p, s);
      }
      this.update(p, s, backend);
    }
  }

  /** Seeds the optimizer's random draws (gradient noise) at the start of `fit`; a no-op for deterministic ones. */
  seedRandom(_seed: number): void {}

  /** Forgets every slot and the step count, as for a fresh optimizer. */
  reset(): void {
    this.iterations = 0;
    this.slots.clear();
  }

  /** Slots per weight. */
  protected abstract readonly slotCount: number;
  /** Updates one weight; `this.iterations` is the 1-based step number. */
  protected abstract update(p: Param, slots: FloatArray[], backend: Backend): void;
  /** Options as JSON. */
  abstract getConfig(): Record<string, unknown>;
}
