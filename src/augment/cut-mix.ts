/**
 * CutMix (Yun et al. 2019, "CutMix: Regularization Strategy to Train Strong Classifiers with
 * Localizable Features"): a rectangle of each training image is replaced by the same rectangle
 * of another image of the batch (`j = perm(i)`), and the targets are mixed by area:
 * `y' = l y_i + (1 - l) y_j`, `l = 1 - (pasted area) / (h w)`. As in the authors' code:
 * `l0 ~ Beta(alpha, alpha)`, a box of `floor(h sqrt(1 - l0))` by `floor(w sqrt(1 - l0))`
 * pixels (half of each side, rounded down, on either side of a uniform center) clipped at the
 * borders, and `l` recomputed from the clipped box, so the label weights are the kept areas
 * exactly. One `l0`, box and coin flip per batch (`mode: 'batch'`, the authors'), or per sample
 * (`mode: 'sample'`, as Keras' CutMix). With `probability` p a batch (or sample) is cut with
 * probability p.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { AugmentContext } from '../parts/augmentation.js';
import { IMAGE_SHAPE, ImageAugmentation } from './image.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { sampleBeta } from '../random/beta.js';
import { choice, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

export const CUT_MIX_MODES = ['batch', 'sample'] as const;

export interface CutMixOptions {
  /** Beta(alpha, alpha) concentration of the kept area, > 0 or 0 for none; a number or a schedule; default 1 (uniform). */
  alpha?: NoiseLevel;
  /** Probability in [0, 1] that a batch (or sample) is cut; default 1. */
  probability?: NoiseLevel;
  /** One box per batch (default, the authors' code) or per sample. */
  mode?: (typeof CUT_MIX_MODES)[number];
  /** `[height, width]`; default fit's `imageShape`. */
  shape?: [number, number];
}

/** A pasted rectangle: rows [y0, y1), columns [x0, x1). */
interface Box {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

export class CutMix extends ImageAugmentation {
  readonly name = 'cutMix';
  readonly alpha: NoiseLevel;
  readonly probability: NoiseLevel;
  readonly mode: 'batch' | 'sample';
  /** The label weight `l` (kept area) of every sample of the last batch, for inspection. */
  lastLambdas: Float64Array = new Float64Array(0);
  /** The partner `perm(i)` of every sample of the last batch. */
  lastPartners: Int32Array = new Int32Array(0);

  constructor(options: CutMixOptions = {}) {
    const o = parseOptions('cutMix', CUT_MIX.options, options);
    super(o.shape);
    this.alpha = o.alpha!;
    this.probability = o.probability!;
    this.mode = o.mode!;
  }

  /** A box for a kept area `l0 ~ Beta(alpha, alpha)`, clipped to the image. */
  private box(h: number, w: number, alpha: number): Box {
    const rng = this.generator;
    const cut = Math.sqrt(1 - sampleBeta(rng, alpha, alpha));
    const ch = Math.floor(h * cut);
    const cw = Math.floor(w * cut);
    const cy = rng.int(h);
    const cx = rng.int(w);
    const clip = (v: number, n: number): number => Math.min(Math.max(v, 0), n);
    return { y0: clip(cy - Math.floor(ch / 2), h), y1: clip(cy + Math.floor(ch / 2), h), x0: clip(cx - Math.floor(cw / 2), w), x1: clip(cx + Math.floor(cw / 2), w) };
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const alpha = levelAt(this.alpha, ctx);
    const p = levelAt(this.probability, ctx);
    if (alpha === 0 || p === 0 || count < 2) return targets;
    const rng = this.generator;
    const { height: h, width: w, channels: c } = this.image(ctx.sampleSize);
    const boxes: (Box | null)[] = [];
    if (this.mode === 'batch') {
      const box = p < 1 && rng.uniform() >= p ? null : this.box(h, w, alpha);
      for (let r = 0; r < count; r++) boxes.push(box);
    } else for (let r = 0; r < count; r++) boxes.push(p < 1 && rng.uniform() >= p ? null : this.box(h, w, alpha));
    const perm = new Int32Array(count);
    for (let i = 0; i < count; i++) perm[i] = i;
    for (let i = count - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    const b = ctx.backend;
    const n = count * ctx.sampleSize;
    const mask = ctx.buffer('cutMix:mask', n);
    const other = ctx.buffer('cutMix:other', n);
    b.scale(mask, 0, 0, mask, n);
    const lambdas = new Float64Array(count);
    boxes.forEach((box, r) => {
      lambdas[r] = box ? 1 - ((box.y1 - box.y0) * (box.x1 - box.x0)) / (h * w) : 1;
      if (!box) return;
      for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) for (let ch = 0; ch < c; ch++) mask[r * ctx.sampleSize + (y * w + x) * c + ch] = 1;
    });
    // x += mask * (x[perm] - x)
    b.gatherRows(batch, perm, 0, count, ctx.sampleSize, 1, other);
    const diff = ctx.buffer('cutMix:diff', n);
    b.scale(batch, -1, 0, diff, n);
    b.add(other, diff, diff, n);
    b.mul(diff, mask, diff, n);
    b.add(batch, diff, batch, n);
    this.lastLambdas = lambdas;
    this.lastPartners = perm;
    return { kind: 'dense', values: this.mixTargets(targets, perm, lambdas, count, ctx) };
  }

