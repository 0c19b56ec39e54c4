/**
 * A model: a graph of layers from one input to one output, compiled with an optimizer, a loss
 * and metrics, then trained with `fit` and used with `evaluate` and `predict`, as in Keras.
 * Layers are held in topological order, the input first and the output last; each reads the
 * outputs of earlier layers. A sequential model (`sequential.ts`) is the chain; functional
 * models (`functional.ts`) have branches and merges.
 */
import type { Backend } from '../kernels/backend.js';
import type { Layer, LayerConfig, Param, Weight } from '../parts/layer.js';
import type { Loss, LossSpelling } from '../losses/index.js';
import type { OptimizerName } from '../registry/catalogue.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { History } from '../train/history.js';
import { getBackend } from '../kernels/registry.js';
import { trackBuffers, type BufferTracker } from '../kernels/buffer-tracker.js';
import { getLoss } from '../losses/index.js';
import { METRIC_NAMES, findMetric } from '../losses/metrics/index.js';
import { getOptimizer } from '../registry/lookup.js';
import { Dense } from '../layers/dense.js';
import { InputLayer } from '../layers/input.js';
import { Engine } from '../train/engine.js';
import { Xoshiro128, deriveSeed } from '../random/xoshiro.js';
import { Tensor, toTensor, type TensorLike } from '../tensor/tensor.js';
import { layerTable } from './summary.js';
import { MergeLayer } from '../parts/merge-layer.js';
import { fit, type FitOptions } from '../train/fit.js';
import { evaluate, evaluateAsync, predict, predictAsync, type EvaluateOptions, type EvaluateResult } from '../train/evaluate.js';
import { downloadState } from '../train/device-sync.js';
import { LayerShapeError, ShapeError, NoisenetError, invalid } from '../errors.js';
import type { Compiled, Trainable } from '../train/trainable.js';
import { randomSeed } from '../random/random-seed.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';

export interface SequentialOptions {
  /** Model name; default `sequential` (`model` for functional models). */
  name?: string;
  /** Backend whose kernels and memory the model uses; default the registry's current one. */
  backend?: Backend;
}

export interface CompileOptions {
  /** An optimizer, or the name of a registered one with its default options: `adam`, `sgd`, `rmsprop`, `adamw`. */
  optimizer: Optimizer | OptimizerName;
  /** A loss, or its name: `sparseCategoricalCrossentropy`, `categoricalCrossentropy`, `binaryCrossentropy`, `meanSquaredError`, `meanAbsoluteError`, `huber`. */
  loss: Loss | LossSpelling;
  /**
   * Metrics to report besides the loss, by name: `accuracy` (alias `acc`), `binaryAccuracy`,
   * `mae`, `mse`, `rmse`, `r2`, `auc`; each must mean something for the loss's task (no
   * accuracy for a one-output regression). Histories record them under `accuracy`,
   * `binary_accuracy`, `mae`, `mse`, `rmse`, `r2`, `auc` and `val_` those.
   */
  metrics?: string[];
}

/** The option names of `sequential` (and `buildModel`), and of `compile`. */
export const SEQUENTIAL_OPTIONS = optionKeys<SequentialOptions>({ name: true, backend: true });
const COMPILE_OPTIONS = optionKeys<CompileOptions>({ optimizer: true, loss: true, metrics: true });

/** A layer's place in a graph: the layers it reads, by index in the model's topological order. */
export type ModelGraph = readonly (readonly number[])[];

export class Model implements Trainable {
  readonly name: string;
  readonly backend: Backend;
  readonly layers: Layer[] = [];
  /** Set by a callback to end `fit` after the current epoch. */
  stopTraining = false;
  optimizer: Optimizer | null = null;
  loss: Loss | null = null;
  metrics: string[] = [];
  private engineCache: Engine | null = null;
  private weightsReady = false;
  private built = false;
  private disposed = false;
  /** The model's buffers (weights, gradients, optimizer state, step buffers), given back by `dispose`. */
  private readonly buffers: BufferTracker;
  /** Where the layer names taken so far are counted, so adding a layer costs the same however many came before. */
  private readonly names = new LayerNames();
  /** The layers each layer reads, by index; null for a chain (each layer reads the one before it). */
  private readonly inputsOf: ModelGraph | null;

