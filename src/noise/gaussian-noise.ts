/**
 * Additive Gaussian noise: `y = x + e`, `e ~ N(0, stddev^2)` drawn per element, in training
 * only (Sietsma & Dow 1991; Bishop 1995, who shows that for small noise it acts as a Tikhonov
 * regulariser on the output's derivatives; Poole et al. 2014 for hidden layers). The identity
 * in evaluate and predict. Backward: `dx = dy`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import { AdditiveNoise } from './noise-layer.js';
import type { NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';

export interface GaussianNoiseOptions {
  /** Standard deviation of the added noise, >= 0 (0 turns the layer off); a number or a schedule; default 0.1. */
  stddev?: NoiseLevel;
  name?: string;
}

export class GaussianNoise extends AdditiveNoise {
  readonly className = 'GaussianNoise';
  readonly stddev: NoiseLevel;

  constructor(options: GaussianNoiseOptions = {}) {
    const o = parseOptions('gaussianNoise', GAUSSIAN_NOISE.options, options);
    super(o.name);
    this.stddev = o.stddev!;
  }

  protected level(): NoiseLevel {
    return this.stddev;
  }

  protected draw(out: FloatArray, n: number, level: number): void {
    this.backend.fillNormal(this.stream, out, n, 0, level);
  }

  getConfig(): LayerConfig {
    return { name: this.name, stddev: this.stddev };
  }
}

/** Adds zero-mean Gaussian noise in training; see {@link GaussianNoiseOptions}. */
export function gaussianNoise(options: GaussianNoiseOptions = {}): GaussianNoise {
  return new GaussianNoise(options);
}

export const GAUSSIAN_NOISE = defineLayer<GaussianNoiseOptions>({
  className: 'GaussianNoise',
  factory: 'gaussianNoise',
  summary: 'adds zero-mean Gaussian noise in training',
  options: { stddev: level('standard deviation of the added noise', { min: 0 }, { default: 0.1 }), name: NAME },
  create: (o) => new GaussianNoise(o),
  tfjs: { className: 'GaussianNoise' },
  onnx: ONNX_IDENTITY,
});

export const GAUSSIAN_TECHNIQUE = defineTechnique({
  name: 'gaussian',
  aliases: ['gaussian-noise'],
  title: 'additive Gaussian noise',
  description: 'Adds zero-mean Gaussian noise to every value; for small noise, a Tikhonov regulariser (Bishop 1995).',
  formula: 'x + e, e ~ N(0, stddev^2)',
  paper: 'Sietsma & Dow 1991; Bishop 1995; Poole et al. 2014 (hidden layers)',
  typical: 'stddev 0.05 to 0.3 for inputs scaled to [0, 1]',
  offeredBy: { keras: 'GaussianNoise (stddev in [0, 1])', tfjs: 'gaussianNoise (no seed)', pytorch: 'transforms.v2.GaussianNoise (data only)' },
  example: 'gaussian:stddev=0.1',
  target: { kind: 'layer', layer: GAUSSIAN_NOISE, defaultWhere: 'input' },
});