  /** `y'_r = l_r y_r + (1 - l_r) y_perm(r)`, class labels as one-hot rows first. */
  private mixTargets(targets: BatchTargets, perm: Int32Array, lambdas: Float64Array, count: number, ctx: AugmentContext): FloatArray {
    const k = ctx.outputs;
    let values: FloatArray;
    if (targets.kind === 'sparse') {
      values = ctx.buffer('cutMix:targets', count * k);
      ctx.backend.scale(values, 0, 0, values, count * k);
      for (let r = 0; r < count; r++) values[r * k + targets.labels[r]!] = 1;
    } else values = targets.values;
    const partner = ctx.buffer('cutMix:partner', count * k);
    ctx.backend.gatherRows(values, perm, 0, count, k, 1, partner);
    for (let r = 0; r < count; r++) {
      const l = lambdas[r]!;
      for (let j = 0; j < k; j++) values[r * k + j] = l * values[r * k + j]! + (1 - l) * partner[r * k + j]!;
    }
    return values;
  }

  getConfig(): Record<string, unknown> {
    return { alpha: this.alpha, probability: this.probability, mode: this.mode, ...this.shapeConfig() };
  }
}

/** CutMix of images and targets; see {@link CutMixOptions}. */
export function cutMix(options: CutMixOptions = {}): CutMix {
  return new CutMix(options);
}

export const CUT_MIX = defineAugmentation<CutMixOptions>({
  className: 'CutMix',
  factory: 'cutMix',
  summary: 'pastes a rectangle of another image of the batch, labels mixed by area',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    alpha: level('Beta(alpha, alpha) concentration of the kept area', { min: 0 }, { default: 1 }),
    probability: level('probability that a batch (or sample) is cut', { min: 0, max: 1 }, { default: 1 }),
    mode: choice('one box per batch or per sample', CUT_MIX_MODES, { default: 'batch' }),
    shape: IMAGE_SHAPE,
  },
  create: (o) => new CutMix(o),
});

export const CUT_MIX_TECHNIQUE = defineTechnique({
  name: 'cutmix',
  aliases: ['cut-mix'],
  title: 'CutMix',
  description: 'Pastes a random rectangle of another image of the batch into each image and mixes the targets by the kept area.',
  formula: "x' = M x_i + (1 - M) x_j, y' = l y_i + (1 - l) y_j, l = kept area, l0 ~ Beta(a, a)",
  paper: 'Yun et al. 2019',
  typical: 'alpha 1, probability 0.5 to 1 (Yun et al. 2019)',
  offeredBy: { keras: 'CutMix', tfjs: '-', pytorch: 'v2.CutMix' },
  example: 'cutmix:alpha=1',
  imageOnly: true,
  target: { kind: 'data', augmentation: CUT_MIX },
});
