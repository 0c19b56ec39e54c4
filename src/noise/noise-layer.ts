/**
 * The base of layers that add noise in training and are the identity otherwise. Each owns a
 * backend random stream (element-wise draws) and a JS generator (a few per-row choices), both
 * seeded by `fit` from the run's seed and the layer's position, so a seed reproduces every draw.
 * The backward pass reuses the noise drawn in the last forward pass.
 */
import type { FloatArray, RandomStream } from '../kernels/backend.js';
import { Layer } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { StepRandom } from '../random/step-random.js';

export abstract class NoiseLayer extends Layer {
  private readonly draws = StepRandom.from(0, 'noise');

  override seedRandom(seed: number): void {
    this.draws.reseedFrom(seed, 'noise');
  }

  /** The layer's random stream; fit seeds it, otherwise it starts from seed 0. */
  protected get stream(): RandomStream {
    return this.draws.stream(this.backend);
  }

  /** The layer's JS generator, for light per-row choices; seeded with the stream. */
  protected get generator(): Xoshiro128 {
    return this.draws.generator();
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    if (!ctx.training || !this.isActive(ctx)) {
      this.passedThrough = true;
      return x;
    }
    this.passedThrough = false;
    this.draws.at(ctx.step);
    return this.addNoise(x, batch, ctx);
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    return this.passedThrough ? dy : this.noiseBackward(dy, batch);
  }

  /**
   * `dx = dy * mask` for noise that multiplies its input by the `mask` scratch buffer drawn in
   * the last forward pass (dropout, masking, multiplicative Gaussian noise, ...).
   */
  protected maskedGradient(dy: FloatArray, batch: number): FloatArray {
    const n = batch * this.inputSize;
    const dx = this.scratch('dx', n);
    this.backend.mul(dy, this.scratch('mask', n), dx, n);
    return dx;
  }

  /** The noise strength (stddev, rate, amplitude), constant or scheduled. */
  protected abstract level(): NoiseLevel;

  /** Whether the noise is on at this step: by default, when its level is above 0. */
  protected isActive(ctx: StepContext): boolean {
    return levelAt(this.level(), ctx) > 0;
  }
  /** The noisy output for a training batch. */
  protected abstract addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray;
  /** Gradient with respect to the input, given the noise drawn in the last forward pass. */
  protected abstract noiseBackward(dy: FloatArray, batch: number): FloatArray;

  private passedThrough = true;
}

/** The range of every drop or corruption rate: [0, 1). */
export const RATE_RANGE = { min: 0, max: 1, maxExclusive: true } as const;

/** Noise added to the input, `y = x + e`, whose draws {@link draw} makes: the gradient passes through unchanged. */
export abstract class AdditiveNoise extends NoiseLayer {
  /** Fills `out[0..n)` with the noise `e` at strength `level`. */
  protected abstract draw(out: FloatArray, n: number, level: number): void;

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const n = batch * this.inputSize;
    const out = this.scratch('out', n);
    this.draw(out, n, levelAt(this.level(), ctx));
    this.backend.add(x, out, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray): FloatArray {
    return dy;
  }
}
