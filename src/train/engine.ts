/**
 * The numeric heart of `fit`, `evaluate` and `predict`: one batch forward, the loss and its
 * gradient, the backward pass and the update. Buffers are allocated once per batch size.
 *
 * A model is a graph of layers in topological order: the first is the input, the last the
 * output, and each of the others reads the outputs of earlier ones (one, or several for merge
 * layers). A sequential model is the chain where each layer reads the one before it. The
 * backward pass visits the layers in reverse order; a layer whose output feeds several others
 * gets the sum of their gradients, added up in a buffer of its own in that fixed order.
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Layer, Param } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import type { BatchTargets, Loss } from '../parts/loss.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { FeatureSource, TargetSource } from './data-source.js';
import { BufferPool } from '../kernels/buffer-pool.js';
import type { MetricSet } from './metric-set.js';
import { MergeLayer } from '../parts/merge-layer.js';
import { DeviceLimitError, InputGradientError } from '../errors.js';

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
  /** For each layer, the indices of the layers whose outputs it reads (none for the input). */
  private readonly inputsOf: readonly (readonly number[])[];
  /** For each layer, whether it or a layer before it on a path from the input has weights, so its output's gradient is needed. */
  private readonly gradWanted: boolean[];
  /** For each merge layer, which of its inputs need a gradient; for the others, whether their one input does. */
  private readonly needInputs: boolean[][];
  /** How many inputs of later layers read each layer's output. */
  private readonly fanOut: number[];
  /** Keys of the buffers where the gradients of layers read more than once are summed. */
  private readonly sumKeys: string[];
  /** Per step: each layer's output, each layer's output gradient, and how many gradients reached it. */
  private readonly outs: (FloatArray | null)[];
  private readonly grads: (FloatArray | null)[];
  private readonly arrived: Int32Array;
  /** The input lists merge layers get, filled in every step. */
  private readonly mergeInputs: FloatArray[][];
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
    /** For each layer, the indices of the earlier layers it reads; default the chain (each layer reads the one before it). */
    inputsOf?: readonly (readonly number[])[],
  ) {
    this.inputsOf = inputsOf ?? layers.map((_, i) => (i === 0 ? [] : [i - 1]));
    this.gradWanted = [];
    layers.forEach((l, i) => this.gradWanted.push(l.params().length > 0 || this.inputsOf[i]!.some((j) => this.gradWanted[j])));
    this.needInputs = this.inputsOf.map((ins) => ins.map((j) => this.gradWanted[j]!));
    this.fanOut = layers.map(() => 0);
    for (const ins of this.inputsOf) for (const j of ins) this.fanOut[j]!++;
    this.sumKeys = layers.map((_, i) => `gradsum:${i}`);
    this.outs = layers.map(() => null);
    this.grads = layers.map(() => null);
    this.arrived = new Int32Array(layers.length);
    this.mergeInputs = this.inputsOf.map((ins) => ins.map(() => null as unknown as FloatArray));
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
    const outs = this.outs;
    const n = this.layers.length;
    for (let i = 0; i < n; i++) {
      const layer = this.layers[i]!;
      const ins = this.inputsOf[i]!;
      try {
        if (layer instanceof MergeLayer) {
          const xs = this.mergeInputs[i]!;
          for (let k = 0; k < ins.length; k++) xs[k] = outs[ins[k]!]!;
          outs[i] = layer.forwardMerge(xs, count, ctx);
        } else {
          outs[i] = layer.forward(i === 0 ? input : outs[ins[0]!]!, count, ctx);
        }
      } catch (e) {
        throw inLayer(e, layer);
      }
    }
    return outs[n - 1]!;
  }

  /** The metrics `score` updates with every batch (set by `fit` and `evaluate` for their pass); none when null. */
  metrics: MetricSet | null = null;

  /**
   * Loss and correct count of a forward output; writes the output gradient when `train`. On a
   * device backend both are NaN: the device queued them, in that order, for `takeScalars()`.
   */
  score(out: FloatArray, targets: BatchTargets, count: number, train: boolean): Readonly<ScoredBatch> {
    const grad = train ? this.buffer('grad', count * this.outputs) : null;
    if (!this.loss) throw new Error('engine: no loss; compile the model first');
    const r = this.scored;
    r.loss = this.loss.compute(this.backend, out, this.logits, targets, count, this.outputs, grad, 1 / count);
    for (const l of this.regularized) r.loss += l.regularizationLoss() * count;
    r.batch(out, targets, count);
    // On a device backend the loss and the correct count are queued in that order (NaN here), and the metrics take the count once it is read back.
    if (this.backend.device) r.countNow();
    else if (this.metrics) this.metrics.update(this.backend, this.predictions(out, count), targets, count, this.outputs);
    r.grad = grad;
    return r;
  }

  /** The result object `score` fills in, reused every step; its correct count is taken only when read (`fit` and `evaluate` read accuracy from their metrics). */
  private readonly scored = new LazyScore((out, targets, count) => this.countCorrect(out, targets, count));

  /** Backward pass from the output gradient, then one optimizer update. */
  backwardAndUpdate(grad: FloatArray, count: number, optimizer: Optimizer): void {
    this.backward(grad, count);
    optimizer.apply(this.params, this.backend);
  }

  /**
   * The backward pass from the output gradient: fills every weight's gradient. Layers whose
   * output gradient nothing needs (no weights before them) are skipped.
   */
  private backward(grad: FloatArray, count: number): void {
    this.backwardPass(grad, count, false);
  }

  /**
   * The gradient of the loss with respect to the model's input, from the output gradient `grad`:
   * every layer passes its input gradient back and no weight gradient is computed (adversarial
   * attacks and training read it). Returns `count * inputSize` values in an engine buffer.
   * @throws InputGradientError naming the first layer (from the output) that gives no input gradient.
   */
  backwardToInput(grad: FloatArray, count: number): FloatArray {
    return this.backwardPass(grad, count, true)!;
  }

  private backwardPass(grad: FloatArray, count: number, toInput: boolean): FloatArray | null {
    const n = this.layers.length;
    const grads = this.grads;
    this.arrived.fill(0);
    grads[n - 1] = grad;
    let inputGrad: FloatArray | null = null;
    for (let i = n - 1; i >= 0; i--) {
      const dy = grads[i];
      grads[i] = null;
      if (!dy || (!toInput && !this.gradWanted[i])) continue;
      const layer = this.layers[i]!;
      const ins = this.inputsOf[i]!;
      const need = toInput ? null : this.needInputs[i]!;
      try {
        if (layer instanceof MergeLayer) {
          const dxs = layer.backwardMerge(dy, count, need ?? ins.map(() => true));
          for (let k = 0; k < ins.length; k++) if (!need || need[k]) this.receive(ins[k]!, dxs[k]!, count);
        } else if (toInput) {
          const dx = layer.backward(dy, count, true, false);
          if (!dx) throw new InputGradientError(`input gradient: layer '${layer.name}' (${layer.className}) gives no gradient with respect to its input; adversarial attacks and training need one through every layer`);
          if (ins.length > 0) this.receive(ins[0]!, dx, count);
          else inputGrad = dx;
        } else {
          const dx = layer.backward(dy, count, ins.length > 0 && need![0]!);
          if (dx && ins.length > 0 && need![0]) this.receive(ins[0]!, dx, count);
        }
      } catch (e) {
        throw inLayer(e, layer);
      }
    }
    return inputGrad;
  }

  /** Hands `dx` to layer `j` as (part of) its output gradient: as is when only one input reads it, summed otherwise. */
  private receive(j: number, dx: FloatArray, count: number): void {
    if (this.fanOut[j] === 1) {
      this.grads[j] = dx;
      return;
    }
    const size = count * this.layers[j]!.outputSize;
    const sum = this.buffers.get(this.sumKeys[j]!, size);
    if (this.arrived[j] === 0) for (let i = 0; i < size; i++) sum[i] = dx[i]!;
    else this.backend.add(sum, dx, sum, size);
    this.arrived[j]!++;
    this.grads[j] = sum;
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
    const k = this.outputs;
    // A yes/no model's one output is right when it is on its target's side of 0.5 (an argmax of one value always agrees).
    if (k === 1 && this.loss?.task === 'binary') {
      const p = this.predictions(out, count);
      const t = targets.kind === 'sparse' ? targets.labels : targets.values;
      let right = 0;
      for (let r = 0; r < count; r++) if (p[r]! > 0.5 === t[r]! > 0.5) right++;
      return right;
    }
    if (targets.kind === 'sparse') return this.backend.countCorrect(out, targets.labels, count, this.outputs);
    let correct = 0;
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

/** A scored batch whose correct count is counted on first read, once, from the batch `score` last saw. */
/**
 * A device limit hit while `layer` ran (a buffer past the adapter's largest binding, say), with
 * the layer named: the backend names only the buffer. Other errors pass as they are.
 */
function inLayer(e: unknown, layer: Layer): unknown {
  if (!(e instanceof DeviceLimitError) || e.message.startsWith('layer ')) return e;
  return new DeviceLimitError(`layer '${layer.name}' (${layer.className}): ${e.message}; use a smaller batch or layer, or the wasm backend`);
}

class LazyScore implements ScoredBatch {
  loss = 0;
  grad: FloatArray | null = null;
  private out: FloatArray | null = null;
  private targets: BatchTargets | null = null;
  private count = 0;
  private counted: number | null = null;

  constructor(private readonly counter: (out: FloatArray, targets: BatchTargets, count: number) => number) {}

  /** Holds the batch whose correct predictions `correct` counts. */
  batch(out: FloatArray, targets: BatchTargets, count: number): void {
    this.out = out;
    this.targets = targets;
    this.count = count;
    this.counted = null;
  }

  /** Counts now rather than when first read (a device backend queues the count right after the loss). */
  countNow(): void {
    this.counted ??= this.out && this.targets ? this.counter(this.out, this.targets, this.count) : 0;
  }

  get correct(): number {
    this.counted ??= this.out && this.targets ? this.counter(this.out, this.targets, this.count) : 0;
    return this.counted;
  }
}
