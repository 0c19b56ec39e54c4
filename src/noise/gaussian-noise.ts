/**
 * Additive Gaussian noise: `y = x + e`, `e ~ N(0, stddev^2)` drawn per element, in training
 * only (Sietsma & Dow 1991; Bishop 1995, who shows that for small noise it acts as a Tikhonov
 * regulariser on the output's derivatives; Poole et al. 2014 for hidden layers). The identity
 * in evaluate and predict. Backward: `dx = dy`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../layers/layer.js';
import { AdditiveNoise } from './noise-layer.js';
import { checkLevel, type NoiseLevel } from './schedule.js';

export interface GaussianNoiseOptions {
  /** Standard deviation of the added noise, >= 0 (0 turns the layer off); a number or a schedule. */
  stddev: NoiseLevel;
  name?: string;
}

export class GaussianNoise extends AdditiveNoise {
  readonly className = 'GaussianNoise';
  readonly stddev: NoiseLevel;

  constructor(options: GaussianNoiseOptions) {
    super(options.name);
    this.stddev = checkLevel('gaussianNoise', 'stddev', options.stddev, { min: 0 });
  }

  protected level(): NoiseLevel {
    return this.stddev;
  }

  protected draw(out: FloatArray, n: number, level: number): void {
    this.backend.fillNormal(this.rng, out, n, 0, level);
  }

  getConfig(): LayerConfig {
    return { name: this.name, stddev: this.stddev };
  }
}

/** Adds zero-mean Gaussian noise in training; see {@link GaussianNoiseOptions}. */
export function gaussianNoise(options: GaussianNoiseOptions): GaussianNoise {
  return new GaussianNoise(options);
}
