/**
 * Additive uniform noise: `y = x + u`, `u ~ U(-a, a)` per element, in training only: the
 * dequantisation noise of density models on discrete data (Theis et al. 2016, "A note on the
 * evaluation of generative models"; `a = 1/255` spreads each 8-bit level over its bin). The
 * identity at inference. Backward: `dx = dy`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../layers/layer.js';
import { AdditiveNoise } from './noise-layer.js';
import { checkLevel, type NoiseLevel } from './schedule.js';

export interface UniformNoiseOptions {
  /** Half-width `a` >= 0 of the noise interval; a number or a schedule. */
  amplitude: NoiseLevel;
  name?: string;
}

export class UniformNoise extends AdditiveNoise {
  readonly className = 'UniformNoise';
  readonly amplitude: NoiseLevel;

  constructor(options: UniformNoiseOptions) {
    super(options.name);
    this.amplitude = checkLevel('uniformNoise', 'amplitude', options.amplitude, { min: 0 });
  }

  protected level(): NoiseLevel {
    return this.amplitude;
  }

  protected draw(out: FloatArray, n: number, level: number): void {
    this.backend.fillUniform(this.rng, out, n, -level, level);
  }

  getConfig(): LayerConfig {
    return { name: this.name, amplitude: this.amplitude };
  }
}

/** Adds `U(-a, a)` noise in training; see {@link UniformNoiseOptions}. */
export function uniformNoise(options: UniformNoiseOptions): UniformNoise {
  return new UniformNoise(options);
}
