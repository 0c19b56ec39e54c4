/**
 * Additive Gaussian noise: `y = x + e`, `e ~ N(0, stddev^2)` drawn per element, in training
 * only (Sietsma & Dow 1991; Bishop 1995, who shows that for small noise it acts as a Tikhonov
 * regulariser on the output's derivatives). The identity in evaluate and predict.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../layers/layer.js';
import { NoiseLayer } from './noise-layer.js';
import { checkNumber } from '../validate.js';

export interface GaussianNoiseOptions {
  /** Standard deviation of the added noise, >= 0 (0 turns the layer off). */
  stddev: number;
  name?: string;
}

export class GaussianNoise extends NoiseLayer {
  readonly className = 'GaussianNoise';
  readonly stddev: number;

  constructor(options: GaussianNoiseOptions) {
    super(options.name);
    this.stddev = checkNumber('gaussianNoise', 'stddev', options.stddev, { min: 0 });
  }

  protected isActive(): boolean {
    return this.stddev > 0;
  }

  protected addNoise(x: FloatArray, batch: number): FloatArray {
    const n = batch * this.inputSize;
    const out = this.scratch('out', n);
    this.backend.fillNormal(this.rng, out, n, 0, this.stddev);
    this.backend.add(x, out, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray): FloatArray {
    return dy;
  }

  getConfig(): LayerConfig {
    return { name: this.name, stddev: this.stddev };
  }
}

/** Adds zero-mean Gaussian noise in training; see {@link GaussianNoiseOptions}. */
export function gaussianNoise(options: GaussianNoiseOptions): GaussianNoise {
  return new GaussianNoise(options);
}
