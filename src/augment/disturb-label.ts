/**
 * DisturbLabel (Xie et al. 2016, "DisturbLabel: Regularizing CNN on the Loss Layer"): in every
 * training batch each label is replaced by a draw from a categorical distribution with
 * `p(true) = 1 - alpha (K - 1) / K` and `p(other) = alpha / K` over the `K` classes. Drawn as
 * the equivalent "with probability `alpha`, a class uniform over all `K`" (which may be the
 * true one). One-hot target rows are replaced by the one-hot of the drawn class. Labels only:
 * the inputs are untouched; never applied outside training.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { RandomAugmentation, type AugmentContext, type AugmentSetup } from '../parts/augmentation.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { invalid } from '../errors.js';
import { level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';

export interface DisturbLabelOptions {
  /** Noise rate `alpha` in [0, 1] (the paper uses 0.1-0.2); a number or a schedule. */
  alpha?: NoiseLevel;
}

export class DisturbLabel extends RandomAugmentation {
  readonly name = 'disturbLabel';
  readonly alpha: NoiseLevel;

  constructor(options: DisturbLabelOptions = {}) {
    const o = parseOptions('disturbLabel', DISTURB_LABEL.options, options);
    super();
    this.alpha = o.alpha!;
  }

  override setup(info: AugmentSetup): void {
    if (info.task === 'regression') throw invalid('disturbLabel', 'task', 'classification: DisturbLabel replaces labels by random classes, and a regression target has no classes', 'a regression');
    if (info.task === 'binary') throw invalid('disturbLabel', 'task', 'a multiclass model: DisturbLabel draws among K >= 2 output classes; for a binary output use label smoothing', 'a binary model');
    if (info.outputs < 2) throw invalid('disturbLabel', 'classes', 'at least 2 model outputs', info.outputs);
  }

  apply(_batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const alpha = levelAt(this.alpha, ctx);
    if (alpha === 0) return targets;
    const k = ctx.outputs;
    const rng = this.generator;
    for (let r = 0; r < count; r++) {
      if (rng.uniform() >= alpha) continue;
      const c = rng.int(k);
      if (targets.kind === 'sparse') targets.labels[r] = c;
      else for (let j = 0; j < k; j++) targets.values[r * k + j] = j === c ? 1 : 0;
    }
    return targets;
  }

  getConfig(): Record<string, unknown> {
    return { alpha: this.alpha };
  }
}

/** Label noise per batch; see {@link DisturbLabelOptions}. */
export function disturbLabel(options: DisturbLabelOptions = {}): DisturbLabel {
  return new DisturbLabel(options);
}

export const DISTURB_LABEL = defineAugmentation<DisturbLabelOptions>({
  className: 'DisturbLabel',
  factory: 'disturbLabel',
  summary: 'replaces labels by random draws that keep the true class most likely',
  hostOnly: 'changes the batch in JavaScript',
  options: { alpha: level('label noise rate', { min: 0, max: 1 }, { default: 0.1 }) },
  create: (o) => new DisturbLabel(o),
});

export const DISTURB_LABEL_TECHNIQUE = defineTechnique({
  name: 'disturb-label',
  aliases: ['disturblabel'],
  title: 'DisturbLabel',
  description: 'Replaces each label of every batch by a random draw that keeps the true class most likely.',
  formula: 'p(true) = 1 - alpha (K - 1) / K, p(other) = alpha / K',
  paper: 'Xie et al. 2016',
  typical: 'alpha 0.1 to 0.2 (Xie et al. 2016)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'disturb-label:alpha=0.1',
  target: { kind: 'label', augmentation: DISTURB_LABEL },
});
