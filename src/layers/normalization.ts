/**
 * Normalization (Keras' `Normalization` layer, axis -1): each feature of the last axis (a table's
 * columns, an image's channels) is shifted and scaled to mean 0 and variance 1,
 * `y = (x - mean) / sqrt(variance + 1e-14)`, with the mean and the biased variance of the
 * training data, computed once by {@link Normalization.adapt} before training (or given). They
 * are state, not trained, saved with the model as its weights `moving_mean` and `moving_variance`; the layer
 * is the same in training and at inference, and keeps the shape. `dx = dy / sqrt(variance + 1e-14)`.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Layer, type LayerConfig, type Weight } from '../parts/layer.js';
import { NAME, custom } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { InvalidArgumentError, ShapeError, invalid } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';

/** The smallest standard deviation divided by, as Keras' `backend.epsilon()`. */
export const NORMALIZATION_EPSILON = 1e-7;

/** Added to each variance before its square root (the square of {@link NORMALIZATION_EPSILON}): a constant feature is divided by 1e-7, not 0. */
export const NORMALIZATION_VARIANCE_EPSILON = 1e-14;

export interface NormalizationOptions {
  /** Mean of each feature of the last axis; default 0 until {@link Normalization.adapt}. Given with `variance`. */
  mean?: readonly number[];
  /** Variance of each feature of the last axis (>= 0); default 1 until {@link Normalization.adapt}. Given with `mean`. */
  variance?: readonly number[];
  name?: string;
}

export class Normalization extends Layer {
  readonly className = 'Normalization';
  /** The statistics given to the constructor, saved in the config. */
  readonly givenMean: readonly number[] | undefined;
  readonly givenVariance: readonly number[] | undefined;
  meanWeight!: Weight;
  varianceWeight!: Weight;
  /** Statistics adapted before the layer was built. */
  private pending: { mean: Float64Array; variance: Float64Array } | undefined;
  /** `max(variance, epsilon^2)`, and zeros and ones for the kernel. */
  private divisor!: FloatArray;
  private zeros!: FloatArray;
  private ones!: FloatArray;

  constructor(options: NormalizationOptions = {}) {
    const o = parseOptions('normalization', NORMALIZATION.options, options);
    super(o.name);
    if ((o.mean === undefined) !== (o.variance === undefined)) throw new InvalidArgumentError('normalization: mean and variance must be given together, received only one of them');
    if (o.mean && o.variance && o.mean.length !== o.variance.length) throw invalid('normalization', 'variance', `${o.mean.length} values, as many as mean`, o.variance.length);
    this.givenMean = o.mean;
    this.givenVariance = o.variance;
    if (o.mean && o.variance) this.pending = { mean: Float64Array.from(o.mean), variance: Float64Array.from(o.variance) };
  }

  /** Features: the last axis. */
  get features(): number {
    return this.inputShape[this.inputShape.length - 1]!;
  }

  protected override onBuild(): void {
    const c = this.features;
    const b = this.backend;
    if (this.pending && this.pending.mean.length !== c) {
      throw new ShapeError(`Normalization '${this.name}': ${this.pending.mean.length} means for an input of ${c} features on the last axis (shape [${this.inputShape.join(', ')}])`);
    }
    // Named as TF.js names a BatchNormalization's statistics: the layer is written as one (see NORMALIZATION's tfjs).
    this.meanWeight = { name: `${this.name}/moving_mean`, shape: [c], value: b.alloc(c) };
    this.varianceWeight = { name: `${this.name}/moving_variance`, shape: [c], value: b.alloc(c) };
    this.divisor = b.alloc(c);
    this.zeros = b.alloc(c);
    this.ones = b.alloc(c);
    this.ones.fill(1);
    this.varianceWeight.value.fill(1);
    // A backend that allocates nothing (a loader planning the weights' shapes) gets no values.
    if (this.pending && this.meanWeight.value.length === c) this.setStatistics(this.pending.mean, this.pending.variance);
  }

  override stateWeights(): Weight[] {
    return [this.meanWeight, this.varianceWeight];
  }

