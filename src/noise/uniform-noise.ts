/**
 * Additive uniform noise: `y = x + u`, `u ~ U(-a, a)` per element, in training only: the
 * dequantisation noise of density models on discrete data (Theis et al. 2016, "A note on the
 * evaluation of generative models"; `a = 1/255` spreads each 8-bit level over its bin). The
 * identity at inference. Backward: `dx = dy`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig, StepContext } from '../layers/layer.js';
import { NoiseLayer } from './noise-layer.js';
import { checkLevel, levelAt, type NoiseLevel } from './schedule.js';

export interface UniformNoiseOptions {
  /** Half-width `a` >= 0 of the noise interval; a number or a schedule. */
  amplitude: NoiseLevel;
  name?: string;
}

export class UniformNoise extends NoiseLayer {
  readonly className = 'UniformNoise';
  readonly amplitude: NoiseLevel;

  constructor(options: UniformNoiseOptions) {
    super(options.name);
    this.amplitude = checkLevel('uniformNoise', 'amplitude', options.amplitude, { min: 0 });
  }

  protected isActive(ctx: StepContext): boolean {
    return levelAt(this.amplitude, ctx) > 0;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const n = batch * this.inputSize;
    const a = levelAt(this.amplitude, ctx);
    const out = this.scratch('out', n);
    this.backend.fillUniform(this.rng, out, n, -a, a);
    this.backend.add(x, out, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray): FloatArray {
    return dy;
  }

  getConfig(): LayerConfig {
    return { name: this.name, amplitude: this.amplitude };
  }
}

/** Adds `U(-a, a)` noise in training; see {@link UniformNoiseOptions}. */
export function uniformNoise(options: UniformNoiseOptions): UniformNoise {
  return new UniformNoise(options);
}
