/**
 * Inverted Bernoulli dropout (Hinton et al. 2012; Srivastava et al. 2014):
 * `y = x * m / (1 - p)`, `m ~ Bernoulli(1 - p)` per element, in training only. Scaling the kept
 * units by `1 / (1 - p)` while training keeps expectations equal, so inference is the identity
 * (the paper's "weight scaling" rule moved into training, as Keras, tfjs and PyTorch do).
 * Backward: `dx = dy * m / (1 - p)` with the mask of the forward pass.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, RATE, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer, defineTechnique, type LayerSpec } from '../parts/definitions.js';
import { invalid } from '../errors.js';

export interface DropoutOptions {
  /** Probability `p` in [0, 1) of dropping each unit; a number or a schedule.; default 0.5. */
  rate?: NoiseLevel;
  name?: string;
}

export class Dropout extends NoiseLayer {
  readonly className = 'Dropout';
  readonly rate: NoiseLevel;

  constructor(options: DropoutOptions = {}) {
    const o = parseOptions('dropout', DROPOUT.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const n = batch * this.inputSize;
    const keep = 1 - levelAt(this.rate, ctx);
    const mask = this.scratch('mask', n);
    const out = this.scratch('out', n);
    b.fillBernoulli(this.stream, mask, n, keep);
    b.scale(mask, 1 / keep, 0, mask, n);
    b.mul(x, mask, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Inverted dropout; see {@link DropoutOptions}. */
export function dropout(options: DropoutOptions = {}): Dropout {
  return new Dropout(options);
}

export const DROPOUT = defineLayer<DropoutOptions>({
  className: 'Dropout',
  factory: 'dropout',
  summary: 'inverted dropout in training',
  options: { rate: level('drop probability p', RATE, { default: 0.5 }), name: NAME },
  create: (o) => new Dropout(o),
  tfjs: { className: 'Dropout', fromTfjs: dropoutFromTfjs },
  onnx: ONNX_IDENTITY,
});

/** The noise shape of a dropout that keeps or drops whole feature maps of NHWC images: Keras' SpatialDropout2D. */
export const SPATIAL_NOISE_SHAPE = [null, 1, 1, null] as const;

/** A TF.js Dropout; with the spatial noise shape it is a SpatialDropout2D. */
function dropoutFromTfjs(c: Record<string, unknown>): LayerSpec {
  const shape = c['noise_shape'];
  const spatial = Array.isArray(shape) && shape.length === 4 && shape[1] === 1 && shape[2] === 1;
  if (shape !== undefined && shape !== null && !spatial) throw invalid('Dropout', 'noise_shape', 'null or [null, 1, 1, null] (spatial dropout)', shape);
  return { className: spatial ? 'SpatialDropout2D' : 'Dropout', config: { rate: c['rate'] } };
}

export const DROPOUT_TECHNIQUE = defineTechnique({
  name: 'dropout',
  aliases: [],
  title: 'inverted dropout',
  description: 'Zeroes each value with probability p and scales the others by 1 / (1 - p).',
  formula: 'x * m / (1 - p), m ~ Bernoulli(1 - p)',
  paper: 'Hinton et al. 2012; Srivastava et al. 2014',
  typical: 'rate 0.5 on hidden layers, 0.2 on the inputs (Srivastava et al. 2014)',
  offeredBy: { keras: 'Dropout, SpatialDropout', tfjs: 'dropout', pytorch: 'Dropout' },
  example: 'dropout:rate=0.5@hidden',
  target: { kind: 'layer', layer: DROPOUT, defaultWhere: 'input' },
});
