/**
 * AugMix (Hendrycks et al. 2020, "AugMix: A Simple Data Processing Method to Improve Robustness
 * and Uncertainty"): each training image `x` becomes
 * `(1 - m) x + m sum_i w_i chain_i(x)`, with `width` chains of `depth` operations (or 1 to 3,
 * drawn per chain, with `depth = 0`), each drawn uniformly from the operations that do not
 * overlap the test corruptions (autocontrast, equalize, posterize, rotate, solarize, shear and
 * translate in x and y), weights `w ~ Dirichlet(alpha)` and `m ~ Beta(alpha, alpha)`.
 *
 * The magnitudes follow the authors' code: each operation draws a level `l ~ U(0.1, severity)`
 * (severity 1-10) and takes rotate `trunc(3 l)` degrees, solarize at the 8-bit threshold
 * `256 - trunc(25.6 l)`, posterize to `4 - trunc(0.4 l)` bits, shear `0.03 l`, translate
 * `trunc(l side / 30)` pixels, the signed ones negated with probability 1/2.
 *
 * With `lambda > 0` (12 in the paper) training forwards three views of each image, the image
 * itself and two AugMix views, and adds `lambda` times the Jensen-Shannon divergence between
 * the three predictions to the loss (`../losses/jensen-shannon.ts`); the loss of the targets is
 * taken on the image itself. With `lambda = 0`, each image is replaced by one AugMix view.
 * Images only.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { AugmentContext, AugmentSetup, ConsistencyAugmentation } from '../parts/augmentation.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { InvalidArgumentError } from '../errors.js';
import { IMAGE_SHAPE, INTERPOLATIONS, type ImageGeometry, type Interpolation } from './image.js';
import { OpPolicy, type AppliedOp } from './op-policy.js';
import type { ImageOp, OpName } from './ops/image-op.js';
import { IMAGE_OPS } from './ops/spaces.js';
import { jensenShannon } from '../losses/jensen-shannon.js';
import { logGamma, sampleBeta } from '../random/beta.js';
import { choice, integer, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

/** The operations AugMix draws from: those that do not overlap the test corruptions. */
export const AUGMIX_OPS: readonly ImageOp[] = (['autocontrast', 'equalize', 'posterize', 'rotate', 'solarize', 'shearX', 'shearY', 'translateX', 'translateY'] as const).map((n) => IMAGE_OPS[n]);

/** The parameter of `op` at level `l` (0.1 to 10), as the authors' code maps it. */
export function augmixValue(op: OpName, l: number, g: ImageGeometry): number {
  switch (op) {
    case 'rotate':
      return Math.trunc((l * 30) / 10);
    case 'solarize':
      return (256 - Math.trunc((l * 256) / 10)) / 255;
    case 'posterize':
      return 4 - Math.trunc((l * 4) / 10);
    case 'shearX':
    case 'shearY':
      return (l * 0.3) / 10;
    case 'translateX':
      return Math.trunc((l * g.width) / 3 / 10);
    case 'translateY':
      return Math.trunc((l * g.height) / 3 / 10);
    default:
      return 0;
  }
}

export interface AugMixOptions {
  /** Severity of the operations, an integer in 1-10; default 3 (the paper's). */
  severity?: number;
  /** Chains mixed, an integer >= 1; default 3. */
  width?: number;
  /** Operations per chain, an integer in 1-10, or 0 for 1 to 3 drawn per chain; default 0 (the paper's). */
  depth?: number;
  /** Concentration of the Dirichlet weights and of the Beta mix with the image, > 0; default 1. */
  alpha?: number;
  /** Weight of the Jensen-Shannon consistency loss, >= 0; default 12 (the paper's); 0 trains on one AugMix view per image, with no consistency loss. */
  lambda?: number;
  /** Resampling of rotate and shear; default `bilinear` (the authors' code). */
  interpolation?: Interpolation;
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

export class AugMix extends OpPolicy implements ConsistencyAugmentation {
  readonly name = 'augmix';
  readonly severity: number;
  readonly width: number;
  readonly depth: number;
  readonly alpha: number;
  readonly lambda: number;
  /** The mixing weights of the last image: the Dirichlet weights, then the Beta mix `m`. */
  lastWeights: Float64Array;

  constructor(options: AugMixOptions = {}) {
    const o = parseOptions('augmix', AUGMIX.options, options);
    super(o.shape, o.interpolation!);
    this.severity = o.severity!;
    this.width = o.width!;
    this.depth = o.depth!;
    this.alpha = o.alpha!;
    this.lambda = o.lambda!;
    this.lastWeights = new Float64Array(this.width + 1);
  }

  /** Three views (the image and two AugMix views) with the consistency loss, one without. */
  get views(): number {
    return this.lambda > 0 ? 3 : 1;
  }

  /** Refuses data that is not images, saying why. */
  override setup(info: AugmentSetup): void {
    if (!this.shape && !info.imageShape) {
      throw new InvalidArgumentError(`augmix: images only: its operations (rotate, shear, translate, posterize, ...) act on pixels, and the inputs are vectors of ${info.sampleSize} values with no imageShape [height, width]`);
    }
    super.setup(info);
  }

