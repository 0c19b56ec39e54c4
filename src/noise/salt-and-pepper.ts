/**
 * Salt-and-pepper noise (Vincent et al. 2010, "Stacked denoising autoencoders", sec. 5.1):
 * for each sample, a fixed number `round(v d)` of its `d` values, chosen uniformly at random,
 * is set to the minimum or the maximum value (`min`, `max`, default 0 and 1) by a fair coin
 * flip. Training only; the identity at inference. Backward: `dx = dy` on untouched values and
 * 0 on corrupted ones (their output no longer depends on the input).
 */
import type { FloatArray } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { SubsetSampler, checkCorruptsSome, corruptedCount } from './subset-sampler.js';
import { invalid } from '../errors.js';
import { NAME, RATE, level, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';

export interface SaltAndPepperOptions {
  /** Fraction `v` in [0, 1) of each sample's values corrupted; a number or a schedule. */
  rate?: NoiseLevel;
  /** Value of "pepper"; default 0. */
  min?: number;
  /** Value of "salt"; default 1, greater than `min`. */
  max?: number;
  name?: string;
}

export class SaltAndPepperNoise extends NoiseLayer {
  readonly className = 'SaltAndPepperNoise';
  readonly rate: NoiseLevel;
  readonly min: number;
  readonly max: number;
  private readonly sampler = new SubsetSampler();

  constructor(options: SaltAndPepperOptions = {}) {
    const where = 'saltAndPepper';
    const o = parseOptions(where, SALT_AND_PEPPER.options, options);
    super(o.name);
    this.rate = o.rate!;
    this.min = o.min!;
    this.max = o.max!;
    if (this.max <= this.min) throw invalid(where, 'max', `greater than min (${this.min})`, this.max);
  }

  override seedRandom(seed: number): void {
    super.seedRandom(seed);
    this.sampler.reset();
  }

  protected override onBuild(): void {
    checkCorruptsSome('saltAndPepper', this.rate, this.inputSize);
  }

  protected level(): NoiseLevel {
    return this.rate;
  }

  protected override isActive(ctx: StepContext): boolean {
    return corruptedCount(levelAt(this.rate, ctx), this.inputSize) > 0;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const d = this.inputSize;
    const n = batch * d;
    const k = corruptedCount(levelAt(this.rate, ctx), d);
    this.sampler.reset();
    const keep = this.scratch('mask', n);
    const fill = this.scratch('fill', n);
    const out = this.scratch('out', n);
    const rng = this.generator;
    b.scale(keep, 0, 1, keep, n);
    b.scale(fill, 0, 0, fill, n);
    for (let r = 0; r < batch; r++) {
      this.sampler.pick(rng, d, k, (j) => {
        keep[r * d + j] = 0;
        fill[r * d + j] = rng.uniform() < 0.5 ? this.min : this.max;
      });
    }
    b.mul(x, keep, out, n);
    b.add(out, fill, out, n);
    return out;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, rate: this.rate, min: this.min, max: this.max };
  }
}

/** Sets a fixed fraction of each sample to min or max in training; see {@link SaltAndPepperOptions}. */
export function saltAndPepper(options: SaltAndPepperOptions = {}): SaltAndPepperNoise {
  return new SaltAndPepperNoise(options);
}

export const SALT_AND_PEPPER = defineLayer<SaltAndPepperOptions>({
  className: 'SaltAndPepperNoise',
  factory: 'saltAndPepper',
  summary: 'sets a fixed fraction of each sample to min or max in training',
  hostOnly: 'picks the corrupted values in JavaScript',
  options: {
    rate: level('fraction v of each sample corrupted', RATE, { default: 0.1 }),
    min: number('value of pepper', { default: 0 }),
    max: number('value of salt', { default: 1 }),
    name: NAME,
  },
  create: (o) => new SaltAndPepperNoise(o),
  tfjs: { className: null },
  onnx: ONNX_IDENTITY,
});

export const SALT_AND_PEPPER_TECHNIQUE = defineTechnique({
  name: 'salt-pepper',
  aliases: ['salt-and-pepper'],
  title: 'salt-and-pepper noise',
  description: 'Sets a fixed fraction of each sample, chosen at random, to min or max by a fair coin flip.',
  formula: 'round(v d) random values of each sample set to min or max, p = 1/2 each',
  paper: 'Vincent et al. 2010',
  typical: 'rate 0.1 to 0.4 (Vincent et al. 2010)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'salt-pepper:rate=0.1',
  api: 'saltAndPepper({ rate, min, max })',
  target: { kind: 'layer', layer: SALT_AND_PEPPER, defaultWhere: 'input' },
});
