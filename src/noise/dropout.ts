/**
 * Inverted Bernoulli dropout (Hinton et al. 2012; Srivastava et al. 2014):
 * `y = x * m / (1 - p)`, `m ~ Bernoulli(1 - p)` per element, in training only. Scaling the kept
 * units by `1 / (1 - p)` while training keeps expectations equal, so inference is the identity
 * (the paper's "weight scaling" rule moved into training, as Keras, tfjs and PyTorch do).
 * Backward: `dx = dy * m / (1 - p)` with the mask of the forward pass.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig, StepContext } from '../layers/layer.js';
import { NoiseLayer, RATE_RANGE } from './noise-layer.js';
import { checkLevel, levelAt, type NoiseLevel } from './schedule.js';

export interface DropoutOptions {
  /** Probability `p` in [0, 1) of dropping each unit; a number or a schedule. */
  rate: NoiseLevel;
  name?: string;
}

export class Dropout extends NoiseLayer {
  readonly className = 'Dropout';
  readonly rate: NoiseLevel;

  constructor(options: DropoutOptions) {
    super(options.name);
    this.rate = checkLevel('dropout', 'rate', options.rate, RATE_RANGE);
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
    b.fillBernoulli(this.rng, mask, n, keep);
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
export function dropout(options: DropoutOptions): Dropout {
  return new Dropout(options);
}
