/**
 * BatchNormalization (Ioffe & Szegedy 2015; Keras' defaults): each channel (the last axis) is
 * normalised, `y = gamma (x - mean) / sqrt(variance + epsilon) + beta`. In training the mean and
 * the biased variance are the batch's (over the batch, height and width) and the moving
 * statistics follow them, `moving = momentum * moving + (1 - momentum) * batch`, as Keras 3
 * updates them; at inference (evaluate, predict, validation) the moving ones are used. gamma
 * and beta are trained; the moving statistics are state, saved after them as
 * `moving_mean`, `moving_variance` (Keras' and TF.js' order). Starts at gamma 1, beta 0, moving
 * mean 0, moving variance 1.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type BuildContext, type LayerConfig, type Param, type Weight } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NAME, boolean, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, type LayerSpec } from '../parts/definitions.js';
import { invalid } from '../errors.js';
import { imageLayerFromTfjs } from './window-tfjs.js';
import { isNormalizationAsBatchNorm } from './normalization.js';
import { BATCH_NORMALIZATION_ONNX } from './conv-onnx.js';

export interface BatchNormalizationOptions {
  /** Weight of the old value in the moving statistics' update, in [0, 1]; default 0.99. */
  momentum?: number;
  /** Added to the variance before the square root, > 0; default 1e-3. */
  epsilon?: number;
  /** Whether to learn the offset beta (else 0); default true. */
  center?: boolean;
  /** Whether to learn the scale gamma (else 1); default true. */
  scale?: boolean;
  name?: string;
}

export class BatchNormalization extends Layer {
  readonly className = 'BatchNormalization';
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scaled: boolean;
  gamma: Param | null = null;
  beta: Param | null = null;
  movingMean!: Weight;
  movingVariance!: Weight;
  /** gamma 1 and beta 0 when they are not learnt, and the batch statistics of the last training pass. */
  private ones!: FloatArray;
  private zeros!: FloatArray;
  private batchMean!: FloatArray;
  private batchVariance!: FloatArray;
  private input: FloatArray | null = null;
  /** Whether the last forward pass used the moving statistics (inference): its backward is then a per-channel scale. */
  private inference = false;

  constructor(options: BatchNormalizationOptions = {}) {
    const o = parseOptions('batchNormalization', BATCH_NORMALIZATION.options, options);
    super(o.name);
    this.momentum = o.momentum!;
    this.epsilon = o.epsilon!;
    this.center = o.center!;
    this.scaled = o.scale!;
  }

  /** Channels: the last axis. */
  get channels(): number {
    return this.inputShape[this.inputShape.length - 1]!;
  }

  protected override onBuild(ctx: BuildContext): void {
    const b = ctx.backend;
    const c = this.channels;
    const weight = (key: string): Weight => ({ name: `${this.name}/${key}`, shape: [c], value: b.alloc(c) });
    if (this.scaled) this.gamma = { ...weight('gamma'), grad: b.alloc(c) };
    if (this.center) this.beta = { ...weight('beta'), grad: b.alloc(c) };
    this.movingMean = weight('moving_mean');
    this.movingVariance = weight('moving_variance');
    this.ones = b.alloc(c);
    this.zeros = b.alloc(c);
    this.batchMean = b.alloc(c);
    this.batchVariance = b.alloc(c);
    b.scale(this.ones, 0, 1, this.ones, c);
    this.initializeWeights();
  }

  override initializeWeights(): void {
    const b = this.backend;
    const c = this.channels;
    if (this.gamma) b.scale(this.gamma.value, 0, 1, this.gamma.value, c);
    if (this.beta) b.scale(this.beta.value, 0, 0, this.beta.value, c);
    b.scale(this.movingMean.value, 0, 0, this.movingMean.value, c);
    b.scale(this.movingVariance.value, 0, 1, this.movingVariance.value, c);
  }

  override params(): Param[] {
    return [this.gamma, this.beta].filter((p): p is Param => p !== null);
  }

