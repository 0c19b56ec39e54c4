/**
 * The numeric heart of `fit`, `evaluate` and `predict`: one batch forward, the loss and its
 * gradient, the backward pass and the update. Buffers are allocated once per batch size.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Layer, Param } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import type { BatchTargets, Loss } from '../parts/loss.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { FeatureSource, TargetSource } from './data-source.js';
import { BufferPool } from '../kernels/buffer-pool.js';
import type { MetricSet } from './metric-set.js';

/** Changes a gathered training batch in place and returns its targets (see augment/). */
export type BatchAugmenter = (input: FloatArray, targets: BatchTargets, count: number, ctx: StepContext) => BatchTargets;

/** Loss and correct predictions summed over a batch. */
export interface BatchResult {
  loss: number;
  correct: number;
}

/** A batch's result with the output gradient (null outside training). */
export interface ScoredBatch extends BatchResult {
  grad: FloatArray | null;
}

export class Engine {
  private readonly buffers: BufferPool;
  /** For each layer, whether some layer before it has weights, so its input gradient is needed. */
  private readonly needInputGrad: boolean[];
  private readonly params: Param[];
  /** Layers that add a penalty to the loss (their penalty is counted once per sample, as Keras reports it). */
  private readonly regularized: Layer[];

  constructor(
    readonly backend: Backend,
    readonly layers: readonly Layer[],
    readonly loss: Loss | null,
    /** Whether the last layer's output holds logits. */
    readonly logits: boolean,
    readonly outputs: number,
  ) {
    let seenWeights = false;
    this.needInputGrad = layers.map((l) => {
      const need = seenWeights;
      if (l.params().length > 0) seenWeights = true;
      return need;
    });
    this.params = layers.flatMap((l) => l.params());
    this.regularized = layers.filter((l) => l.regularized);
    this.buffers = new BufferPool(() => backend);
  }

  /** A buffer for `key` of `length` values, allocated on first use. */
  buffer(key: string, length: number): FloatArray {
    return this.buffers.get(key, length);
  }

  /** Gathers a batch of inputs and runs the layers forward. */
  forward(x: FeatureSource, index: Int32Array, start: number, count: number, ctx: StepContext): FloatArray {
    const input = this.buffer('x', count * x.x.sampleSize);
    x.gather(this.backend, index, start, count, input);
    return this.forwardFrom(input, count, ctx);
  }

  /** Runs the layers forward on a batch already in backend memory. */
  forwardFrom(input: FloatArray, count: number, ctx: StepContext): FloatArray {
    let h = input;
    for (const layer of this.layers) h = layer.forward(h, count, ctx);
    return h;
  }

  /** The metrics `score` updates with every batch (set by `fit` and `evaluate` for their pass); none when null. */
  metrics: MetricSet | null = null;

  /** Loss and correct count of a forward output; writes the output gradient when `train`. */
  score(out: FloatArray, targets: BatchTargets, count: number, train: boolean): Readonly<ScoredBatch> {
    const grad = train ? this.buffer('grad', count * this.outputs) : null;
    if (!this.loss) throw new Error('engine: no loss; compile the model first');
    const r = this.scored;
    r.loss = this.loss.compute(this.backend, out, this.logits, targets, count, this.outputs, grad, 1 / count);
    for (const l of this.regularized) r.loss += l.regularizationLoss() * count;
    r.correct = this.countCorrect(out, targets, count);
    if (this.metrics) this.metrics.update(this.backend, this.predictions(out, count), targets, count, this.outputs);
    r.grad = grad;
    return r;
  }

  /** The result object `score` fills in, reused every step. */
  private readonly scored: ScoredBatch = { loss: 0, correct: 0, grad: null };

  /** Backward pass from the output gradient, then one optimizer update. */
  backwardAndUpdate(grad: FloatArray, count: number, optimizer: Optimizer): void {
    let dy: FloatArray | null = grad;
    for (let i = this.layers.length - 1; i >= 0 && dy; i--) dy = this.layers[i]!.backward(dy, count, this.needInputGrad[i]!);
    optimizer.apply(this.params, this.backend);
  }

  /**
   * One training step on rows `index[start..start+count)`. `augment` may change the gathered
   * inputs in place and replace the targets (data-level noise) before the forward pass.
   */
  trainBatch(x: FeatureSource, y: TargetSource, index: Int32Array, start: number, count: number, ctx: StepContext, optimizer: Optimizer, augment?: BatchAugmenter): BatchResult {
    const input = this.buffer('x', count * x.x.sampleSize);
    x.gather(this.backend, index, start, count, input);
    let targets = y.gather(this.backend, index, start, count, this.buffer('targets', count * this.outputs));
    if (augment) targets = augment(input, targets, count, ctx);
    const out = this.forwardFrom(input, count, ctx);
    const r = this.score(out, targets, count, true);
    this.backwardAndUpdate(r.grad!, count, optimizer);
    return r;
  }

  /** The model's outputs as `predict` gives them: a binary loss's logits through the sigmoid (softmax logits keep their order, which is all accuracy reads). */
  private predictions(out: FloatArray, count: number): FloatArray {
    if (!this.logits || this.loss?.task !== 'binary') return out;
    const p = this.buffer('predictions', count * this.outputs);
    for (let i = 0; i < count * this.outputs; i++) p[i] = 1 / (1 + Math.exp(-out[i]!));
    return p;
  }

  private countCorrect(out: FloatArray, targets: BatchTargets, count: number): number {
    if (targets.kind === 'sparse') return this.backend.countCorrect(out, targets.labels, count, this.outputs);
    let correct = 0;
    const k = this.outputs;
    for (let r = 0; r < count; r++) {
      let a = 0;
      let b = 0;
      for (let j = 1; j < k; j++) {
        if (out[r * k + j]! > out[r * k + a]!) a = j;
        if (targets.values[r * k + j]! > targets.values[r * k + b]!) b = j;
      }
      if (a === b) correct++;
    }
    return correct;
  }
}
