/**
 * The random draws of a part that adds noise at every training step (noise layers,
 * augmentations, weight noise and DropConnect, gradient noise): a backend stream for
 * element-wise draws and a JS generator for a few choices, both seeded once and moved to the
 * position of each step (see ./positions.ts), so the draws of a step depend only on the seed and
 * the step. Each is created on first use, already at the current step.
 */
import type { Backend, RandomStream } from '../kernels/backend.js';
import { Xoshiro128, deriveSeed } from './xoshiro.js';
import { positionGenerator, positionStream } from './positions.js';

export class StepRandom {
  /** Draws seeded from a part's seed and a label, as {@link reseedFrom} does. */
  static from(seed: number, label: string): StepRandom {
    const random = new StepRandom();
    random.reseedFrom(seed, label);
    return random;
  }

  private streamSeed = 0;
  private generatorSeed = 0;
  private step = 0;
  private backendStream: RandomStream | null = null;
  private jsGenerator: Xoshiro128 | null = null;

  /** Seeds the backend stream with `streamSeed` and the generator with `generatorSeed`; both start again at the current step. */
  reseed(streamSeed: number, generatorSeed = streamSeed): void {
    this.streamSeed = streamSeed;
    this.generatorSeed = generatorSeed;
    this.backendStream = null;
    this.jsGenerator = null;
  }

  /** Seeds from a part's seed and a label naming its draws: the stream from `label`, the generator from `label:js`. */
  reseedFrom(seed: number, label: string): void {
    this.reseed(deriveSeed(seed, label), deriveSeed(seed, `${label}:js`));
  }

  /** Moves both to the start of training step `step`. */
  at(step: number): void {
    this.step = step;
    if (this.backendStream) positionStream(this.backendStream, step);
    if (this.jsGenerator) positionGenerator(this.jsGenerator, this.generatorSeed, step);
  }

  /** The backend stream, for element-wise draws, created by `backend` on first use. */
  stream(backend: Backend): RandomStream {
    if (!this.backendStream) {
      this.backendStream = backend.createRandom(this.streamSeed);
      positionStream(this.backendStream, this.step);
    }
    return this.backendStream;
  }

  /** The JS generator, for a few draws per row or sample. */
  generator(): Xoshiro128 {
    if (!this.jsGenerator) {
      this.jsGenerator = new Xoshiro128(this.generatorSeed);
      positionGenerator(this.jsGenerator, this.generatorSeed, this.step);
    }
    return this.jsGenerator;
  }
}