  override stateWeights(): Weight[] {
    return [this.movingMean, this.movingVariance];
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const c = this.channels;
    const rows = (batch * this.inputSize) / c;
    const y = this.scratch('out', batch * this.inputSize);
    const gamma = this.gamma?.value ?? this.ones;
    const beta = this.beta?.value ?? this.zeros;
    this.inference = !ctx.training;
    if (!ctx.training) {
      b.batchNormForward(x, y, rows, c, this.movingMean.value, this.movingVariance.value, gamma, beta, this.epsilon);
      return y;
    }
    b.batchNormStatistics(x, rows, c, this.batchMean, this.batchVariance);
    b.batchNormForward(x, y, rows, c, this.batchMean, this.batchVariance, gamma, beta, this.epsilon);
    this.follow(this.movingMean.value, this.batchMean);
    this.follow(this.movingVariance.value, this.batchVariance);
    this.input = x;
    return y;
  }

  /** `moving = momentum * moving + (1 - momentum) * batch`. */
  private follow(moving: FloatArray, batchValue: FloatArray): void {
    const b = this.backend;
    const c = this.channels;
    const part = this.scratch('follow', c);
    b.scale(batchValue, 1 - this.momentum, 0, part, c);
    b.scale(moving, this.momentum, 0, moving, c);
    b.add(moving, part, moving, c);
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    const c = this.channels;
    const rows = (batch * this.inputSize) / c;
    if (this.inference) return needInputGrad ? this.inferenceGradient(dy, rows) : null;
    const dgamma = this.gamma?.grad ?? this.scratch('dgamma', c);
    const dbeta = this.beta?.grad ?? this.scratch('dbeta', c);
    const dx = this.scratch('dx', batch * this.inputSize);
    this.backend.batchNormBackward(dy, this.input!, rows, c, this.batchMean, this.batchVariance, this.gamma?.value ?? this.ones, this.epsilon, dx, dgamma, dbeta);
    return needInputGrad ? dx : null;
  }

  /**
   * The input gradient after an inference pass, where the moving statistics are constants:
   * `dx = gamma / sqrt(movingVariance + epsilon) * dy`, which is the inference forward kernel
   * applied to `dy` with mean 0 and beta 0. The weights' gradients are left as they were.
   */
  private inferenceGradient(dy: FloatArray, rows: number): FloatArray {
    const c = this.channels;
    const dx = this.scratch('dx', rows * c);
    this.backend.batchNormForward(dy, dx, rows, c, this.zeros, this.movingVariance.value, this.gamma?.value ?? this.ones, this.zeros, this.epsilon);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scaled };
  }
}

/** Batch normalisation over the last axis; see {@link BatchNormalizationOptions}. */
export function batchNormalization(options: BatchNormalizationOptions = {}): BatchNormalization {
  return new BatchNormalization(options);
}

export const BATCH_NORMALIZATION = defineLayer<BatchNormalizationOptions>({
  className: 'BatchNormalization',
  factory: 'batchNormalization',
  summary: 'normalises each channel: batch statistics in training, moving ones at inference',
  options: {
    momentum: number('weight of the old value in the moving statistics', { default: 0.99, range: { min: 0, max: 1 } }),
    epsilon: number('added to the variance before the square root', { default: 1e-3, range: { min: 0, minExclusive: true } }),
    center: boolean('whether to learn the offset beta', { default: true }),
    scale: boolean('whether to learn the scale gamma', { default: true }),
    name: NAME,
  },
  onnx: BATCH_NORMALIZATION_ONNX,
  create: (o) => new BatchNormalization(o),
  tfjs: { className: 'BatchNormalization', fromTfjs: batchNormFromTfjs },
  blockPart: true,
});

/** Keras writes the last axis as -1, as [-1] or by its number (3 for images); noisenet normalises the last axis only. */
function batchNormFromTfjs(c: Record<string, unknown>): LayerSpec {
  if (isNormalizationAsBatchNorm(c)) return { className: 'Normalization', config: {} }; // a Normalization as noisenet writes it
  const axis = Array.isArray(c['axis']) && c['axis'].length === 1 ? c['axis'][0] : c['axis'];
  if (axis !== undefined && !(Number.isInteger(axis) && (axis === -1 || (axis as number) > 0))) throw invalid('BatchNormalization', 'axis', 'the last axis (-1)', c['axis']);
  return imageLayerFromTfjs('BatchNormalization', ['momentum', 'epsilon', 'center', 'scale'])(c);
}
