/**
 * Masking noise (Vincent et al. 2008, "Extracting and composing robust features with
 * denoising autoencoders"): for each sample, a fixed number `round(v d)` of its `d` values,
 * chosen uniformly at random, is set to 0; the others are left untouched (no rescaling, unlike
 * dropout). Training only; the identity at inference. Backward: `dx = dy * m`, the mask of the
 * forward pass.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig, StepContext } from '../layers/layer.js';
import { NoiseLayer, RATE_RANGE } from './noise-layer.js';
import { checkLevel, levelAt, type NoiseLevel } from './schedule.js';
import { SubsetSampler, corruptedCount } from './subset-sampler.js';

export interface MaskingNoiseOptions {
  /** Fraction `v` in [0, 1) of each sample's values set to 0; a number or a schedule. */
  rate: NoiseLevel;
  name?: string;
}

export class MaskingNoise extends NoiseLayer {
  readonly className = 'MaskingNoise';
  readonly rate: NoiseLevel;
  private readonly sampler = new SubsetSampler();

  constructor(options: MaskingNoiseOptions) {
    super(options.name);
    this.rate = checkLevel('maskingNoise', 'rate', options.rate, RATE_RANGE);
  }

  override seedRandom(seed: number): void {
    super.seedRandom(seed);
    this.sampler.reset();
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected override isActive(ctx: StepContext): boolean {
    return corruptedCount(levelAt(this.rate, ctx), this.inputSize) > 0;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const d = this.inputSize;
    const n = batch * d;
    const k = corruptedCount(levelAt(this.rate, ctx), d);
    const mask = this.scratch('mask', n);
    const out = this.scratch('out', n);
    this.backend.scale(mask, 0, 1, mask, n);
    for (let r = 0; r < batch; r++) this.sampler.pick(this.jsRng, d, k, (j) => (mask[r * d + j] = 0));
    this.backend.mul(x, mask, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate };
  }
}

/** Zeroes a fixed fraction of each sample in training; see {@link MaskingNoiseOptions}. */
export function maskingNoise(options: MaskingNoiseOptions): MaskingNoise {
  return new MaskingNoise(options);
}