  protected skip(): boolean {
    return this.views > 1; // the views are made by makeViews; the batch itself stays clean
  }

  makeViews(rows: FloatArray, count: number, ctx: AugmentContext): void {
    for (let v = 1; v < this.views; v++) this.transformRows(rows, 0, rows, v * count, count, ctx);
  }

  consistencyLoss(out: FloatArray, logits: boolean, count: number, outputs: number, grad: FloatArray, gradScale: number): number {
    return jensenShannon(out, logits, this.views, count, outputs, this.lambda, grad, gradScale);
  }

  protected transform(image: Float64Array, spare: Float64Array, g: ImageGeometry, rng: Xoshiro128, _ctx: AugmentContext, applied: AppliedOp[]): Float64Array {
    const size = image.length;
    const [, , mix, chain] = this.buffers(size, 4);
    const w = this.lastWeights;
    this.dirichlet(rng, w);
    w[this.width] = sampleBeta(rng, this.alpha, this.alpha);
    mix!.fill(0);
    for (let c = 0; c < this.width; c++) {
      let src = chain!;
      let dst = spare;
      for (let i = 0; i < size; i++) src[i] = image[i]!;
      const depth = this.depth || 1 + rng.int(3);
      for (let d = 0; d < depth; d++) {
        const op = AUGMIX_OPS[rng.int(AUGMIX_OPS.length)]!;
        const level = 0.1 + (this.severity - 0.1) * rng.uniform();
        this.applyDrawn(op, augmixValue(op.name, level, g), src, dst, g, rng, applied);
        [src, dst] = [dst, src];
      }
      for (let i = 0; i < size; i++) mix![i]! += w[c]! * src[i]!;
    }
    const m = w[this.width]!;
    for (let i = 0; i < size; i++) image[i] = (1 - m) * image[i]! + m * mix![i]!;
    return image;
  }

  /** Dirichlet(alpha, ..., alpha) weights into `w[0..width)`: Gamma draws normalised, in log space. */
  private dirichlet(rng: Xoshiro128, w: Float64Array): void {
    let max = -Infinity;
    for (let c = 0; c < this.width; c++) max = Math.max(max, (w[c] = logGamma(rng, this.alpha)));
    let sum = 0;
    for (let c = 0; c < this.width; c++) sum += w[c] = Math.exp(w[c]! - max);
    for (let c = 0; c < this.width; c++) w[c]! /= sum;
  }

  getConfig(): Record<string, unknown> {
    return { severity: this.severity, width: this.width, depth: this.depth, alpha: this.alpha, lambda: this.lambda, interpolation: this.interpolation, ...this.shapeConfig() };
  }
}

/** AugMix of every training image, with its consistency loss; see {@link AugMixOptions}. */
export function augmix(options: AugMixOptions = {}): AugMix {
  return new AugMix(options);
}

export const AUGMIX = defineAugmentation<AugMixOptions>({
  className: 'AugMix',
  factory: 'augmix',
  summary: 'mixes chains of random image operations with the image, with a consistency loss between views',
  hostOnly: 'makes its image views in JavaScript',
  options: {
    severity: integer('severity of the operations (1-10)', { range: { min: 1, max: 10 }, default: 3 }),
    width: integer('chains mixed', { range: { min: 1, max: 10 }, default: 3 }),
    depth: integer('operations per chain; 0 draws 1 to 3 per chain', { range: { min: 0, max: 10 }, default: 0 }),
    alpha: number('concentration of the Dirichlet weights and of the Beta mix', { range: { min: 0, minExclusive: true }, default: 1 }),
    lambda: number('weight of the Jensen-Shannon consistency loss; 0 for none', { range: { min: 0 }, default: 12 }),
    interpolation: choice('resampling of rotate and shear', INTERPOLATIONS, { default: 'bilinear' }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new AugMix(o),
});

export const AUGMIX_TECHNIQUE = defineTechnique({
  name: 'augmix',
  aliases: [],
  title: 'AugMix',
  description:
    'Mixes the image with width chains of random operations that exclude the test corruptions (Dirichlet weights, then a Beta mix with the image), and adds lambda times the Jensen-Shannon divergence between the predictions on the image and on two AugMix views to the loss.',
  formula: "x' = (1 - m) x + m sum_i w_i chain_i(x), w ~ Dir(a), m ~ Beta(a, a); L = CE(p(x), y) + lambda JS(p(x), p(x'_1), p(x'_2))",
  paper: 'Hendrycks et al. 2020',
  typical: 'severity 3, width 3, depth 1 to 3, alpha 1, lambda 12 (Hendrycks et al. 2020)',
  offeredBy: { keras: 'AugMix (augmentation only)', tfjs: '-', pytorch: 'v2.AugMix (augmentation only)' },
  example: 'augmix:severity=3,width=3,lambda=12',
  imageOnly: true,
  target: { kind: 'data', augmentation: AUGMIX },
});
