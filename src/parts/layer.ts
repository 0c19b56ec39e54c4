/**
 * The base of every layer. A layer is built once for an input shape, owns its weights and
 * gradients (allocated by the backend), and runs a forward and a backward pass over a batch
 * of rows. Scratch buffers are allocated once per batch size and reused every step.
 */
import type { Backend, FloatArray, RandomStream } from '../kernels/backend.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { NoisenetError, ShapeError } from '../errors.js';
import { BufferPool } from '../kernels/buffer-pool.js';
import type { StepContext } from '../step/step-context.js';

/** A weight: its values, saved with the model. */
export interface Weight {
  /** `<layer name>/<weight name>`, e.g. `dense/kernel`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: FloatArray;
}

/** A trainable weight and its gradient. */
export interface Param extends Weight {
  readonly grad: FloatArray;
}

/** What a layer sees while it is built. */
export interface BuildContext {
  readonly backend: Backend;
}

/** A layer's configuration: JSON, the constructor's options plus `name`. */
export type LayerConfig = Record<string, unknown> & { name?: string };

export abstract class Layer {
  /** Class name used in saved models (the TensorFlow.js / Keras spelling). */
  abstract readonly className: string;
  name: string;
  protected backend!: Backend;
  private built = false;
  private inShape: number[] = [];
  private outShape: number[] = [];
  private readonly scratchBuffers = new BufferPool(() => this.backend);

  /** The layers this one was applied to in a functional model; null until {@link apply}. */
  private applied: Layer[] | null = null;

  constructor(name: string | undefined) {
    this.name = name ?? '';
  }

  /**
   * Applies the layer to the output of `inputs` (one layer, or a list for merge layers), Keras'
   * functional API: `const y = dense({ units: 10 }).apply(x)`. The layer stands for its output
   * and is one node of the model `model({ inputs, outputs })` builds; it is applied once.
   */
  apply(inputs: Layer | readonly Layer[]): this {
    const list = Array.isArray(inputs) ? [...(inputs as readonly Layer[])] : [inputs as Layer];
    const who = `${this.className}${this.name ? ` '${this.name}'` : ''}`;
    if (this.className === 'InputLayer') throw new NoisenetError(`${who}: an input is a model's start; apply other layers to it`);
    if (this.applied) throw new NoisenetError(`${who} is already applied (to ${this.applied.map((l) => `'${l.name || l.className}'`).join(', ')}); a layer is one node of a model, create another layer`);
    if (!list.every((l) => l instanceof Layer)) throw new NoisenetError(`${who}.apply: expected a layer (a node: input() or a layer already applied) or a list of them, received ${list.map((l) => typeof l).join(', ')}`);
    if (this.merges ? list.length < 2 : list.length !== 1) throw new NoisenetError(`${who}.apply: expected ${this.merges ? 'a list of at least 2 nodes' : 'one node'}, received ${list.length}`);
    this.applied = list;
    return this;
  }

  /** The layers this one was applied to (Keras' inbound nodes); null when it was not applied. */
  get inbound(): readonly Layer[] | null {
    return this.applied;
  }

  /** Whether the layer merges several inputs (see merge-layer.ts). */
  get merges(): boolean {
    return false;
  }

  /** Allocates weights for inputs of `inputShape` (without the batch dimension). */
  build(inputShape: readonly number[], ctx: BuildContext): void {
    this.backend = ctx.backend;
    this.inShape = [...inputShape];
    this.outShape = this.computeOutputShape(inputShape);
    this.onBuild(ctx);
    this.built = true;
  }

  get isBuilt(): boolean {
    return this.built;
  }
  get inputShape(): readonly number[] {
    return this.inShape;
  }
  get outputShape(): readonly number[] {
    return this.outShape;
  }
  /** Values per sample of the input and output. */
  get inputSize(): number {
    return this.inShape.reduce((a, b) => a * b, 1);
  }
  get outputSize(): number {
    return this.outShape.reduce((a, b) => a * b, 1);
  }

