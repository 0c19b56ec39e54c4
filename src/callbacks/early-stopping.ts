/**
 * Stops training when a monitored metric has stopped improving for `patience` epochs, and
 * optionally restores the weights of the best epoch.
 */
import type { Callback, CallbackState, Logs } from '../train/callback.js';
import type { Trainable } from '../train/trainable.js';
import { boolean, choice, func, integer, number, string, type Schema } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';

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
    const o = parseOptions('earlyStopping', EARLY_STOPPING_OPTIONS, options) as Required<Omit<EarlyStoppingOptions, 'warn'>> & Pick<EarlyStoppingOptions, 'warn'>;
    this.monitor = o.monitor;
    this.minDelta = Math.abs(o.minDelta);
    this.patience = o.patience;
    this.mode = o.mode !== 'auto' ? o.mode : /acc/.test(this.monitor) ? 'max' : 'min';
    this.restoreBestWeights = o.restoreBestWeights;
    // The one message the library prints by default, as Keras logs it; `warn` redirects it.
    // eslint-disable-next-line no-console
    this.warn = o.warn ?? ((m) => console.warn(m));
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

/** The options of {@link earlyStopping}, declared once. */
export const EARLY_STOPPING_OPTIONS: Schema<EarlyStoppingOptions> = {
  monitor: string('metric to watch', { default: 'val_loss' }),
  minDelta: number('smallest change that counts as an improvement', { default: 0 }),
  patience: integer('epochs without improvement before stopping', { default: 0, range: { min: 0 } }),
  mode: choice('min, max, or auto (max for accuracy-like names)', ['auto', 'min', 'max'], { default: 'auto' }),
  restoreBestWeights: boolean('put back the weights of the best epoch when stopping', { default: false }),
  warn: func('called with a one-line warning; default console.warn', 'a function (message) => void'),
};
