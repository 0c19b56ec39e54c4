/**
 * Stops training when a monitored metric has stopped improving for `patience` epochs, and
 * optionally restores the weights of the best epoch.
 */
import type { Callback, CallbackState, Logs } from './callback.js';
import type { Trainable } from '../train/trainable.js';
import { checkChoice, checkNumber } from '../validate.js';

export interface EarlyStoppingOptions {
  /** Metric to watch; default `val_loss`. */
  monitor?: string;
  /** Smallest change that counts as an improvement; default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping; default 0. */
  patience?: number;
  /** `min`, `max`, or `auto` (max for accuracy-like names, else min); default `auto`. */
  mode?: 'auto' | 'min' | 'max';
  /** Put back the weights of the best epoch when stopping; default false. */
  restoreBestWeights?: boolean;
  /** Called with a one-line warning, e.g. when the metric is missing; default `console.warn`. */
  warn?: (message: string) => void;
}

export class EarlyStopping implements Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly restoreBestWeights: boolean;
  /** Zero-based epoch at which training stopped, or -1. */
  stoppedEpoch = -1;
  /** Zero-based epoch with the best value. */
  bestEpoch = -1;
  private best = Infinity;
  private wait = 0;
  private bestWeights: Float32Array[] | null = null;
  private model: Trainable | null = null;
  private readonly warn: (message: string) => void;

  constructor(options: EarlyStoppingOptions = {}) {
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(checkNumber('earlyStopping', 'minDelta', options.minDelta ?? 0));
    this.patience = checkNumber('earlyStopping', 'patience', options.patience ?? 0, { min: 0, integer: true });
    const mode = checkChoice('earlyStopping', 'mode', options.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    this.mode = mode !== 'auto' ? mode : /acc/.test(this.monitor) ? 'max' : 'min';
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    // The one message the library prints by default, as Keras logs it; `warn` redirects it.
    // eslint-disable-next-line no-console
    this.warn = options.warn ?? ((m) => console.warn(m));
  }

  setModel(model: Trainable): void {
    this.model = model;
  }

  onTrainBegin(): void {
    this.best = Infinity;
    this.wait = 0;
    this.stoppedEpoch = -1;
    this.bestEpoch = -1;
    this.bestWeights = null;
  }

  /** The best value so far, the epochs waited, and the best weights when they are kept: what a checkpoint needs to resume exactly. */
  getState(): CallbackState {
    const values = { best: Number.isFinite(this.best) ? this.best : null, wait: this.wait, stoppedEpoch: this.stoppedEpoch, bestEpoch: this.bestEpoch };
    return this.bestWeights ? { values, weights: this.bestWeights.map((w) => Float32Array.from(w)) } : { values };
  }

  setState(state: CallbackState): void {
    const v = state.values;
    this.best = typeof v['best'] === 'number' ? v['best'] : Infinity;
    this.wait = Number(v['wait'] ?? 0);
    this.stoppedEpoch = Number(v['stoppedEpoch'] ?? -1);
    this.bestEpoch = Number(v['bestEpoch'] ?? -1);
    this.bestWeights = state.weights ? state.weights.map((w) => Float32Array.from(w)) : null;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const value = logs[this.monitor];
    if (value === undefined) {
      this.warn(`earlyStopping: metric '${this.monitor}' is not available; available metrics are: ${Object.keys(logs).join(', ')}`);
      return;
    }
    const signed = this.mode === 'min' ? value : -value;
    if (signed < this.best - this.minDelta) {
      this.best = signed;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights && this.model) this.bestWeights = this.model.getWeights().map((w) => w.data as Float32Array);
      return;
    }
    this.wait++;
    if (this.wait >= this.patience && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
      if (this.bestWeights) this.model.setWeights(this.bestWeights);
    }
  }
}

/** Early stopping; see {@link EarlyStoppingOptions}. */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  return new EarlyStopping(options);
}
