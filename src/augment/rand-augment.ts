/**
 * RandAugment (Cubuk et al. 2020, "RandAugment: Practical automated data augmentation with a
 * reduced search space"): every training image goes through `n` operations, each drawn
 * uniformly (with replacement) from the paper's list, all at the one magnitude `magnitude`
 * on the scale 0-30, each signed operation negated with probability 1/2 (torchvision's
 * `RandAugment`, whose ranges `./ops/spaces.ts` states). The list is the paper's 14 operations
 * for colour images (3 channels) and the 13 without `color` for grey ones. `n = 0` leaves the
 * images unchanged; at magnitude 0 only autocontrast and equalize (which take no magnitude)
 * change them.
 */
import type { AugmentContext } from '../parts/augmentation.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { IMAGE_SHAPE, INTERPOLATIONS, type ImageGeometry, type Interpolation } from './image.js';
import { OpPolicy, type AppliedOp } from './op-policy.js';
import { RAND_AUGMENT_SPACE, policyOps } from './ops/spaces.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { choice, integer, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

/** The largest RandAugment magnitude: the scale is 0-30, as in the paper and torchvision. */
export const MAX_MAGNITUDE = 30;

export interface RandAugmentOptions {
  /** Operations applied to each image, an integer >= 0; default 2 (torchvision's). */
  n?: number;
  /** Magnitude of every operation on the scale 0-30; default 9 (torchvision's); a number or a schedule. */
  magnitude?: NoiseLevel;
  /** Resampling of the geometric operations; default `nearest` (torchvision's). */
  interpolation?: Interpolation;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

export class RandAugment extends OpPolicy {
  readonly name = 'randAugment';
  readonly n: number;
  readonly magnitude: NoiseLevel;

  constructor(options: RandAugmentOptions = {}) {
    const o = parseOptions('randAugment', RAND_AUGMENT.options, options);
    super(o.shape, o.interpolation!);
    this.n = o.n!;
    this.magnitude = o.magnitude!;
  }

  protected skip(): boolean {
    return this.n === 0;
  }

  protected transform(image: Float64Array, spare: Float64Array, g: ImageGeometry, rng: Xoshiro128, ctx: AugmentContext, applied: AppliedOp[]): Float64Array {
    const m = levelAt(this.magnitude, ctx) / MAX_MAGNITUDE;
    const ops = policyOps(g.channels);
    let src = image;
    let dst = spare;
    for (let i = 0; i < this.n; i++) {
      const op = ops[rng.int(ops.length)]!;
      this.applyDrawn(op, RAND_AUGMENT_SPACE(op.name, m, g), src, dst, g, rng, applied);
      [src, dst] = [dst, src];
    }
    return src;
  }

  getConfig(): Record<string, unknown> {
    return { n: this.n, magnitude: this.magnitude, interpolation: this.interpolation, ...this.shapeConfig() };
  }
}

/** RandAugment of every training image; see {@link RandAugmentOptions}. */
export function randAugment(options: RandAugmentOptions = {}): RandAugment {
  return new RandAugment(options);
}

export const RAND_AUGMENT = defineAugmentation<RandAugmentOptions>({
  className: 'RandAugment',
  factory: 'randAugment',
  summary: 'applies n random image operations at one magnitude to every image',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    n: integer('operations applied to each image', { range: { min: 0, max: 10 }, default: 2 }),
    magnitude: level('magnitude of every operation, on the scale 0-30', { min: 0, max: MAX_MAGNITUDE }, { default: 9 }),
    interpolation: choice('resampling of the geometric operations', INTERPOLATIONS, { default: 'nearest' }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new RandAugment(o),
});

export const RAND_AUGMENT_TECHNIQUE = defineTechnique({
  name: 'rand-augment',
  aliases: ['randaugment'],
  title: 'RandAugment',
  description:
    'Applies n image operations drawn uniformly from 14 (identity, autocontrast, equalize, rotate, solarize, posterize, contrast, brightness, sharpness, color, shear and translate in x and y; color only on colour images) to every image, all at one magnitude.',
  formula: 'x -> op_n(...op_1(x; M)), op_i ~ U(ops), M on 0-30',
  paper: 'Cubuk et al. 2020',
  typical: 'n 2, magnitude 9 (torchvision); n 1 to 3, magnitude 5 to 15 on CIFAR-10 (Cubuk et al. 2020)',
  offeredBy: { keras: 'RandAugment', tfjs: '-', pytorch: 'v2.RandAugment' },
  example: 'rand-augment:n=2,magnitude=9',
  imageOnly: true,
  target: { kind: 'data', augmentation: RAND_AUGMENT },
});
