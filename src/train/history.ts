/** The record of a `fit`: every epoch's logs, as Keras' `history.history`. */
import type { Callback, FitParams, Logs } from './callback.js';

export class History implements Callback {
  /** Per-metric lists, one value per epoch: `loss`, `accuracy`, `val_loss`, `val_accuracy`. */
  readonly history: Record<string, number[]> = {};
  /** Zero-based epoch numbers recorded. */
  readonly epoch: number[] = [];
  /** The parameters of the run, including the seed that reproduces it. */
  params: FitParams | null = null;

  setParams(params: FitParams): void {
    this.params = params;
  }

  /** Puts back the epochs of a run being resumed (and its parameters, so the record reads as the uninterrupted run's). */
  restore(saved: { epoch: readonly number[]; history: Readonly<Record<string, readonly number[]>> }, params: FitParams): void {
    this.epoch.splice(0, this.epoch.length, ...saved.epoch);
    for (const key of Object.keys(this.history)) delete this.history[key];
    for (const [k, v] of Object.entries(saved.history)) this.history[k] = [...v];
    this.params = params;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