  /**
   * Computes the mean and the biased variance of each feature of the last axis over `data`
   * (every sample, and every pixel of an image), as Keras' `adapt` does, and keeps them.
   * @param data a tensor `[count, ...sampleShape]` (its `scale` applied) or rows of numbers.
   */
  adapt(data: Tensor | readonly (readonly number[])[]): this {
    const t = data instanceof Tensor ? data : new Tensor(Float64Array.from(data.flat()), [data.length, data[0]?.length ?? 0]);
    const c = t.shape[t.shape.length - 1] ?? 0;
    const rows = c === 0 ? 0 : t.data.length / c;
    if (rows === 0) throw invalid('normalization.adapt', 'data', 'at least one sample', `shape [${t.shape.join(', ')}]`);
    const mean = new Float64Array(c);
    const variance = new Float64Array(c);
    for (let r = 0; r < rows; r++) for (let j = 0; j < c; j++) mean[j]! += t.data[r * c + j]! * t.scale;
    for (let j = 0; j < c; j++) mean[j]! /= rows;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < c; j++) {
        const d = t.data[r * c + j]! * t.scale - mean[j]!;
        variance[j]! += d * d;
      }
    }
    for (let j = 0; j < c; j++) variance[j]! /= rows;
    if (this.isBuilt) {
      if (c !== this.features) throw new ShapeError(`Normalization '${this.name}': adapt data has ${c} features on the last axis, the layer was built for ${this.features}`);
      this.setStatistics(mean, variance);
    }
    this.pending = { mean, variance };
    return this;
  }

  /** The mean and variance in use, per feature. */
  statistics(): { mean: number[]; variance: number[] } {
    if (!this.isBuilt) return { mean: [...(this.pending?.mean ?? [])], variance: [...(this.pending?.variance ?? [])] };
    return { mean: [...this.meanWeight.value], variance: [...this.varianceWeight.value] };
  }

  private setStatistics(mean: ArrayLike<number>, variance: ArrayLike<number>): void {
    this.meanWeight.value.set(mean);
    this.varianceWeight.value.set(variance);
    this.refresh();
  }

  /** Recomputes the divisor from the variance weight (also after weights are loaded). */
  private refresh(): void {
    const v = this.varianceWeight.value;
    for (let j = 0; j < v.length; j++) this.divisor[j] = v[j]! + NORMALIZATION_VARIANCE_EPSILON;
  }

  forward(x: FloatArray, batch: number): FloatArray {
    this.refresh();
    const c = this.features;
    const y = this.scratch('out', batch * this.inputSize);
    this.backend.batchNormForward(x, y, (batch * this.inputSize) / c, c, this.meanWeight.value, this.divisor, this.ones, this.zeros, 0);
    return y;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const c = this.features;
    const dx = this.scratch('dx', batch * this.inputSize);
    this.backend.batchNormForward(dy, dx, (batch * this.inputSize) / c, c, this.zeros, this.divisor, this.ones, this.zeros, 0);
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name, ...(this.givenMean ? { mean: [...this.givenMean], variance: [...this.givenVariance!] } : {}) };
  }
}

/** Standardises each feature of the last axis; see {@link NormalizationOptions} and {@link Normalization.adapt}. */
export function normalization(options: NormalizationOptions = {}): Normalization {
  return new Normalization(options);
}

const numbers = (doc: string, min?: number) =>
  custom(doc, min === undefined ? 'a list of finite numbers' : 'a list of finite numbers >= 0', (where, path, value) => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v) && (min === undefined || v >= min))) throw invalid(where, path, min === undefined ? 'a list of finite numbers' : 'a list of finite numbers >= 0', value);
    return value;
  });

/** The options of a TF.js BatchNormalization that stands for a Normalization. */
export const NORMALIZATION_AS_BATCH_NORM = { center: false, scale: false, epsilon: NORMALIZATION_VARIANCE_EPSILON } as const;

/** Whether a TF.js BatchNormalization's config is that of a written Normalization. */
export function isNormalizationAsBatchNorm(config: Record<string, unknown>): boolean {
  return config['center'] === false && config['scale'] === false && config['epsilon'] === NORMALIZATION_VARIANCE_EPSILON;
}

export const NORMALIZATION = defineLayer<NormalizationOptions>({
  className: 'Normalization',
  factory: 'normalization',
  summary: 'standardises each feature of the last axis with the mean and variance adapt() computed',
  hostOnly: 'computes its divisor in JavaScript',
  options: { mean: numbers('mean of each feature of the last axis (default: from adapt)'), variance: numbers('variance of each feature of the last axis (default: from adapt)', 0), name: NAME },
  create: (o) => new Normalization(o),
  tfjs: {
    className: 'Normalization',
    writtenAs: 'BatchNormalization',
    // TF.js has no Normalization class: the layer is written as the BatchNormalization that computes
    // the same at inference, (x - moving_mean) / sqrt(moving_variance + 1e-14), with no scale, no
    // offset and epsilon 1e-14 (its weights are named as TF.js names them); such a BatchNormalization is read back
    // as a Normalization (see `batchNormFromTfjs`). A Keras `Normalization` is read as well.
    toTfjs: () => ({ class_name: 'BatchNormalization', config: { ...NORMALIZATION_AS_BATCH_NORM, axis: -1, momentum: 0.99 } }),
    fromTfjs: (c) => ({ className: 'Normalization', config: { ...(Array.isArray(c['mean']) ? { mean: c['mean'] as number[], variance: c['variance'] as number[] } : {}) } }),
  },
  onnx: {
    toOnnx(layer, input, graph) {
      const n = layer as Normalization;
      const value = graph.channelsLast(input, `${layer.name}/nhwc`);
      const { mean, variance } = n.statistics();
      const c = mean.length;
      const sub = graph.node('Sub', [value.name, graph.constant(`${layer.name}/mean`, [c], Float32Array.from(mean))], `${layer.name}/sub`);
      const std = Float32Array.from(variance, (v) => Math.sqrt(v + NORMALIZATION_VARIANCE_EPSILON));
      return { ...value, name: graph.node('Div', [sub, graph.constant(`${layer.name}/std`, [c], std)], layer.name) };
    },
  },
});
