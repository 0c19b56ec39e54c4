/**
 * Random affine distortion (Simard et al. 2003, "Best practices for convolutional neural
 * networks applied to visual document analysis", sec. 2): every training image is shifted,
 * rotated and scaled about its center by fresh random amounts:
 * `tx, ty = round(U(-shift, shift))` pixels (whole pixels as torchvision's RandomAffine, so a
 * shift moves pixels exactly), `theta ~ U(-rotate, rotate)` degrees, `s ~ U(1 - scale, 1 + scale)`.
 * Output pixel `p` reads the input at `R(-theta) (p - c - t) / s + c`, `c` the image center,
 * by bilinear (default) or nearest interpolation; outside the image reads 0. With all three
 * at 0 the images are unchanged.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { AugmentContext } from '../parts/augmentation.js';
import { IMAGE_SHAPE, INTERPOLATIONS, ImageAugmentation, sampleAt, type ImageGeometry, type Interpolation } from './image.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { choice, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

export interface RandomAffineOptions {
  /** Largest shift in pixels, >= 0 (2-3 on MNIST); default 2. A number or a schedule. */
  shift?: NoiseLevel;
  /** Largest rotation in degrees, in [0, 180] (10-15 on MNIST); default 10. */
  rotate?: NoiseLevel;
  /** Largest relative change of size, in [0, 1); default 0. */
  scale?: NoiseLevel;
  /** Resampling; default `bilinear`. */
  interpolation?: Interpolation;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

/** One affine transform: shift in pixels, angle in radians, scale factor. */
export interface AffineParams {
  tx: number;
  ty: number;
  angle: number;
  scale: number;
}

/** Writes image `src[off..]` transformed by `t` into `dst[off..]`. */
export function affineWarp(src: FloatArray, dst: FloatArray, off: number, g: ImageGeometry, t: AffineParams, interpolation: Interpolation): void {
  const cy = (g.height - 1) / 2;
  const cx = (g.width - 1) / 2;
  const cos = Math.cos(t.angle) / t.scale;
  const sin = Math.sin(t.angle) / t.scale;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const u = x - cx - t.tx;
      const v = y - cy - t.ty;
      const sx = cos * u + sin * v + cx;
      const sy = -sin * u + cos * v + cy;
      for (let ch = 0; ch < g.channels; ch++) dst[off + (y * g.width + x) * g.channels + ch] = sampleAt(src, off, g, ch, sy, sx, interpolation);
    }
  }
}

export class RandomAffine extends ImageAugmentation {
  readonly name = 'randomAffine';
  readonly shift: NoiseLevel;
  readonly rotate: NoiseLevel;
  readonly scale: NoiseLevel;
  readonly interpolation: Interpolation;

  constructor(options: RandomAffineOptions = {}) {
    const o = parseOptions('randomAffine', RANDOM_AFFINE.options, options);
    super(o.shape);
    this.shift = o.shift!;
    this.rotate = o.rotate!;
    this.scale = o.scale!;
    this.interpolation = o.interpolation!;
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const shift = levelAt(this.shift, ctx);
    const rotate = (levelAt(this.rotate, ctx) * Math.PI) / 180;
    const scale = levelAt(this.scale, ctx);
    if (shift === 0 && rotate === 0 && scale === 0) return targets;
    const g = this.image(ctx.sampleSize);
    const n = count * ctx.sampleSize;
    const src = ctx.buffer('affine:src', n);
    ctx.backend.scale(batch, 1, 0, src, n);
    const rng = this.generator;
    const u = (a: number): number => a * (2 * rng.uniform() - 1);
    for (let r = 0; r < count; r++) {
      const t = { tx: Math.round(u(shift)), ty: Math.round(u(shift)), angle: u(rotate), scale: 1 + u(scale) };
      affineWarp(src, batch, r * ctx.sampleSize, g, t, this.interpolation);
    }
    return targets;
  }

  getConfig(): Record<string, unknown> {
    return { shift: this.shift, rotate: this.rotate, scale: this.scale, interpolation: this.interpolation, ...this.shapeConfig() };
  }
}

/** Random shift, rotation and scaling of every training image; see {@link RandomAffineOptions}. */
export function randomAffine(options: RandomAffineOptions = {}): RandomAffine {
  return new RandomAffine(options);
}

export const RANDOM_AFFINE = defineAugmentation<RandomAffineOptions>({
  className: 'RandomAffine',
  factory: 'randomAffine',
  summary: 'shifts, rotates and scales every image by random amounts',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    shift: level('largest shift in pixels (whole pixels)', { min: 0 }, { default: 2 }),
    rotate: level('largest rotation in degrees', { min: 0, max: 180 }, { default: 10 }),
    scale: level('largest relative change of size', { min: 0, max: 1, maxExclusive: true }, { default: 0 }),
    interpolation: choice('resampling', INTERPOLATIONS, { default: 'bilinear' }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new RandomAffine(o),
});

export const RANDOM_AFFINE_TECHNIQUE = defineTechnique({
  name: 'affine',
  aliases: ['random-affine'],
  title: 'random affine distortion',
  description: 'Shifts, rotates and scales every image about its center by random amounts.',
  formula: "p' = s R(theta) (p - c) + c + t",
  paper: 'Simard et al. 2003',
  typical: 'shift 2 px, rotate 10 to 15 degrees, scale 0.1 on 28x28 digits',
  offeredBy: { keras: 'RandomTranslation, RandomRotation, RandomZoom', tfjs: '-', pytorch: 'RandomAffine' },
  example: 'affine:shift=2,rotate=10,scale=0.1',
  imageOnly: true,
  target: { kind: 'data', augmentation: RANDOM_AFFINE },
});
