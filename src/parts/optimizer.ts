/**
 * The base of optimizers: keeps the step count and per-weight slots (moments, velocities),
 * allocated by the backend on the first step, and applies one update to every weight.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from './layer.js';
import { checkNumber } from '../validate.js';
import { ShapeError } from '../errors.js';

export abstract class Optimizer {
  /** Class name as saved, e.g. `Adam`. */
  abstract readonly className: string;
  /** Number of updates applied so far. */
  iterations = 0;
  readonly learningRate: number;
  /** Per weight, in parameter order, its slots (moments, velocities); built on the first step. */
  private slots: FloatArray[][] = [];
  private built: readonly Param[] | null = null;
  private pending: Float32Array[] | null = null;
  /** The backend the slots were allocated on (set by `build`). */
  private backend: Backend | null = null;

  constructor(learningRate: number, where: string) {
    this.learningRate = checkNumber(where, 'learningRate', learningRate, { min: 0, minExclusive: true });
  }

  /** Allocates the slots of `params` (idempotent for the same list); restores state given to `setWeights` before. */
  build(params: readonly Param[], backend: Backend): void {
    if (this.built && this.built.length === params.length && this.built.every((p, i) => p === params[i])) return;
    this.slots = params.map((p) => Array.from({ length: this.slotCount }, () => backend.alloc(p.value.length)));
    this.built = [...params];
    this.backend = backend;
    if (this.pending) {
      const state = this.pending;
      this.pending = null;
      this.setWeights(state);
    }
  }

  /** Applies one update to every weight from its gradient. */
  apply(params: readonly Param[], backend: Backend): void {
    this.build(params, backend);
    this.iterations++;
    params.forEach((p, i) => this.update(p, this.slots[i]!, backend));
  }

  /**
   * The optimizer's state as arrays (Keras' `optimizer.variables` order): the step count, then
   * every slot of every weight in parameter order. Copies; empty slots until the first step.
   */
  getWeights(): Float32Array[] {
    return [Float32Array.of(this.iterations), ...this.slots.flat().map((s) => Float32Array.from(s))];
  }

  /**
   * Restores state from {@link getWeights}. Before the first step the slots are kept until the
   * optimizer is built for the model's weights.
   * @throws ShapeError when the count or a length does not match the weights.
   */
  setWeights(state: readonly Float32Array[]): void {
    const [step, ...slots] = state;
    if (!step || step.length !== 1 || !Number.isInteger(step[0]) || step[0]! < 0) throw new ShapeError(`${this.className}: the first state array must hold the step count, received ${step ? `${step.length} values` : 'none'}`);
    if (!this.built) {
      this.iterations = step[0]!;
      this.pending = slots.length ? [...state] : null;
      return;
    }
    const flat = this.slots.flat();
    if (slots.length !== flat.length) throw new ShapeError(`${this.className}: expected ${flat.length} slot arrays (${this.slotCount} per weight), received ${slots.length}`);
    slots.forEach((s, i) => {
      if (s.length !== flat[i]!.length) throw new ShapeError(`${this.className}: slot ${i} holds ${flat[i]!.length} values, received ${s.length}`);
    });
    this.iterations = step[0]!;
    slots.forEach((s, i) => flat[i]!.set(s));
    this.backend?.device?.upload(flat);
  }

  /** The buffers of the optimizer's state (its slots), for a device backend to download before they are read. */
  stateBuffers(): FloatArray[] {
    return this.slots.flat();
  }

  /** Seeds the optimizer's random draws (gradient noise) at the start of `fit`; a no-op for deterministic ones. */
  seedRandom(_seed: number): void {}

  /** Forgets every slot and the step count, as for a fresh optimizer. */
  reset(): void {
    this.iterations = 0;
    this.slots = [];
    this.built = null;
    this.pending = null;
  }

  /** Slots per weight. */
  protected abstract readonly slotCount: number;
  /** Updates one weight; `this.iterations` is the 1-based step number. */
  protected abstract update(p: Param, slots: FloatArray[], backend: Backend): void;
  /** Options as JSON. */
  abstract getConfig(): Record<string, unknown>;
}
