/**
 * What `fit`, `evaluate`, `predict` and callbacks need of a model: train/ owns this small
 * interface and models implement it, so the training loop never depends on a model class.
 */
import type { Backend } from '../kernels/backend.js';
import type { Layer } from '../parts/layer.js';
import type { Loss } from '../parts/loss.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Engine } from './engine.js';

/** The loss, optimizer and metrics a model was compiled with. */
export interface Compiled {
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  readonly metrics: readonly string[];
}

export interface Trainable {
  readonly name: string;
  readonly layers: readonly Layer[];
  readonly backend: Backend;
  /** Shape of one output sample. */
  readonly outputShape: readonly number[];
  /** Set by a callback to end `fit` after the current epoch. */
  stopTraining: boolean;
  /** The optimizer `compile` chose; null before. */
  readonly optimizer: Optimizer | null;
  /** The compile settings; throws a one-line error naming the model if it was not compiled. */
  compiled(): Compiled;
  /** The engine that runs batches (`forPredict`: no loss needed). */
  engine(forPredict?: boolean): Engine;
  /** Initialises the weights from `seed` unless they were initialised, set or trained before. */
  ensureWeights(seed?: number): void;
  /** Whether predictions need a softmax applied after the last layer (fused softmax losses). */
  readonly softmaxAfterLogits: boolean;
  /** The activation predictions need applied after the last layer when a loss took it over (`softmax`, `sigmoid`); null when none. */
  readonly fusedActivation?: 'softmax' | 'sigmoid' | null;
  getWeights(): Tensor[];
  setWeights(weights: readonly (Tensor | Float32Array)[]): void;
  /** Gives the model's buffers back to its backend; the model cannot be used afterwards. */
  dispose(): void;
}
