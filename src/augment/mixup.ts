/**
 * mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization"):
 * `x' = l x_i + (1 - l) x_j`, `y' = l y_i + (1 - l) y_j`, pairs `j = perm(i)` from a shuffled
 * copy of the batch, `l ~ Beta(alpha, alpha)`. One `l` per batch as in the authors' code
 * (`mode: 'batch'`, default) or one per sample (`mode: 'sample'`, as Keras' MixUp layer).
 * `alpha = 0` gives `l = 1`, no mixing. Class labels become one-hot rows first, so the loss
 * receives dense (soft) targets, mixed exactly like the inputs. Works on any inputs.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { RandomAugmentation, type AugmentContext } from '../parts/augmentation.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { sampleBeta } from '../random/beta.js';
import { choice, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

export const MIXUP_MODES = ['batch', 'sample'] as const;

export interface MixupOptions {
  /** Beta(alpha, alpha) concentration, >= 0 (0.1-0.4 in the paper); a number or a schedule. */
  alpha?: NoiseLevel;
  /** One mixing weight per batch (default) or per sample. */
  mode?: (typeof MIXUP_MODES)[number];
}

export class Mixup extends RandomAugmentation {
  readonly name = 'mixup';
  readonly alpha: NoiseLevel;
  readonly mode: 'batch' | 'sample';
  /** The mixing weights of the last batch (one, or one per sample), for inspection. */
  lastLambdas: Float64Array = new Float64Array(0);
  private perm = new Int32Array(0);

  constructor(options: MixupOptions = {}) {
    const o = parseOptions('mixup', MIXUP.options, options);
    super();
    this.alpha = o.alpha!;
    this.mode = o.mode!;
  }

  override seedRandom(seed: number): void {
    super.seedRandom(seed);
    this.perm = new Int32Array(0);
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const alpha = levelAt(this.alpha, ctx);
    if (alpha === 0 || count < 2) return targets;
    const rng = this.generator;
    const lambdas = new Float64Array(this.mode === 'batch' ? 1 : count);
    for (let i = 0; i < lambdas.length; i++) lambdas[i] = sampleBeta(rng, alpha, alpha);
    if (this.perm.length !== count) this.perm = new Int32Array(count);
    for (let i = 0; i < count; i++) this.perm[i] = i; // from the identity every step: the draws alone decide
    for (let i = count - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [this.perm[i], this.perm[j]] = [this.perm[j]!, this.perm[i]!];
    }
    this.lastLambdas = lambdas;
    const k = ctx.outputs;
    let values: FloatArray;
    if (targets.kind === 'sparse') {
      values = ctx.buffer('mixup:targets', count * k);
      ctx.backend.scale(values, 0, 0, values, count * k);
      for (let r = 0; r < count; r++) values[r * k + targets.labels[r]!] = 1;
    } else values = targets.values;
    this.mix(batch, ctx.sampleSize, count, lambdas, ctx, 'x');
    this.mix(values, k, count, lambdas, ctx, 'y');
    return { kind: 'dense', values };
  }

  /** `rows[r] = l_r rows[r] + (1 - l_r) rows[perm[r]]`, in place, with kernels. */
  private mix(rows: FloatArray, width: number, count: number, lambdas: Float64Array, ctx: AugmentContext, key: string): void {
    const b = ctx.backend;
    const n = count * width;
    const other = ctx.buffer(`mixup:${key}`, n);
    if (lambdas.length === 1) {
      const l = lambdas[0]!;
      b.gatherRows(rows, this.perm, 0, count, width, 1 - l, other);
      b.scale(rows, l, 0, rows, n);
      b.add(rows, other, rows, n);
      return;
    }
    // Per sample: rows' = M rows with M = diag(l) + (1 - l) P, one matrix product.
    const m = ctx.buffer('mixup:matrix', count * count);
    b.scale(m, 0, 0, m, count * count);
    for (let r = 0; r < count; r++) {
      m[r * count + r]! += lambdas[r]!;
      m[r * count + this.perm[r]!]! += 1 - lambdas[r]!;
    }
    b.matmul(m, rows, other, count, count, width, false, false, false);
    b.scale(other, 1, 0, rows, n);
  }

  getConfig(): Record<string, unknown> {
    return { alpha: this.alpha, mode: this.mode };
  }
}

/** mixup of inputs and targets per batch; see {@link MixupOptions}. */
export function mixup(options: MixupOptions = {}): Mixup {
  return new Mixup(options);
}

export const MIXUP = defineAugmentation<MixupOptions>({
  className: 'Mixup',
  factory: 'mixup',
  summary: 'trains on convex combinations of pairs of samples and of their targets',
  hostOnly: 'changes the batch in JavaScript',
  options: {
    alpha: level('Beta(alpha, alpha) concentration', { min: 0 }, { default: 0.2 }),
    mode: choice('one mixing weight per batch or per sample', MIXUP_MODES, { default: 'batch' }),
  },
  create: (o) => new Mixup(o),
});

export const MIXUP_TECHNIQUE = defineTechnique({
  name: 'mixup',
  aliases: [],
  title: 'mixup',
  description: 'Trains on convex combinations of pairs of samples and of their targets.',
  formula: "x' = l x_i + (1 - l) x_j, y' = l y_i + (1 - l) y_j, l ~ Beta(a, a)",
  paper: 'Zhang et al. 2018',
  typical: 'alpha 0.1 to 0.4 (Zhang et al. 2018)',
  offeredBy: { keras: 'MixUp', tfjs: '-', pytorch: 'v2.MixUp' },
  example: 'mixup:alpha=0.2',
  target: { kind: 'data', augmentation: MIXUP },
});
