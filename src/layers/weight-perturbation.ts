/**
 * Noise on a dense layer's weights, applied through the kernel layers' `stepKernel` / `stepBias` hooks (kernel-layer.ts):
 *
 * - Weight noise (Murray & Edwards 1994; Graves 2011): the forward and the backward pass use
 *   `W + e`, `e ~ N(0, s^2)` drawn once per batch; the gradient with respect to the noisy
 *   weights is the gradient of the clean ones, so the update is applied to the clean `W`.
 *   The bias is not perturbed. Inference uses the clean `W`.
 * - DropConnect (Wan et al. 2013): the passes use `M * W` and `m * b`, `M, m ~ Bernoulli(1 - p)`
 *   (the paper masks the biases too); the gradient of `W` is `M * dW'`. Masks are drawn once per
 *   batch, as common implementations do (the paper draws one per example, which no longer
 *   fits one matrix product). Inference uses the paper's mean approximation, the expected
 *   weights `(1 - p) W` and `(1 - p) b` (not the paper's Gaussian moment-matching sampler), with
 *   `p` the rate training ended at when the rate is scheduled.
 *
 * With both, the passes use `M * (W + e)`.
 */
import type { Backend, FloatArray, RandomStream } from '../kernels/backend.js';
import type { StepContext } from '../step/step-context.js';
import { deriveSeed } from '../random/xoshiro.js';
import { StepRandom } from '../random/step-random.js';
import { finalLevel, levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { RATE, level, type Schema } from '../schema/fields.js';
import { defineTechnique } from '../parts/definitions.js';

/** Gaussian weight noise of a dense layer. */
export interface WeightNoiseOptions {
  /** Standard deviation `s` >= 0 of the noise added to every kernel weight; a number or a schedule. */
  stddev?: NoiseLevel;
}

/** DropConnect of a dense layer. */
export interface DropConnectOptions {
  /** Probability `p` in [0, 1) of dropping each weight and bias; a number or a schedule. */
  rate?: NoiseLevel;
}

export class WeightPerturbation {
  private readonly draws = new StepRandom();
  private readonly buffers = new Map<string, FloatArray>();
  private kernelMasked = false;
  private biasMasked = false;

  constructor(
    readonly weightNoise: Required<WeightNoiseOptions> | null,
    readonly dropConnect: Required<DropConnectOptions> | null,
  ) {}

  /** Seeds the noise from the layer's seed (called by `fit` through the layer). */
  seedRandom(seed: number): void {
    this.draws.reseed(deriveSeed(seed, 'weights'));
  }

  /** The kernel the passes use at this step (the clean one when nothing applies). */
  kernel(b: Backend, w: FloatArray, ctx: StepContext): FloatArray {
    const n = w.length;
    const p = this.rate(ctx);
    const s = this.weightNoise && ctx.training ? levelAt(this.weightNoise.stddev, ctx) : 0;
    this.kernelMasked = ctx.training && p > 0;
    if (p === 0 && s === 0) return w;
    const out = this.buffer(b, 'kernel', n);
    if (!ctx.training) {
      b.scale(w, 1 - p, 0, out, n);
      return out;
    }
    this.draws.at(ctx.step); // the bias mask follows in the same step's blocks
    if (s > 0) {
      b.fillNormal(this.noiseStream(b), out, n, 0, s);
      b.add(w, out, out, n);
    }
    if (p > 0) {
      const mask = this.buffer(b, 'kernelMask', n);
      b.fillBernoulli(this.noiseStream(b), mask, n, 1 - p);
      b.mul(s > 0 ? out : w, mask, out, n);
    }
    return out;
  }

  /** The bias the passes use at this step. */
  bias(b: Backend, bias: FloatArray | null, ctx: StepContext): FloatArray | null {
    const p = this.rate(ctx);
    this.biasMasked = ctx.training && p > 0 && bias !== null;
    if (!bias || p === 0) return bias;
    const n = bias.length;
    const out = this.buffer(b, 'bias', n);
    if (!ctx.training) {
      b.scale(bias, 1 - p, 0, out, n);
      return out;
    }
    const mask = this.buffer(b, 'biasMask', n);
    b.fillBernoulli(this.noiseStream(b), mask, n, 1 - p);
    b.mul(bias, mask, out, n);
    return out;
  }

  /** Turns gradients with respect to the perturbed weights into gradients of the clean ones. */
  gradients(b: Backend, kernelGrad: FloatArray, biasGrad: FloatArray | null): void {
    if (this.kernelMasked) b.mul(kernelGrad, this.buffers.get(`kernelMask:${kernelGrad.length}`)!, kernelGrad, kernelGrad.length);
    if (this.biasMasked && biasGrad) b.mul(biasGrad, this.buffers.get(`biasMask:${biasGrad.length}`)!, biasGrad, biasGrad.length);
  }

  /** The options as saved in the layer's config. */
  config(): { weightNoise?: WeightNoiseOptions; dropConnect?: DropConnectOptions } {
    const c: { weightNoise?: WeightNoiseOptions; dropConnect?: DropConnectOptions } = {};
    if (this.weightNoise) c.weightNoise = { ...this.weightNoise };
    if (this.dropConnect) c.dropConnect = { ...this.dropConnect };
    return c;
  }

  private rate(ctx: StepContext): number {
    if (!this.dropConnect) return 0;
    return ctx.training ? levelAt(this.dropConnect.rate, ctx) : finalLevel(this.dropConnect.rate);
  }

  private noiseStream(b: Backend): RandomStream {
    return this.draws.stream(b);
  }

  private buffer(b: Backend, key: string, n: number): FloatArray {
    const id = `${key}:${n}`;
    let buf = this.buffers.get(id);
    if (!buf) this.buffers.set(id, (buf = b.alloc(n)));
    return buf;
  }
}

/** The perturbation of Dense's parsed `weightNoise` and `dropConnect` options; null when neither is given. */
export function weightPerturbation(weightNoise: WeightNoiseOptions | undefined, dropConnect: DropConnectOptions | undefined): WeightPerturbation | null {
  if (weightNoise === undefined && dropConnect === undefined) return null;
  return new WeightPerturbation((weightNoise as Required<WeightNoiseOptions> | undefined) ?? null, (dropConnect as Required<DropConnectOptions> | undefined) ?? null);
}

/** The fields of Dense's `weightNoise` option. */
export const WEIGHT_NOISE_FIELDS: Schema<WeightNoiseOptions> = {
  stddev: level('standard deviation of the noise on every kernel weight', { min: 0 }, { default: 0.01 }),
};

/** The fields of Dense's `dropConnect` option. */
export const DROP_CONNECT_FIELDS: Schema<DropConnectOptions> = {
  rate: level('probability p of dropping each weight and bias', RATE, { default: 0.5 }),
};

export const WEIGHT_NOISE_TECHNIQUE = defineTechnique({
  name: 'weight',
  aliases: ['weight-noise'],
  title: 'weight noise',
  description: 'Both passes use noisy weights drawn once per batch; the update goes to the clean weights.',
  formula: 'W + e, e ~ N(0, s^2) per batch',
  paper: 'Murray & Edwards 1994; Graves 2011',
  typical: 'stddev 0.01 to 0.1',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'weight:stddev=0.01',
  api: 'dense({ units, weightNoise: { stddev } })',
  params: WEIGHT_NOISE_FIELDS,
  target: { kind: 'weight', option: 'weightNoise', value: (p) => ({ stddev: p['stddev'] }), defaultWhere: 'all' },
});

export const DROP_CONNECT_TECHNIQUE = defineTechnique({
  name: 'dropconnect',
  aliases: ['drop-connect'],
  title: 'DropConnect',
  description: 'Both passes use randomly masked weights and biases drawn once per batch; inference uses the expected weights (1 - p) W.',
  formula: 'M * W, M ~ Bernoulli(1 - p) per batch; inference (1 - p) W',
  paper: 'Wan et al. 2013',
  typical: 'rate 0.5 (Wan et al. 2013)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '-' },
  example: 'dropconnect:rate=0.5',
  api: 'dense({ units, dropConnect: { rate } })',
  params: DROP_CONNECT_FIELDS,
  target: { kind: 'weight', option: 'dropConnect', value: (p) => ({ rate: p['rate'] }), defaultWhere: 'hidden' },
});
