/**
 * Random Erasing (Zhong et al. 2020, "Random Erasing Data Augmentation"): with probability p,
 * a rectangle of each training image is erased, filled with random values (the paper's
 * choice; uniform in [0, 1) for inputs scaled to [0, 1]) or with a constant. As the paper's
 * Algorithm 1: area `S_e ~ U(areaMin, areaMax) * h w`, aspect ratio `r_e ~ U(aspectMin,
 * aspectMax)`, height `round(sqrt(S_e r_e))`, width `round(sqrt(S_e / r_e))`, top-left corner
 * uniform over the image, redrawn until the rectangle fits (at most 100 attempts, then the
 * image is left as is). Paper defaults: p 0.5, area [0.02, 0.4], aspect [0.3, 1 / 0.3].
 * All channels of a pixel are erased together, each with its own random value.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { AugmentContext } from '../parts/augmentation.js';
import { IMAGE_SHAPE, ImageAugmentation } from './image.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { choice, level, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';
import { invalid } from '../errors.js';

export const ERASE_FILLS = ['noise', 'value'] as const;

/** Attempts to place a rectangle before an image is left as is. */
export const ERASE_ATTEMPTS = 100;

export interface RandomErasingOptions {
  /** Probability in [0, 1] that an image is erased; a number or a schedule; default 0.5. */
  probability?: NoiseLevel;
  /** Smallest erased area, as a fraction of the image; default 0.02. */
  areaMin?: number;
  /** Largest erased area, as a fraction of the image; default 0.4. */
  areaMax?: number;
  /** Smallest aspect ratio height / width; default 0.3. */
  aspectMin?: number;
  /** Largest aspect ratio height / width; default 1 / 0.3. */
  aspectMax?: number;
  /** `noise` (default, uniform in [0, 1)) or `value`. */
  fill?: (typeof ERASE_FILLS)[number];
  /** The constant of `fill: 'value'`; default 0. */
  value?: number;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

/** An erased rectangle of one image of the last batch. */
export interface ErasedRect {
  readonly sample: number;
  readonly y: number;
  readonly x: number;
  readonly height: number;
  readonly width: number;
}

export class RandomErasing extends ImageAugmentation {
  readonly name = 'randomErasing';
  readonly options: Required<Omit<RandomErasingOptions, 'shape'>>;
  /** The rectangles erased in the last batch, for inspection. */
  lastErased: ErasedRect[] = [];

  constructor(options: RandomErasingOptions = {}) {
    const o = parseOptions('randomErasing', RANDOM_ERASING.options, options);
    super(o.shape);
    const { shape: _shape, ...rest } = o;
    this.options = rest as RandomErasing['options'];
    if (this.options.areaMin > this.options.areaMax) throw invalid('randomErasing', 'areaMin', `at most areaMax (${this.options.areaMax})`, this.options.areaMin);
    if (this.options.aspectMin > this.options.aspectMax) throw invalid('randomErasing', 'aspectMin', `at most aspectMax (${this.options.aspectMax})`, this.options.aspectMin);
  }

  /** A rectangle for an image of h x w, or null after {@link ERASE_ATTEMPTS} misses. */
  private rect(h: number, w: number): Omit<ErasedRect, 'sample'> | null {
    const rng = this.generator;
    const o = this.options;
    for (let attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
      const area = (o.areaMin + (o.areaMax - o.areaMin) * rng.uniform()) * h * w;
      const aspect = o.aspectMin + (o.aspectMax - o.aspectMin) * rng.uniform();
      const height = Math.max(1, Math.round(Math.sqrt(area * aspect)));
      const width = Math.max(1, Math.round(Math.sqrt(area / aspect)));
      const y = rng.int(h);
      const x = rng.int(w);
      if (y + height <= h && x + width <= w) return { y, x, height, width };
    }
    return null;
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const p = levelAt(this.options.probability, ctx);
    this.lastErased = [];
    if (p === 0) return targets;
    const rng = this.generator;
    const { height: h, width: w, channels: c } = this.image(ctx.sampleSize);
    const b = ctx.backend;
    const n = count * ctx.sampleSize;
    const mask = ctx.buffer('randomErasing:mask', n);
    b.scale(mask, 0, 0, mask, n);
    for (let r = 0; r < count; r++) {
      if (rng.uniform() >= p) continue;
      const e = this.rect(h, w);
      if (!e) continue;
      this.lastErased.push({ sample: r, ...e });
      for (let y = e.y; y < e.y + e.height; y++) for (let x = e.x; x < e.x + e.width; x++) for (let ch = 0; ch < c; ch++) mask[r * ctx.sampleSize + (y * w + x) * c + ch] = 1;
    }
    if (this.lastErased.length === 0) return targets;
    // x += mask * (fill - x)
    const fill = ctx.buffer('randomErasing:fill', n);
    if (this.options.fill === 'noise') b.fillUniform(this.stream(b), fill, n, 0, 1);
    else b.scale(fill, 0, this.options.value, fill, n);
    const diff = ctx.buffer('randomErasing:diff', n);
    b.scale(batch, -1, 0, diff, n);
    b.add(fill, diff, diff, n);
    b.mul(diff, mask, diff, n);
    b.add(batch, diff, batch, n);
    return targets;
  }

  getConfig(): Record<string, unknown> {
    return { ...this.options, ...this.shapeConfig() };
  }
}

/** Random Erasing of training images; see {@link RandomErasingOptions}. */
export function randomErasing(options: RandomErasingOptions = {}): RandomErasing {
  return new RandomErasing(options);
}

const FRACTION = { min: 0, minExclusive: true, max: 1 } as const;

export const RANDOM_ERASING = defineAugmentation<RandomErasingOptions>({
  className: 'RandomErasing',
  factory: 'randomErasing',
  summary: 'erases a random rectangle of each image with a probability',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    probability: level('probability that an image is erased', { min: 0, max: 1 }, { default: 0.5 }),
    areaMin: number('smallest erased area, a fraction of the image', { default: 0.02, range: FRACTION }),
    areaMax: number('largest erased area, a fraction of the image', { default: 0.4, range: FRACTION }),
    aspectMin: number('smallest aspect ratio height / width', { default: 0.3, range: { min: 0, minExclusive: true } }),
    aspectMax: number('largest aspect ratio height / width', { default: 1 / 0.3, range: { min: 0, minExclusive: true } }),
    fill: choice("what the rectangle is filled with: 'noise' (uniform in [0, 1)) or 'value'", ERASE_FILLS, { default: 'noise' }),
    value: number("the constant of fill 'value'", { default: 0 }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new RandomErasing(o),
});

export const RANDOM_ERASING_TECHNIQUE = defineTechnique({
  name: 'random-erasing',
  aliases: ['erasing'],
  title: 'random erasing',
  description: 'With probability p, erases a rectangle of random area and aspect ratio of each image, filled with noise or a value.',
  formula: 'S_e ~ U(sl, sh) h w, r_e ~ U(r1, r2), h_e = sqrt(S_e r_e), w_e = sqrt(S_e / r_e), uniform position',
  paper: 'Zhong et al. 2020',
  typical: 'probability 0.5, area 0.02 to 0.4, aspect 0.3 to 3.33 (Zhong et al. 2020)',
  offeredBy: { keras: 'RandomErasing', tfjs: '-', pytorch: 'v2.RandomErasing' },
  example: 'random-erasing:probability=0.5',
  imageOnly: true,
  target: { kind: 'data', augmentation: RANDOM_ERASING },
});