  /**
   * A model of `layers` in topological order; `graph` gives the layers each one reads (by
   * index, earlier ones), null for the chain of a sequential model.
   */
  constructor(layers: Layer[] = [], options: SequentialOptions = {}, graph: ModelGraph | null = null) {
    checkOptionKeys('sequential', options, SEQUENTIAL_OPTIONS);
    this.name = options.name ?? (graph ? 'model' : 'sequential');
    this.backend = options.backend ?? getBackend();
    this.buffers = trackBuffers(this.backend);
    this.inputsOf = graph;
    for (const l of layers) this.append(l);
  }

  /** Whether the model has branches or merges (it was built from a graph, not a stack). */
  get isGraph(): boolean {
    return this.inputsOf !== null;
  }

  /** The indices of the layers layer `i` reads (none for the input). */
  inputsOfLayer(i: number): readonly number[] {
    if (this.inputsOf) return this.inputsOf[i] ?? [];
    return i === 0 ? [] : [i - 1];
  }

  /** The names of the layers layer `i` reads. */
  inboundNames(i: number): string[] {
    return this.inputsOfLayer(i).map((j) => this.layers[j]!.name);
  }

  /** Appends a layer to a sequential model; names it `<type>`, `<type>_1`, ... unless it has a name. */
  add(layer: Layer): void {
    if (this.inputsOf) throw new NoisenetError(`model '${this.name}': add() appends to sequential models; build a functional model with model({ inputs, outputs })`);
    this.append(layer);
  }

  private append(layer: Layer): void {
    if (this.built) throw new NoisenetError(`model '${this.name}': cannot add layers after the model is built`);
    if (!layer.name) {
      const base = layer.className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(); // Conv2D -> conv2d, as Keras
      const taken = this.names.countFor(base);
      layer.name = taken === 0 ? base : `${base}_${taken}`;
    }
    if (this.names.has(layer.name)) throw invalid(`model '${this.name}'`, 'layer name', 'unique', layer.name);
    this.names.add(layer.name);
    this.layers.push(layer);
  }

  /** Builds every layer for the declared input shape (idempotent). */
  build(): void {
    if (this.disposed) throw new NoisenetError(`model '${this.name}' was disposed: its memory was given back; build or load a new model`);
    if (this.built) return;
    const first = this.layers[0];
    if (!(first instanceof InputLayer)) throw new ShapeError(`model '${this.name}': the first layer must be input({ shape }) so the model knows its input shape`);
    const ctx = { backend: this.buffers.backend };
    this.layers.forEach((layer, index) => {
      const ins = this.inputsOfLayer(index);
      try {
        if (layer instanceof MergeLayer) layer.buildMerge(ins.map((j) => this.layers[j]!.outputShape), ins.map((j) => this.layers[j]!.name), ctx);
        else if (index > 0 && ins.length !== 1) throw new ShapeError(`${layer.className} '${layer.name}' reads one input, found ${ins.length}`);
        else layer.build(index === 0 ? first.shape : this.layers[ins[0]!]!.outputShape, ctx);
      } catch (e) {
        if (e instanceof ShapeError) throw new LayerShapeError(this.name, index, e.message);
        throw e;
      }
    });
    this.built = true;
  }

  /** Shape of one input sample. */
  get inputShape(): readonly number[] {
    this.build();
    return this.layers[0]!.inputShape;
  }
  /** Shape of one output sample. */
  get outputShape(): readonly number[] {
    this.build();
    return this.layers[this.layers.length - 1]!.outputShape;
  }

  /** Draws fresh initial weights from `seed`. */
  initializeWeights(seed: number): void {
    this.build();
    const init = new Xoshiro128(deriveSeed(seed, 'init'));
    for (const layer of this.layers) layer.initializeWeights(init);
    this.optimizer?.reset();
    this.weightsReady = true;
  }

