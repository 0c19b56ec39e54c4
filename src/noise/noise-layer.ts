/**
 * The base of layers that add noise in training and are the identity otherwise. Each owns a
 * backend random stream (element-wise draws) and a JS generator (a few per-row choices), both
 * seeded by `fit` from the run's seed and the layer's position, so a seed reproduces every draw.
 * The backward pass reuses the noise drawn in the last forward pass.
 */
import type { FloatArray, RandomStream } from '../kernels/backend.js';
import { Layer } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { Xoshiro128, deriveSeed } from '../random/xoshiro.js';
import { NoisenetError } from '../errors.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { positionGenerator, positionStream } from '../random/positions.js';

export abstract class NoiseLayer extends Layer {
  private backendStream: RandomStream | null = null;
  private jsGenerator: Xoshiro128 | null = null;
  private generatorSeed = 0;

  override seedRandom(seed: number): void {
    this.backendStream = this.random(deriveSeed(seed, 'noise'));
    this.generatorSeed = deriveSeed(seed, 'noise:js');
    this.jsGenerator = new Xoshiro128(this.generatorSeed);
  }

  /** The layer's random stream; fit seeds it, otherwise it starts from seed 0. */
  protected get stream(): RandomStream {
    if (!this.backendStream) this.seedRandom(0);
    if (!this.backendStream) throw new NoisenetError(`${this.className} '${this.name}': random stream unavailable`);
    return this.backendStream;
  }

  /** The layer's JS generator, for light per-row choices; seeded with the stream. */
  protected get generator(): Xoshiro128 {
    if (!this.jsGenerator) this.seedRandom(0);
    return this.jsGenerator!;
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    if (!ctx.training || !this.isActive(ctx)) {
      this.passedThrough = true;
      return x;
    }
    this.passedThrough = false;
    positionStream(this.stream, ctx.step);
    positionGenerator(this.generator, this.generatorSeed, ctx.step);
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
