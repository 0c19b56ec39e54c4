/**
 * Adversarial training: each training batch (or a share of it) is replaced by adversarial
 * examples of the model as it stands, made with the gradient of the loss with respect to the
 * input (see attack.ts), before the forward pass: noise injection at its worst case.
 *
 * - FGSM with a random start (Wong, Rice & Kolter 2020, "Fast is better than free"; the
 *   default): `delta ~ U(-eps, eps)`, one step of `1.25 eps` along `sign(g)`, projected back
 *   onto the eps-ball and the value range. One extra forward and backward pass per step.
 * - PGD (Madry et al. 2018): `steps` projected steps from a random start, `steps` extra passes.
 * - `share` below 1 attacks only the first `round(share * count)` rows of each (shuffled)
 *   batch; the rest stay clean, as Goodfellow et al. 2015 mix clean and adversarial examples.
 *
 * The attack sees the model with its noise off (dropout passes, batch norm uses its moving
 * statistics), as an attacker of the trained model would. `eps` may follow a schedule
 * (`eps=0->0.1` ramps it up over the run). Inputs are clipped to [0, 1] (`clip=none`: not).
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { RandomAugmentation, type AugmentContext } from '../parts/augmentation.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { choice, integer, level, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineAugmentation, defineTechnique } from '../parts/definitions.js';
import { InputGradientError, invalid } from '../errors.js';
import { ATTACK_METHODS, ATTACK_NORMS, perturbBatch, resolveAttack, type AttackMethod, type AttackNorm } from './attack.js';

/** Where an adversarial training attack starts. */
export const ATTACK_STARTS = ['random', 'input'] as const;
/** Whether adversarial training clips to the pixel range. */
export const ATTACK_CLIPS = ['pixels', 'none'] as const;

export interface AdversarialOptions {
  /** Radius of the perturbation, >= 0, in the inputs' scale (0.1 to 0.3 for MNIST pixels); a number or a schedule; default 0.1. */
  eps?: NoiseLevel;
  /** `fgsm` (one step; from a random start, Wong et al.'s fast adversarial training; default) or `pgd`. */
  method?: AttackMethod;
  /** `linf` (default) or `l2`. */
  norm?: AttackNorm;
  /** Where the attack starts: `random` (a uniform point of the eps-ball; default) or `input`. */
  start?: (typeof ATTACK_STARTS)[number];
  /** PGD's steps, an integer >= 1; default 7 (FGSM takes 1). */
  steps?: number;
  /** Step size, >= 0; 0 (default) takes the method's rule: FGSM eps (1.25 eps with a random start), PGD 2.5 eps / steps. */
  stepSize?: number;
  /** Share of each batch made adversarial, in (0, 1]; default 1. */
  share?: number;
  /** `pixels` (default): adversarial inputs are clipped to [0, 1]; `none`: not clipped (other data). */
  clip?: (typeof ATTACK_CLIPS)[number];
}

export class Adversarial extends RandomAugmentation {
  readonly name = 'adversarial';
  readonly eps: NoiseLevel;
  readonly method: AttackMethod;
  readonly norm: AttackNorm;
  readonly start: 'random' | 'input';
  readonly steps: number;
  readonly stepSize: number;
  readonly share: number;
  readonly clip: 'pixels' | 'none';
  /** The eps of the last batch, for inspection. */
  lastEps = 0;

