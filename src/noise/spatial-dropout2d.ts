/**
 * SpatialDropout2D (Tompson et al. 2015, "Efficient Object Localization Using Convolutional
 * Networks"): drops whole feature maps. Neighbouring pixels of a map are strongly correlated,
 * so element-wise dropout hardly removes information from them; dropping a channel of a sample
 * everywhere does. `y[b, i, j, c] = x[b, i, j, c] * m[b, c] / (1 - p)`, `m ~ Bernoulli(1 - p)`
 * per sample and channel, in training only (inverted scaling, as Keras' SpatialDropout2D and
 * PyTorch's Dropout2d). Backward: `dx = dy * m / (1 - p)` with the forward pass's mask.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, RATE, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';
import { tfjsLevel } from '../layers/tfjs-names.js';
import { SPATIAL_NOISE_SHAPE } from './dropout.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';

export interface SpatialDropout2DOptions {
  /** Probability `p` in [0, 1) of dropping each feature map of each sample; a number or a schedule; default 0.5. */
  rate?: NoiseLevel;
  name?: string;
}

export class SpatialDropout2D extends NoiseLayer {
  readonly className = 'SpatialDropout2D';
  readonly rate: NoiseLevel;
  /** For each pixel of a batch, its sample: how a per-channel mask row is spread over the pixels. */
  private readonly pixelRows = new Map<number, Int32Array>();

  constructor(options: SpatialDropout2DOptions = {}) {
    const o = parseOptions('spatialDropout2d', SPATIAL_DROPOUT2D.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    return [...this.imageInput(inputShape)];
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const [h, w, c] = this.inputShape as [number, number, number];
    const n = batch * this.inputSize;
    const keep = 1 - levelAt(this.rate, ctx);
    const maps = this.scratch('maps', batch * c);
    const mask = this.scratch('mask', n);
    const out = this.scratch('out', n);
    b.fillBernoulli(this.stream, maps, batch * c, keep);
    b.gatherRows(maps, this.rows(batch, h * w), 0, batch * h * w, c, 1 / keep, mask);
    b.mul(x, mask, out, n);
    return out;
  }

  /** `[0 x pixels, 1 x pixels, ...]` for `batch` samples, made once per batch size. */
  private rows(batch: number, pixels: number): Int32Array {
    let index = this.pixelRows.get(batch);
    if (!index) {
      index = new Int32Array(batch * pixels);
      for (let i = 0; i < index.length; i++) index[i] = Math.floor(i / pixels);
      this.pixelRows.set(batch, index);
    }
    return index;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Drops whole feature maps in training; see {@link SpatialDropout2DOptions}. */
export function spatialDropout2d(options: SpatialDropout2DOptions = {}): SpatialDropout2D {
  return new SpatialDropout2D(options);
}

export const SPATIAL_DROPOUT2D = defineLayer<SpatialDropout2DOptions>({
  className: 'SpatialDropout2D',
  factory: 'spatialDropout2d',
  summary: 'drops whole feature maps in training',
  options: { rate: level('drop probability p of each feature map', RATE, { default: 0.5 }), name: NAME },
  onnx: ONNX_IDENTITY,
  create: (o) => new SpatialDropout2D(o),
  // Keras' SpatialDropout2D is a Dropout whose mask spans height and width: TF.js' Dropout with that noise shape (Dropout's reader turns it back).
  tfjs: { className: 'Dropout', toTfjs: (c) => ({ class_name: 'Dropout', config: { rate: tfjsLevel(c['rate']), noise_shape: [...SPATIAL_NOISE_SHAPE] } }) },
});

export const SPATIAL_DROPOUT2D_TECHNIQUE = defineTechnique({
  name: 'spatial-dropout',
  aliases: ['spatial-dropout2d', 'dropout2d'],
  title: 'spatial dropout',
  description: 'Zeroes whole feature maps (channels) of each sample with probability p and scales the others by 1 / (1 - p).',
  formula: 'x[b, i, j, c] * m[b, c] / (1 - p), m ~ Bernoulli(1 - p)',
  paper: 'Tompson et al. 2015',
  typical: 'rate 0.1 to 0.3 after convolutional blocks',
  offeredBy: { keras: 'SpatialDropout2D', tfjs: '- (spatialDropout1d only)', pytorch: 'Dropout2d' },
  example: 'spatial-dropout:rate=0.2@hidden',
  featureMaps: true,
  target: { kind: 'layer', layer: SPATIAL_DROPOUT2D, defaultWhere: 'hidden' },
});