  /** Output shape (without batch) for an input shape; throws a ShapeError if it does not fit. */
  computeOutputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }

  /** Allocates weights; called by `build`. */
  protected onBuild(_ctx: BuildContext): void {}

  /** Draws initial weights from `rng` (layers without weights ignore it). */
  initializeWeights(_rng: Xoshiro128): void {}

  /** Whether the layer adds a penalty to the loss (weight regularisation). */
  get regularized(): boolean {
    return false;
  }

  /** Penalty this layer adds to the loss; 0 by default. */
  regularizationLoss(): number {
    return 0;
  }

  /** Trainable weights with their gradients, in a fixed order. */
  params(): Param[] {
    return [];
  }

  /**
   * Weights training changes without the optimizer (batch norm's moving statistics), saved with
   * the model after the trainable ones, as Keras orders a layer's weights.
   */
  stateWeights(): Weight[] {
    return [];
  }

  /** Every weight: the trainable ones, then the state (Keras' `layer.weights`). */
  weights(): Weight[] {
    const state = this.stateWeights();
    return state.length === 0 ? this.params() : [...this.params(), ...state];
  }

  /** Seeds the layer's random streams at the start of `fit`. */
  seedRandom(_seed: number): void {}

  /** Forward pass over `batch` rows; the result stays valid until the next forward call. */
  abstract forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray;

  /**
   * Backward pass: fills the gradients of the weights from `dy`, the gradient of the loss
   * with respect to the last forward output, and returns the gradient with respect to the
   * input when `needInputGrad`, else null. May overwrite `dy`. With `weightGrads` false (only
   * the input gradient is wanted, as by adversarial attacks), a layer may leave its weights'
   * gradients as they were.
   */
  abstract backward(dy: FloatArray, batch: number, needInputGrad: boolean, weightGrads?: boolean): FloatArray | null;

  /** The constructor's options and the name: `fromConfig(getConfig())` rebuilds the layer. */
  abstract getConfig(): LayerConfig;

  /** Number of weight values, trainable or not (Keras' Param #). */
  countParams(): number {
    return this.weights().reduce((n, p) => n + p.value.length, 0);
  }

  /** Number of trainable weight values. */
  countTrainableParams(): number {
    return this.params().reduce((n, p) => n + p.value.length, 0);
  }

  /**
   * Gives this layer's step buffers (one set per batch size used so far) back to the backend;
   * the next pass allocates those it needs again. Its weights stay.
   */
  releaseStepBuffers(): void {
    this.scratchBuffers.release();
  }

  /** A buffer reused across steps of the same batch size, keyed by purpose and length. */
  protected scratch(key: string, length: number): FloatArray {
    return this.scratchBuffers.get(key, length);
  }

  /** A backend random stream for this layer, created from a seed. */
  protected random(seed: number): RandomStream {
    return this.backend.createRandom(seed);
  }

  protected assertRank(inputShape: readonly number[], rank: number): void {
    if (inputShape.length !== rank) {
      const hint = rank === 1 && inputShape.length > 1 ? '; add flatten() before it' : '';
      throw new ShapeError(`${this.className} '${this.name}': expected input of rank ${rank} (without batch), received shape [${inputShape.join(', ')}]${hint}`);
    }
  }

  /** The input as an image `[height, width, channels]`; a ShapeError naming what it received otherwise. */
  protected imageInput(inputShape: readonly number[]): [number, number, number] {
    if (inputShape.length !== 3) {
      throw new ShapeError(`${this.className} '${this.name}': expected images [height, width, channels] (rank 3, without batch), received shape [${inputShape.join(', ')}]; give the input a shape such as [28, 28, 1] or add reshape({ targetShape })`);
    }
    return [inputShape[0]!, inputShape[1]!, inputShape[2]!];
  }
}
