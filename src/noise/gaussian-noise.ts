/**
 * Additive Gaussian noise: `y = x + e`, `e ~ N(0, stddev^2)` drawn per element, in training
 * only (Sietsma & Dow 1991; Bishop 1995, who shows that for small noise it acts as a Tikhonov
 * regulariser on the output's derivatives; Poole et al. 2014 for hidden layers). The identity
 * in evaluate and predict. Backward: `dx = dy`.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig, StepContext } from '../layers/layer.js';
import { NoiseLayer } from './noise-layer.js';
import { checkLevel, levelAt, type NoiseLevel } from './schedule.js';

export interface GaussianNoiseOptions {
  /** Standard deviation of the added noise, >= 0 (0 turns the layer off); a number or a schedule. */
  stddev: NoiseLevel;
  name?: string;
}

export class GaussianNoise extends NoiseLayer {
  readonly className = 'GaussianNoise';
  readonly stddev: NoiseLevel;

  constructor(options: GaussianNoiseOptions) {
    super(options.name);
    this.stddev = checkLevel('gaussianNoise', 'stddev', options.stddev, { min: 0 });
  }

  protected isActive(ctx: StepContext): boolean {
    return levelAt(this.stddev, ctx) > 0;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const n = batch * this.inputSize;
    const out = this.scratch('out', n);
    this.backend.fillNormal(this.rng, out, n, 0, levelAt(this.stddev, ctx));
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