  /** Initialises the weights from `seed` unless they were initialised, set or trained before. */
  ensureWeights(seed: number = randomSeed()): void {
    if (!this.weightsReady) this.initializeWeights(seed);
  }

  /** Chooses the optimizer, the loss and the metrics. */
  compile(options: CompileOptions): void {
    checkOptionKeys('compile', options, COMPILE_OPTIONS);
    this.optimizer = getOptimizer(options.optimizer);
    this.loss = getLoss(options.loss);
    if (options.metrics !== undefined && (!Array.isArray(options.metrics) || !options.metrics.every((m) => typeof m === 'string'))) throw invalid('compile', 'metrics', `a list of metric names (${METRIC_NAMES.join(', ')})`, options.metrics);
    this.metrics = (options.metrics ?? []).map((m) => {
      const d = findMetric(m);
      if (!d) throw invalid('compile', 'metrics', `a list of ${METRIC_NAMES.map((n) => `'${n}'`).join(', ')}`, m);
      return d.factory;
    });
    this.engineCache = null;
  }

  /** The compile settings; throws if `compile` was not called. */
  compiled(): Compiled {
    if (!this.loss || !this.optimizer) throw new NoisenetError(`model '${this.name}': call compile() before fit or evaluate`);
    return { loss: this.loss, optimizer: this.optimizer, metrics: this.metrics };
  }

  /** Every trainable weight in layer order. */
  params(): Param[] {
    this.build();
    return this.layers.flatMap((l) => l.params());
  }

  /** Every weight in layer order, each layer's trainable ones then its state (batch norm's moving statistics), as Keras' `model.weights`. */
  weights(): Weight[] {
    this.build();
    return this.layers.flatMap((l) => l.weights());
  }

  /** The engine that runs batches; throws if `compile` was not called, unless only predicting. */
  engine(forPredict = false): Engine {
    if (!forPredict) this.compiled();
    if (this.engineCache) return this.engineCache;
    this.build();
    const last = this.layers[this.layers.length - 1]!;
    const fuse = last instanceof Dense && ((last.activation === 'softmax' && Boolean(this.loss?.fusesSoftmax)) || (last.activation === 'sigmoid' && Boolean(this.loss?.fusesSigmoid)));
    if (last instanceof Dense) last.emitLogits = fuse;
    const outputs = last.outputSize;
    this.engineCache = new Engine(this.buffers.backend, this.layers, this.loss, fuse || Boolean(this.loss?.fromLogits), outputs, this.inputsOf ?? undefined);
    return this.engineCache;
  }

  /** Whether predictions need a softmax applied after the last layer (fused softmax losses). */
  get softmaxAfterLogits(): boolean {
    return this.fusedActivation === 'softmax';
  }

  /** The activation predictions need applied after the last layer when the loss took it over (softmax, sigmoid). */
  get fusedActivation(): 'softmax' | 'sigmoid' | null {
    const last = this.layers[this.layers.length - 1];
    return last instanceof Dense && last.emitLogits ? (last.activation as 'softmax' | 'sigmoid') : null;
  }

  /** Trains the model; see {@link FitOptions}. Resolves to the History. */
  async fit(x: TensorLike, y: TensorLike, options: FitOptions = {}): Promise<History> {
    return fit(this, toTensor(x, 'fit x'), toTensor(y, 'fit y'), options);
  }

  /** Loss and metrics on data, without noise (on a host backend; {@link evaluateAsync} on any). */
  evaluate(x: TensorLike, y: TensorLike, options: EvaluateOptions = {}): EvaluateResult {
    return evaluate(this, toTensor(x, 'evaluate x'), toTensor(y, 'evaluate y'), options);
  }

  /** Model outputs for `x`, without noise (on a host backend; {@link predictAsync} on any). */
  predict(x: TensorLike, options: EvaluateOptions = {}): Tensor {
    return predict(this, toTensor(x, 'predict x'), options);
  }

