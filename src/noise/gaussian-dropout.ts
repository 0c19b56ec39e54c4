/**
 * Multiplicative Gaussian noise ("Gaussian dropout", Srivastava et al. 2014, sec. 10):
 * `y = x * r`, `r ~ N(1, p / (1 - p))` per element, in training only. It matches the mean and
 * variance of inverted Bernoulli dropout of rate `p`, so no rescaling is needed at inference,
 * where the layer is the identity. Backward: `dx = dy * r` with the `r` of the forward pass.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, RATE, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';

export interface GaussianDropoutOptions {
  /** Equivalent drop probability `p` in [0, 1); the noise variance is `p / (1 - p)`. A number or a schedule.; default 0.2. */
  rate?: NoiseLevel;
  name?: string;
}

export class GaussianDropout extends NoiseLayer {
  readonly className = 'GaussianDropout';
  readonly rate: NoiseLevel;

  constructor(options: GaussianDropoutOptions = {}) {
    const o = parseOptions('gaussianDropout', GAUSSIAN_DROPOUT.options, options);
    super(o.name);
    this.rate = o.rate!;
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const n = batch * this.inputSize;
    const p = levelAt(this.rate, ctx);
    const r = this.scratch('mask', n);
    const out = this.scratch('out', n);
    this.backend.fillNormal(this.stream, r, n, 1, Math.sqrt(p / (1 - p)));
    this.backend.mul(x, r, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Multiplies inputs by `N(1, p / (1 - p))` noise in training; see {@link GaussianDropoutOptions}. */
export function gaussianDropout(options: GaussianDropoutOptions = {}): GaussianDropout {
  return new GaussianDropout(options);
}

export const GAUSSIAN_DROPOUT = defineLayer<GaussianDropoutOptions>({
  className: 'GaussianDropout',
  factory: 'gaussianDropout',
  summary: 'multiplies values by Gaussian noise of mean 1 in training',
  options: { rate: level('equivalent drop probability p; noise variance p / (1 - p)', RATE, { default: 0.2 }), name: NAME },
  create: (o) => new GaussianDropout(o),
  tfjs: { className: 'GaussianDropout' },
  onnx: ONNX_IDENTITY,
});

export const GAUSSIAN_DROPOUT_TECHNIQUE = defineTechnique({
  name: 'gaussian-dropout',
  aliases: [],
  title: 'multiplicative Gaussian noise',
  description: 'Multiplies every value by Gaussian noise of mean 1, matching the moments of dropout.',
  formula: 'x * r, r ~ N(1, p / (1 - p))',
  paper: 'Srivastava et al. 2014, sec. 10',
  typical: 'rate 0.1 to 0.5, as for dropout',
  offeredBy: { keras: 'GaussianDropout', tfjs: 'gaussianDropout', pytorch: '-' },
  example: 'gaussian-dropout:rate=0.2',
  target: { kind: 'layer', layer: GAUSSIAN_DROPOUT, defaultWhere: 'input' },
});
