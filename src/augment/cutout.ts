/**
 * Cutout (DeVries & Taylor 2017, "Improved Regularization of Convolutional Neural Networks
 * with Cutout"): in every training image a square of `size x size` pixels (all channels) is
 * set to 0. Its center is uniform over the image's pixels, so the square may be clipped at the
 * borders, as in the paper and its code.
 * Rows `[cy - floor(size / 2), cy - floor(size / 2) + size)`, columns likewise. With
 * `probability` p below 1, each image gets its square with probability p (the paper's code
 * always cuts; p = 1 draws nothing more, so results at p = 1 are those without the option).
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { AugmentContext, AugmentSetup } from '../parts/augmentation.js';
import { invalid } from '../errors.js';
import { IMAGE_SHAPE, ImageAugmentation } from './image.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

export interface CutoutOptions {
  /** Side of the square in pixels, >= 0 (rounded); a number or a schedule. About 1/3 of the image side. */
  size?: NoiseLevel;
  /** Probability in [0, 1] that an image gets the square; a number or a schedule; default 1. */
  probability?: NoiseLevel;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

export class Cutout extends ImageAugmentation {
  readonly name = 'cutout';
  readonly size: NoiseLevel;
  readonly probability: NoiseLevel;

  constructor(options: CutoutOptions = {}) {
    const o = parseOptions('cutout', CUTOUT.options, options);
    super(o.shape);
    this.size = o.size!;
    this.probability = o.probability!;
  }

  /** Also checks that the patch fits the images: a side longer than the image would blank it whole. */
  override setup(info: AugmentSetup): void {
    super.setup(info);
    const { height, width } = this.image(info.sampleSize);
    const largest = typeof this.size === 'number' ? this.size : Math.max(this.size.from, this.size.to);
    if (Math.round(largest) > Math.max(height, width)) {
      throw invalid('cutout', 'size', `at most the image side, ${Math.max(height, width)} pixels of ${height}x${width} images`, largest);
    }
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const size = Math.round(levelAt(this.size, ctx));
    const p = levelAt(this.probability, ctx);
    if (size === 0 || p === 0) return targets;
    const g = this.image(ctx.sampleSize);
    const { height: h, width: w, channels: c } = g;
    const b = ctx.backend;
    const n = count * ctx.sampleSize;
    const mask = ctx.buffer('cutout:mask', n);
    b.scale(mask, 0, 1, mask, n);
    const rng = this.generator;
    for (let r = 0; r < count; r++) {
      if (p < 1 && rng.uniform() >= p) continue;
      const y0 = rng.int(h) - Math.floor(size / 2);
      const x0 = rng.int(w) - Math.floor(size / 2);
      const off = r * ctx.sampleSize;
      for (let y = Math.max(0, y0); y < Math.min(h, y0 + size); y++) {
        for (let x = Math.max(0, x0); x < Math.min(w, x0 + size); x++) {
          for (let ch = 0; ch < c; ch++) mask[off + (y * w + x) * c + ch] = 0;
        }
      }
    }
    b.mul(batch, mask, batch, n);
    return targets;
  }

  getConfig(): Record<string, unknown> {
    return { size: this.size, probability: this.probability, ...this.shapeConfig() };
  }
}

/** Zeroes a random square of every training image; see {@link CutoutOptions}. */
export function cutout(options: CutoutOptions = {}): Cutout {
  return new Cutout(options);
}

export const CUTOUT = defineAugmentation<CutoutOptions>({
  className: 'Cutout',
  factory: 'cutout',
  summary: 'zeroes a random square of every image',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    size: level('side of the zeroed square in pixels', { min: 0 }, { default: 8 }),
    probability: level('probability that an image gets the square', { min: 0, max: 1 }, { default: 1 }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new Cutout(o),
});

export const CUTOUT_TECHNIQUE = defineTechnique({
  name: 'cutout',
  aliases: [],
  title: 'cutout',
  description: 'Zeroes a random square of every image (or of each with a probability); its center is uniform, so it may be clipped at the borders.',
  formula: 'size x size patch around a uniform center set to 0, with probability p',
  paper: 'DeVries & Taylor 2017',
  typical: 'size 16 px on 32x32 CIFAR-10, 8 px on CIFAR-100 (DeVries & Taylor 2017)',
  offeredBy: { keras: 'RandomErasing', tfjs: '-', pytorch: 'RandomErasing' },
  example: 'cutout:size=8',
  imageOnly: true,
  target: { kind: 'data', augmentation: CUTOUT },
});