  /**
   * {@link evaluate} on any backend, a device one (`webgpu`) included: there the loss and the
   * correct counts of every batch are read back at once, at the end.
   */
  async evaluateAsync(x: TensorLike, y: TensorLike, options: EvaluateOptions = {}): Promise<EvaluateResult> {
    return evaluateAsync(this, toTensor(x, 'evaluate x'), toTensor(y, 'evaluate y'), options);
  }

  /** {@link predict} on any backend, a device one (`webgpu`) included. */
  async predictAsync(x: TensorLike, options: EvaluateOptions = {}): Promise<Tensor> {
    return predictAsync(this, toTensor(x, 'predict x'), options);
  }

  /**
   * On a backend whose buffers live on a device, makes the host copies of the weights and the
   * optimizer state current (`fit` does it after every epoch, so `getWeights`, callbacks and
   * saving read current values then); nothing to do on a host backend.
   */
  async downloadWeights(): Promise<void> {
    await downloadState(this);
  }

  /** The Keras-style layer table: output shapes and parameter counts. */
  summary(): string {
    this.build();
    return layerTable(this);
  }

  /** Copies of every weight, in `weights()` order. */
  getWeights(): Tensor[] {
    this.ensureWeights();
    return this.weights().map((p) => new Tensor(Float32Array.from(p.value), p.shape));
  }

  /** Replaces every weight, in `weights()` order; shapes must match. */
  setWeights(weights: readonly (Tensor | Float32Array)[]): void {
    const params = this.weights();
    if (weights.length !== params.length) throw new ShapeError(`model '${this.name}': expected ${params.length} weight arrays, received ${weights.length}`);
    params.forEach((p, i) => {
      const w = weights[i]!;
      const data = w instanceof Tensor ? w.data : w;
      if (data.length !== p.value.length) throw new ShapeError(`${p.name}: expected ${p.value.length} values of shape [${p.shape.join(', ')}], received ${data.length}`);
    });
    params.forEach((p, i) => {
      const w = weights[i]!;
      p.value.set(w instanceof Tensor ? w.data : w);
    });
    this.backend.device?.upload(params.map((p) => p.value));
    this.weightsReady = true;
  }

  /**
   * Gives every buffer of the model (weights, gradients, optimizer state, step buffers) back
   * to its backend at once, for the next model to reuse. Afterwards the model cannot be used:
   * training, evaluating, predicting or reading its weights throws (`getConfig` still works).
   * Calling it again does nothing. A model dropped without `dispose()` gives its memory back
   * when the garbage collector collects it, which may be much later: call it when a loop
   * builds many models.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engineCache = null;
    this.optimizer?.reset();
    this.buffers.release();
  }

  /** Whether {@link dispose} was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * The layers' classes and configurations, and for a graph the names of the layers each one
   * reads (`inputs`): enough to rebuild the model.
   */
  getConfig(): { name: string; layers: { className: string; config: LayerConfig; inputs?: string[] }[] } {
    return {
      name: this.name,
      layers: this.layers.map((l, i) => ({ className: l.className, config: l.getConfig(), ...(this.inputsOf && i > 0 ? { inputs: this.inboundNames(i) } : {}) })),
    };
  }
}

/**
 * The names of a model's layers, counted the way automatic names need: how many names are
 * `base` itself or start with `base_` (`dense`, `dense_1`, `dense_extra` all count for `dense`).
 */
class LayerNames {
  private readonly taken = new Set<string>();
  /** For every prefix that ends just before an underscore of a name, how many names have it. */
  private readonly prefixes = new Map<string, number>();

  has(name: string): boolean {
    return this.taken.has(name);
  }

  add(name: string): void {
    this.taken.add(name);
    for (let i = name.indexOf('_'); i >= 0; i = name.indexOf('_', i + 1)) {
      const prefix = name.slice(0, i);
      this.prefixes.set(prefix, (this.prefixes.get(prefix) ?? 0) + 1);
    }
  }

  /** Names equal to `base` or starting with `base_`. */
  countFor(base: string): number {
    return (this.taken.has(base) ? 1 : 0) + (this.prefixes.get(base) ?? 0);
  }
}
