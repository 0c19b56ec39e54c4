/**
 * Additive uniform noise: `y = x + u`, `u ~ U(-a, a)` per element, in training only: the
 * dequantisation noise of density models on discrete data (Theis et al. 2016, "A note on the
 * evaluation of generative models"; `a = 1/255` spreads each 8-bit level over its bin). The
 * identity at inference. Backward: `dx = dy`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import { AdditiveNoise } from './noise-layer.js';
import type { NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';

export interface UniformNoiseOptions {
  /** Half-width `a` >= 0 of the noise interval; a number or a schedule.; default 1 / 255. */
  amplitude?: NoiseLevel;
  name?: string;
}

export class UniformNoise extends AdditiveNoise {
  readonly className = 'UniformNoise';
  readonly amplitude: NoiseLevel;

  constructor(options: UniformNoiseOptions = {}) {
    const o = parseOptions('uniformNoise', UNIFORM_NOISE.options, options);
    super(o.name);
    this.amplitude = o.amplitude!;
  }

  protected level(): NoiseLevel {
    return this.amplitude;
  }

  protected draw(out: FloatArray, n: number, level: number): void {
    this.backend.fillUniform(this.stream, out, n, -level, level);
  }

  getConfig(): LayerConfig {
    return { name: this.name, amplitude: this.amplitude };
  }
}

/** Adds `U(-a, a)` noise in training; see {@link UniformNoiseOptions}. */
export function uniformNoise(options: UniformNoiseOptions = {}): UniformNoise {
  return new UniformNoise(options);
}

export const UNIFORM_NOISE = defineLayer<UniformNoiseOptions>({
  className: 'UniformNoise',
  factory: 'uniformNoise',
  summary: 'adds uniform noise in training',
  options: { amplitude: level('half-width a of the noise interval', { min: 0 }, { default: 1 / 255 }), name: NAME },
  create: (o) => new UniformNoise(o),
  tfjs: { className: null },
  onnx: ONNX_IDENTITY,
});

export const UNIFORM_NOISE_TECHNIQUE = defineTechnique({
  name: 'uniform',
  aliases: ['uniform-noise'],
  title: 'uniform noise',
  description: 'Adds uniform noise, e.g. dequantisation noise of 8-bit data.',
  formula: 'x + u, u ~ U(-a, a)',
  paper: 'Theis et al. 2016',
  typical: 'amplitude 0.5/255 (half a level) to 1/255 for 8-bit data scaled to [0, 1]',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'uniform:amplitude=0.05',
  target: { kind: 'layer', layer: UNIFORM_NOISE, defaultWhere: 'input' },
});
