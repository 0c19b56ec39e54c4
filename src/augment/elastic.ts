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
import type { BatchTargets } from '../losses/loss.js';
import type { AugmentContext } from './augmentation.js';
import { ImageAugmentation, checkImageShape, sampleAt } from './image.js';
import { checkLevel, levelAt, type NoiseLevel } from '../noise/schedule.js';
import { checkNumber } from '../validate.js';

export interface ElasticOptions {
  /** Scale of the displacements in pixels, >= 0; a number or a schedule. */
  alpha: NoiseLevel;
  /** Standard deviation of the smoothing Gaussian in pixels, > 0. */
  sigma: number;
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

  constructor(options: ElasticOptions) {
    super(options.shape && checkImageShape('elastic', options.shape));
    this.alpha = checkLevel('elastic', 'alpha', options.alpha, { min: 0 });
    this.sigma = checkNumber('elastic', 'sigma', options.sigma, { min: 0, minExclusive: true });
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const alpha = levelAt(this.alpha, ctx);
    if (alpha === 0) return targets;
    const g = this.image(ctx.sampleSize);
    const { height: h, width: w, channels: c } = g;
    const b = ctx.backend;
    const f = displacementFields(b, this.randomStream(b), count, h, w, alpha, this.sigma, (k, n) => ctx.buffer(k, n));
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
export function elastic(options: ElasticOptions): ElasticDistortion {
  return new ElasticDistortion(options);
}
