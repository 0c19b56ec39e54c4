/**
 * Keras' ModelCheckpoint: saves the model at the end of every epoch, or only when the monitored
 * metric improved (`saveBestOnly`). `{epoch}` in the path is replaced by the 1-based epoch
 * number. Saving goes through an injected function (the Node entry's `modelCheckpoint({ path })`
 * uses `saveModel`, whose replacement of a folder survives a crash). Its best value is part of a
 * checkpoint's state, so a resumed run keeps the best model it had.
 */
import type { Callback, CallbackState, Logs } from '../train/callback.js';
import type { Trainable } from '../train/trainable.js';
import { checkChoice } from '../validate.js';
import { invalid } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';

export interface ModelCheckpointOptions {
  /** Where to save; `{epoch}` becomes the 1-based epoch (e.g. `runs/a/epoch-{epoch}`). */
  path: string;
  /** Metric to watch; default `val_loss`. */
  monitor?: string;
  /** Save only when the monitored metric improves on the best so far; default false (every epoch). */
  saveBestOnly?: boolean;
  /** `min`, `max`, or `auto` (max for accuracy-like names, else min); default `auto`. */
  mode?: 'auto' | 'min' | 'max';
  /** Writes the model to a path. */
  save: (model: Trainable, path: string) => Promise<void>;
  /** Called with a one-line warning when the metric is missing; default `console.warn`. */
  warn?: (message: string) => void;
}

export class ModelCheckpoint implements Callback {
  readonly path: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly mode: 'min' | 'max';
  /** Best monitored value so far (in its own sign), or null. */
  best: number | null = null;
  private model: Trainable | null = null;
  private readonly save: (model: Trainable, path: string) => Promise<void>;
  private readonly warn: (message: string) => void;

  constructor(options: ModelCheckpointOptions) {
    checkOptionKeys('modelCheckpoint', options, optionKeys<ModelCheckpointOptions>({ path: true, monitor: true, saveBestOnly: true, mode: true, save: true, warn: true }));
    if (typeof options?.path !== 'string' || options.path === '') throw invalid('modelCheckpoint', 'path', 'a non-empty string', options?.path);
    if (typeof options.save !== 'function') throw invalid('modelCheckpoint', 'save', 'a function (model, path) => Promise (in Node: modelCheckpoint({ path }))', typeof options.save);
    this.path = options.path;
    this.monitor = options.monitor ?? 'val_loss';
    this.saveBestOnly = options.saveBestOnly ?? false;
    const mode = checkChoice('modelCheckpoint', 'mode', options.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    this.mode = mode !== 'auto' ? mode : /acc/.test(this.monitor) ? 'max' : 'min';
    this.save = options.save;
    // eslint-disable-next-line no-console
    this.warn = options.warn ?? ((m) => console.warn(m));
  }

  setModel(model: Trainable): void {
    this.model = model;
  }

  onTrainBegin(): void {
    this.best = null;
  }

  getState(): CallbackState {
    return { values: { best: this.best } };
  }

  setState(state: CallbackState): void {
    this.best = typeof state.values['best'] === 'number' ? state.values['best'] : null;
  }

  async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const path = this.path.replace(/\{epoch\}/g, String(epoch + 1));
    if (!this.saveBestOnly) return this.save(this.model!, path);
    const value = logs[this.monitor];
    if (value === undefined) {
      this.warn(`modelCheckpoint: metric '${this.monitor}' is not available; available metrics are: ${Object.keys(logs).join(', ')}; nothing saved`);
      return;
    }
    const signed = this.mode === 'min' ? value : -value;
    if (this.best !== null && !(signed < this.best)) return;
    this.best = signed;
    await this.save(this.model!, path);
  }
}

/** Saves the model every epoch or at its best; see {@link ModelCheckpointOptions}. */
export function modelCheckpoint(options: ModelCheckpointOptions): ModelCheckpoint {
  return new ModelCheckpoint(options);
}
