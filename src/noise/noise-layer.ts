/**
 * The base of layers that add noise in training and are the identity otherwise. Each owns a
 * random stream that `fit` seeds from the run's seed and the layer's position, so a seed
 * reproduces every draw.
 */
import type { FloatArray, RandomStream } from '../kernels/backend.js';
import { Layer, type StepContext } from '../layers/layer.js';
import { deriveSeed } from '../random/xoshiro.js';
import { NoisenetError } from '../errors.js';

export abstract class NoiseLayer extends Layer {
  private stream: RandomStream | null = null;

  override seedRandom(seed: number): void {
    this.stream = this.random(deriveSeed(seed, 'noise'));
  }

  /** The layer's random stream; fit seeds it, otherwise it starts from seed 0. */
  protected get rng(): RandomStream {
    if (!this.stream) this.seedRandom(0);
    if (!this.stream) throw new NoisenetError(`${this.className} '${this.name}': random stream unavailable`);
    return this.stream;
  }

  forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    if (!ctx.training || !this.isActive(ctx)) {
      this.passedThrough = true;
      return x;
    }
    this.passedThrough = false;
    return this.addNoise(x, batch, ctx);
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    return this.passedThrough ? dy : this.noiseBackward(dy, batch);
  }

  /** Whether the noise is on at this step (off when its strength is 0). */
  protected abstract isActive(ctx: StepContext): boolean;
  /** The noisy output for a training batch. */
  protected abstract addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray;
  /** Gradient with respect to the input, given the noise drawn in the last forward pass. */
  protected abstract noiseBackward(dy: FloatArray, batch: number): FloatArray;

  private passedThrough = true;
}
