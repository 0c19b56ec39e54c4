/**
 * Multiplicative Gaussian noise ("Gaussian dropout", Srivastava et al. 2014, sec. 10):
 * `y = x * r`, `r ~ N(1, p / (1 - p))` per element, in training only. It matches the mean and
 * variance of inverted Bernoulli dropout of rate `p`, so no rescaling is needed at inference,
 * where the layer is the identity. Backward: `dx = dy * r` with the `r` of the forward pass.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig, StepContext } from '../layers/layer.js';
import { NoiseLayer, RATE_RANGE } from './noise-layer.js';
import { checkLevel, levelAt, type NoiseLevel } from './schedule.js';

export interface GaussianDropoutOptions {
  /** Equivalent drop probability `p` in [0, 1); the noise variance is `p / (1 - p)`. A number or a schedule. */
  rate: NoiseLevel;
  name?: string;
}

export class GaussianDropout extends NoiseLayer {
  readonly className = 'GaussianDropout';
  readonly rate: NoiseLevel;

  constructor(options: GaussianDropoutOptions) {
    super(options.name);
    this.rate = checkLevel('gaussianDropout', 'rate', options.rate, RATE_RANGE);
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const n = batch * this.inputSize;
    const p = levelAt(this.rate, ctx);
    const r = this.scratch('mask', n);
    const out = this.scratch('out', n);
    this.backend.fillNormal(this.rng, r, n, 1, Math.sqrt(p / (1 - p)));
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
export function gaussianDropout(options: GaussianDropoutOptions): GaussianDropout {
  return new GaussianDropout(options);
}
