/**
 * Elastic distortion (Simard et al. 2003, sec. 2): for every training image, displacement
 * fields `dx, dy ~ U(-1, 1)` per pixel are smoothed by a Gaussian of standard deviation
 * `sigma` pixels and scaled by `alpha`; output pixel `(y, x)` reads the input at
 * `(y + dy, x + dx)` by bilinear interpolation (0 outside). The paper uses `sigma = 4`,
 * `alpha = 34` on 28x28 MNIST. `alpha = 0` leaves the images unchanged.
 *
 * The smoothing is scipy.ndimage.gaussian_filter's (kernel truncated at 4 sigma, normalised,
 * zero padding), done for the whole batch as two matrix products: with the fields laid out as
 * `[height][2 * count][width]`, the horizontal pass is `F G_w` and the vertical one `G_h F`.
 */
import type { Backend, FloatArray, RandomStream } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { AugmentContext } from '../parts/augmentation.js';
import { IMAGE_SHAPE, ImageAugmentation, sampleAt } from './image.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { level, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

export interface ElasticOptions {
  /** Scale of the displacements in pixels, >= 0; a number or a schedule. */
  alpha?: NoiseLevel;
  /** Standard deviation of the smoothing Gaussian in pixels, > 0. */
  sigma?: number;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

/** `n x n` Gaussian smoothing with zero padding: `G[i][j] = g(|i - j|)` within `round(4 sigma)`, `g` summing to 1. */
export function gaussianMatrix(n: number, sigma: number, out: FloatArray = new Float64Array(n * n)): FloatArray {
  const radius = Math.floor(4 * sigma + 0.5);
  const g = Float64Array.from({ length: radius + 1 }, (_, d) => Math.exp((-d * d) / (2 * sigma * sigma)));
  const total = g.reduce((a, v, d) => a + (d === 0 ? v : 2 * v), 0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = Math.abs(i - j) <= radius ? g[Math.abs(i - j)]! / total : 0;
  return out;
}

/**
 * Smoothed, scaled displacement fields of `count` images: `dx` of image `r` at `(y, x)` is
 * `f[y * 2 count w + 2 r w + x]`, `dy` the next `w` values.
 */
export function displacementFields(b: Backend, rng: RandomStream, count: number, h: number, w: number, alpha: number, sigma: number, buffer: (key: string, n: number) => FloatArray): FloatArray {
  const n = h * 2 * count * w;
  const raw = buffer('elastic:raw', n);
  const across = buffer('elastic:across', n);
  const out = buffer('elastic:fields', n);
  b.fillUniform(rng, raw, n, -1, 1);
  b.matmul(raw, gaussianMatrix(w, sigma, buffer(`elastic:g${sigma}`, w * w)), across, h * 2 * count, w, w, false, false, false);
  b.matmul(gaussianMatrix(h, sigma, buffer(`elastic:g${sigma}`, h * h)), across, out, h, h, 2 * count * w, false, false, false);
  b.scale(out, alpha, 0, out, n);
  return out;
}

export class ElasticDistortion extends ImageAugmentation {
  readonly name = 'elastic';
  readonly alpha: NoiseLevel;
  readonly sigma: number;

  constructor(options: ElasticOptions = {}) {
    const o = parseOptions('elastic', ELASTIC.options, options);
    super(o.shape);
    this.alpha = o.alpha!;
    this.sigma = o.sigma!;
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const alpha = levelAt(this.alpha, ctx);
    if (alpha === 0) return targets;
    const g = this.image(ctx.sampleSize);
    const { height: h, width: w, channels: c } = g;
    const b = ctx.backend;
    const f = displacementFields(b, this.stream(b), count, h, w, alpha, this.sigma, (k, n) => ctx.buffer(k, n));
    const n = count * ctx.sampleSize;
    const src = ctx.buffer('elastic:src', n);
    b.scale(batch, 1, 0, src, n);
    const stride = 2 * count * w;
    for (let r = 0; r < count; r++) {
      const off = r * ctx.sampleSize;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const dx = f[y * stride + 2 * r * w + x]!;
          const dy = f[y * stride + (2 * r + 1) * w + x]!;
          for (let ch = 0; ch < c; ch++) batch[off + (y * w + x) * c + ch] = sampleAt(src, off, g, ch, y + dy, x + dx, 'bilinear');
        }
      }
    }
    return targets;
  }

  getConfig(): Record<string, unknown> {
    return { alpha: this.alpha, sigma: this.sigma, ...this.shapeConfig() };
  }
}

/** Elastic distortion of every training image; see {@link ElasticOptions}. */
export function elastic(options: ElasticOptions = {}): ElasticDistortion {
  return new ElasticDistortion(options);
}

export const ELASTIC = defineAugmentation<ElasticOptions>({
  className: 'ElasticDistortion',
  factory: 'elastic',
  summary: 'moves every pixel along a random smooth displacement field',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    alpha: level('scale of the displacements in pixels', { min: 0 }, { default: 34 }),
    sigma: number('smoothing Gaussian sd in pixels', { default: 4, range: { min: 0, minExclusive: true } }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new ElasticDistortion(o),
});

export const ELASTIC_TECHNIQUE = defineTechnique({
  name: 'elastic',
  aliases: [],
  title: 'elastic distortion',
  description: 'Moves every pixel along a random smooth displacement field, resampled bilinearly.',
  formula: 'dx, dy = alpha * gauss_sigma * U(-1, 1); out(y, x) = in(y + dy, x + dx)',
  paper: 'Simard et al. 2003',
  typical: 'alpha 34, sigma 4 on 28x28 digits (Simard et al. 2003)',
  offeredBy: { keras: 'RandomElasticTransform', tfjs: '-', pytorch: 'ElasticTransform' },
  example: 'elastic:alpha=34,sigma=4',
  imageOnly: true,
  target: { kind: 'data', augmentation: ELASTIC },
});