  constructor(options: AdversarialOptions = {}) {
    const o = parseOptions('adversarial', ADVERSARIAL.options, options);
    super();
    this.eps = o.eps!;
    this.method = o.method!;
    this.norm = o.norm!;
    this.start = o.start!;
    this.steps = o.steps!;
    this.stepSize = o.stepSize!;
    this.share = o.share!;
    this.clip = o.clip!;
    const most = typeof this.eps === 'number' ? this.eps : Math.max(this.eps.from, this.eps.to);
    if (this.clip === 'pixels' && this.norm === 'linf' && most > 1) throw invalid('adversarial', 'eps', 'at most 1 (the width of the pixel range [0, 1]; clip=none for other data)', most);
  }

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    const eps = levelAt(this.eps, ctx);
    this.lastEps = eps;
    const rows = Math.round(this.share * count);
    if (eps === 0 || rows === 0) return targets;
    const gradient = ctx.inputGradient;
    if (!gradient) throw new InputGradientError('adversarial: needs the gradient with respect to the input; train with fit(), which gives it');
    const settings = resolveAttack('adversarial', {
      eps,
      method: this.method,
      norm: this.norm,
      randomStart: this.start === 'random',
      ...(this.method === 'pgd' ? { steps: this.steps } : {}),
      ...(this.stepSize > 0 ? { stepSize: this.stepSize } : {}),
      clip: this.clip === 'pixels' ? { min: 0, max: 1 } : null,
    }, ctx.sampleSize);
    const part = rows === count ? targets : firstRows(targets, rows, ctx.outputs);
    perturbBatch(batch, rows, ctx.sampleSize, settings, { gradient: (x, n, grad, correct) => gradient(x, part, n, grad, correct) }, {
      backend: ctx.backend,
      stream: this.stream(ctx.backend),
      buffer: (key, length) => ctx.buffer(`adversarial:${key}`, length),
    });
    return targets;
  }

  getConfig(): Record<string, unknown> {
    return { eps: this.eps, method: this.method, norm: this.norm, start: this.start, steps: this.steps, stepSize: this.stepSize, share: this.share, clip: this.clip };
  }
}

/** The targets of the first `rows` rows (views, no copy). */
function firstRows(t: BatchTargets, rows: number, outputs: number): BatchTargets {
  return t.kind === 'sparse' ? { kind: 'sparse', labels: t.labels.subarray(0, rows) } : { kind: 'dense', values: t.values.subarray(0, rows * outputs) };
}

/** Adversarial training per batch; see {@link AdversarialOptions}. */
export function adversarial(options: AdversarialOptions = {}): Adversarial {
  return new Adversarial(options);
}

export const ADVERSARIAL = defineAugmentation<AdversarialOptions>({
  className: 'Adversarial',
  factory: 'adversarial',
  summary: 'trains on adversarial examples (FGSM with a random start, or PGD) of the model as it stands',
  hostOnly: 'runs extra passes and perturbs the batch in JavaScript',
  options: {
    eps: level('radius of the perturbation in the inputs\' scale', { min: 0 }, { default: 0.1 }),
    method: choice('fgsm (one step) or pgd (several projected steps)', ATTACK_METHODS, { default: 'fgsm' }),
    norm: choice('the norm of the eps-ball', ATTACK_NORMS, { default: 'linf' }),
    start: choice('where the attack starts: random (a uniform point of the eps-ball) or input', ATTACK_STARTS, { default: 'random' }),
    steps: integer('PGD steps (FGSM takes 1)', { default: 7, range: { min: 1 } }),
    stepSize: number('step size; 0 takes the method\'s rule (FGSM 1.25 eps with a random start, else eps; PGD 2.5 eps / steps)', { default: 0, range: { min: 0 } }),
    share: number('share of each batch made adversarial', { default: 1, range: { min: 0, max: 1, minExclusive: true } }),
    clip: choice('pixels: adversarial inputs clipped to [0, 1]; none: not clipped', ATTACK_CLIPS, { default: 'pixels' }),
  },
  create: (o) => new Adversarial(o),
});

export const ADVERSARIAL_TECHNIQUE = defineTechnique({
  name: 'adversarial',
  aliases: ['adversarial-training'],
  title: 'adversarial training',
  description: 'Trains on adversarial examples of the current model: FGSM with a random start (fast adversarial training) or PGD, within an eps-ball of each input.',
  formula: "x' = clip(x + d), d = proj_eps(d0 + a sign(grad_x L(x + d0))), d0 ~ U(-eps, eps)",
  paper: 'Goodfellow et al. 2015; Madry et al. 2018; Wong et al. 2020',
  typical: 'eps 0.1 to 0.3 on MNIST pixels, 8/255 on CIFAR-10; FGSM step 1.25 eps (Wong et al. 2020)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '- (torchattacks, ART)' },
  example: 'adversarial:eps=0.1',
  target: { kind: 'data', augmentation: ADVERSARIAL },
});
