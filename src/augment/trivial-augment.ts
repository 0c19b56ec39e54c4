/**
 * TrivialAugment (Muller & Hutter 2021, "TrivialAugment: Tuning-free yet state-of-the-art data
 * augmentation"), its wide variant: every training image goes through one operation drawn
 * uniformly from RandAugment's list at a magnitude drawn uniformly from the 31 bins 0, 1/30,
 * ..., 1 of its wide ranges (rotations to 135 degrees, shears to 0.99, shifts to the image
 * side, enhance factors in [0.01, 1.99], posterize to 2 bits; torchvision's
 * `TrivialAugmentWide`, ranges in `./ops/spaces.ts`); signed operations are negated with
 * probability 1/2. Nothing to tune: `probability` below 1 leaves some images as they are.
 */
import type { AugmentContext } from '../parts/augmentation.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { IMAGE_SHAPE, INTERPOLATIONS, type ImageGeometry, type Interpolation } from './image.js';
import { OpPolicy, type AppliedOp } from './op-policy.js';
import { TRIVIAL_AUGMENT_SPACE, policyOps } from './ops/spaces.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { choice, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

/** Magnitude bins: 0 to 30, as torchvision's `num_magnitude_bins = 31`. */
const BINS = 31;

export interface TrivialAugmentOptions {
  /** Probability in [0, 1] that an image is augmented; default 1 (the paper's); a number or a schedule. */
  probability?: NoiseLevel;
  /** Resampling of the geometric operations; default `nearest` (torchvision's). */
  interpolation?: Interpolation;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

export class TrivialAugment extends OpPolicy {
  readonly name = 'trivialAugment';
  readonly probability: NoiseLevel;

  constructor(options: TrivialAugmentOptions = {}) {
    const o = parseOptions('trivialAugment', TRIVIAL_AUGMENT.options, options);
    super(o.shape, o.interpolation!);
    this.probability = o.probability!;
  }

  protected skip(ctx: AugmentContext): boolean {
    return levelAt(this.probability, ctx) === 0;
  }

  protected transform(image: Float64Array, spare: Float64Array, g: ImageGeometry, rng: Xoshiro128, ctx: AugmentContext, applied: AppliedOp[]): Float64Array {
    const p = levelAt(this.probability, ctx);
    if (p < 1 && rng.uniform() >= p) return image;
    const ops = policyOps(g.channels);
    const op = ops[rng.int(ops.length)]!;
    const m = rng.int(BINS) / (BINS - 1);
    this.applyDrawn(op, TRIVIAL_AUGMENT_SPACE(op.name, m, g), image, spare, g, rng, applied);
    return spare;
  }

  getConfig(): Record<string, unknown> {
    return { probability: this.probability, interpolation: this.interpolation, ...this.shapeConfig() };
  }
}

/** TrivialAugment (wide) of every training image; see {@link TrivialAugmentOptions}. */
export function trivialAugment(options: TrivialAugmentOptions = {}): TrivialAugment {
  return new TrivialAugment(options);
}

export const TRIVIAL_AUGMENT = defineAugmentation<TrivialAugmentOptions>({
  className: 'TrivialAugment',
  factory: 'trivialAugment',
  summary: 'applies one random image operation at a random magnitude to every image',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    probability: level('probability that an image is augmented', { min: 0, max: 1 }, { default: 1 }),
    interpolation: choice('resampling of the geometric operations', INTERPOLATIONS, { default: 'nearest' }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new TrivialAugment(o),
});

export const TRIVIAL_AUGMENT_TECHNIQUE = defineTechnique({
  name: 'trivial-augment',
  aliases: ['trivialaugment'],
  title: 'TrivialAugment',
  description: "Applies one image operation drawn uniformly from RandAugment's list, at a magnitude drawn uniformly from its wide ranges, to every image; nothing to tune.",
  formula: 'x -> op(x; m), op ~ U(ops), m ~ U{0, 1/30, ..., 1}',
  paper: 'Muller & Hutter 2021',
  typical: 'no parameters (the wide ranges of Muller & Hutter 2021)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: 'v2.TrivialAugmentWide' },
  example: 'trivial-augment',
  imageOnly: true,
  target: { kind: 'data', augmentation: TRIVIAL_AUGMENT },
});
