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

  onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
