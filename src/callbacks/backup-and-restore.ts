/**
 * Keras' BackupAndRestore, made exact: a checkpoint at the end of every epoch, and a `fit` started
 * with it resumes from the last one, to the same history and weights as the run would have had
 * without the interruption (same seed, backend and thread count). Keras and PyTorch Lightning
 * restore the weights and optimizer but not the random state; here every draw is positioned by
 * (seed, stream, step), so restoring the epoch restores the noise, the shuffles and the schedules.
 *
 * The checkpoint of epoch k is written when epoch k + 1 begins, after every callback has seen
 * epoch k end (early stopping's state included), or when training ends.
 */
import type { Callback, CallbackState, FitParams, ResumePoint } from '../train/callback.js';
import type { CheckpointState, CheckpointStorage } from './checkpoint.js';
import type { Trainable } from '../train/trainable.js';
import { History } from '../train/history.js';
import { TrainingError, invalid } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';

export interface BackupAndRestoreOptions {
  /** Where checkpoints go (Node: `backupAndRestore({ dir })` from the Node entry makes a folder storage). */
  storage: CheckpointStorage;
  /** Remove the checkpoint once the run has finished (Keras' `delete_checkpoint`); default true. */
  deleteCheckpoint?: boolean;
  /** The run's settings, kept in the checkpoint as given (JSON), for whoever resumes it. */
  settings?: unknown;
  /** Aborted when the run is being interrupted: the run is then not finished, and its last checkpoint stays resumable. */
  signal?: AbortSignal;
}

/** fit parameters a resume must share with the checkpoint. */
const SAME_RUN: readonly (keyof FitParams)[] = ['seed', 'epochs', 'batchSize', 'samples', 'steps', 'validation'];

export class BackupAndRestore implements Callback {
  readonly storage: CheckpointStorage;
  readonly deleteCheckpoint: boolean;
  private readonly settings: unknown;
  private readonly signal: AbortSignal | undefined;
  private model: Trainable | null = null;
  private params: FitParams | null = null;
  private callbacks: readonly Callback[] = [];
  /** The epoch that ended and is not saved yet. */
  private unsaved: number | null = null;

  constructor(options: BackupAndRestoreOptions) {
    checkOptionKeys('backupAndRestore', options, optionKeys<BackupAndRestoreOptions>({ storage: true, deleteCheckpoint: true, settings: true, signal: true }));
    if (!options || typeof options.storage?.write !== 'function') throw invalid('backupAndRestore', 'storage', 'a CheckpointStorage (in Node: backupAndRestore({ dir }))', typeof options?.storage);
    this.storage = options.storage;
    this.deleteCheckpoint = options.deleteCheckpoint ?? true;
    this.settings = options.settings;
    this.signal = options.signal;
  }

  setModel(model: Trainable): void {
    this.model = model;
  }

  setParams(params: FitParams): void {
    this.params = params;
  }

  setCallbacks(callbacks: readonly Callback[]): void {
    this.callbacks = callbacks;
  }

  async resume(): Promise<ResumePoint | null> {
    this.unsaved = null;
    const model = this.model!;
    const found = await this.storage.read(model);
    if (!found) return null;
    const { state, restored } = found;
    for (const key of SAME_RUN) {
      if (state.params[key] !== this.params![key]) {
        throw new TrainingError(`backupAndRestore: the checkpoint in ${this.storage.where} is of another run (${key} ${JSON.stringify(state.params[key])} there, ${JSON.stringify(this.params![key])} now); remove it to start over`);
      }
    }
    model.setWeights(restored.weights);
    if (restored.optimizer.length > 0) model.compiled().optimizer.setWeights(restored.optimizer);
    for (const saved of state.callbacks) {
      const cb = this.callbacks[saved.index];
      if (!cb?.setState || cb.constructor.name !== saved.name) throw new TrainingError(`backupAndRestore: the checkpoint in ${this.storage.where} holds the state of a ${saved.name} at callback ${saved.index}, which this fit does not have there`);
      cb.setState(saved.state);
    }
    this.history()?.restore(state.history, state.params);
    return { epoch: state.epoch, complete: state.complete };
  }

  onEpochEnd(epoch: number): void {
    this.unsaved = epoch;
  }

  async onEpochBegin(): Promise<void> {
    if (this.unsaved !== null) await this.save(false);
  }

  async onTrainEnd(): Promise<void> {
    if (this.unsaved === null) return;
    const finished = !this.signal?.aborted;
    if (finished && this.deleteCheckpoint) {
      this.unsaved = null;
      await this.storage.remove();
      return;
    }
    await this.save(finished);
  }

  private history(): History | null {
    return (this.callbacks.find((cb) => cb instanceof History) as History | undefined) ?? null;
  }

  private async save(complete: boolean): Promise<void> {
    const history = this.history();
    const callbacks: CheckpointState['callbacks'] = [];
    this.callbacks.forEach((cb, index) => {
      const state: CallbackState | null | undefined = cb.getState?.();
      if (state) callbacks.push({ index, name: cb.constructor.name, state });
    });
    const state: CheckpointState = {
      epoch: this.unsaved! + 1,
      complete,
      params: { ...this.params!, initialEpoch: history?.params?.initialEpoch ?? this.params!.initialEpoch },
      history: { epoch: [...(history?.epoch ?? [])], history: Object.fromEntries(Object.entries(history?.history ?? {}).map(([k, v]) => [k, [...v]])) },
      callbacks,
      ...(this.settings === undefined ? {} : { settings: this.settings }),
    };
    this.unsaved = null;
    await this.storage.write(this.model!, state);
  }
}

/** A checkpoint at the end of every epoch, restored when `fit` starts again; see {@link BackupAndRestoreOptions}. */
export function backupAndRestore(options: BackupAndRestoreOptions): BackupAndRestore {
  return new BackupAndRestore(options);
}
