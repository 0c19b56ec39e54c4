/**
 * What a training checkpoint holds, and where it is kept. A checkpoint taken after epoch k - 1
 * is everything `fit` needs to run epoch k as the uninterrupted run would: the weights and the
 * optimizer's slots and step (kept with the model by the storage), the next epoch (which also
 * places every noise schedule and random draw, all functions of (seed, stream, step)), the
 * history so far, the state of every callback that has one (early stopping's best value and
 * patience, its best weights), and the run's own settings.
 */
import type { CallbackState, FitParams } from '../train/callback.js';
import type { Trainable } from '../train/trainable.js';

/** The training state of a checkpoint (JSON but the callbacks' weights). */
export interface CheckpointState {
  /** Epochs finished: the next epoch to run. */
  epoch: number;
  /** No epoch is left to run: the run reached `epochs` or a callback stopped it. */
  complete: boolean;
  /** The run's `fit` parameters (seed, batch size, samples...): a resume must match them. */
  params: FitParams;
  /** The history so far, as `History` holds it. */
  history: { epoch: number[]; history: Record<string, number[]> };
  /** State of each callback that has one, with its position among `fit`'s callbacks and its class. */
  callbacks: { index: number; name: string; state: CallbackState }[];
  /** The settings the run was started with, as the caller gave them (the CLI keeps its flags here). */
  settings?: unknown;
}

/** The weights and optimizer state a storage read back for the model. */
export interface RestoredWeights {
  weights: Float32Array[];
  optimizer: Float32Array[];
}

/**
 * Where checkpoints are kept. A write replaces the previous checkpoint so that a crash at any
 * instant leaves the old one or the new one, complete. The Node implementation is a model
 * folder (`checkpointFolder(dir)` in `src/io/node/`): the checkpoint loads as a model too.
 */
export interface CheckpointStorage {
  /** Describes where it writes, for messages (e.g. the folder). */
  readonly where: string;
  /** Writes the model's weights and optimizer state with `state`. */
  write(model: Trainable, state: CheckpointState): Promise<void>;
  /** The last checkpoint, its weights read for `model`, or null when there is none. */
  read(model: Trainable): Promise<{ state: CheckpointState; restored: RestoredWeights } | null>;
  /** Removes the checkpoint (nothing when there is none). */
  remove(): Promise<void>;
}
