/**
 * Noise on a dense layer's weights, applied through Dense's `stepKernel` / `stepBias` hooks:
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
import type { StepContext } from '../layers/layer.js';
import { deriveSeed } from '../random/xoshiro.js';
import { checkLevel, finalLevel, levelAt, type NoiseLevel } from './schedule.js';
import { RATE_RANGE } from './noise-layer.js';
import { invalid } from '../errors.js';

/** Gaussian weight noise of a dense layer. */
export interface WeightNoiseOptions {
  /** Standard deviation `s` >= 0 of the noise added to every kernel weight; a number or a schedule. */
  stddev: NoiseLevel;
}

/** DropConnect of a dense layer. */
export interface DropConnectOptions {
  /** Probability `p` in [0, 1) of dropping each weight and bias; a number or a schedule. */
  rate: NoiseLevel;
}

export class WeightPerturbation {
  private stream: RandomStream | null = null;
  private seed = 0;
  private readonly buffers = new Map<string, FloatArray>();
  private kernelMasked = false;
  private biasMasked = false;

  constructor(
    readonly weightNoise: WeightNoiseOptions | null,
    readonly dropConnect: DropConnectOptions | null,
  ) {}

  /** Seeds the noise from the layer's seed (called by `fit` through the layer). */
  seedRandom(seed: number): void {
    this.seed = deriveSeed(seed, 'weights');
    this.stream = null;
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
    if (s > 0) {
      b.fillNormal(this.rng(b), out, n, 0, s);
      b.add(w, out, out, n);
    }
    if (p > 0) {
      const mask = this.buffer(b, 'kernelMask', n);
      b.fillBernoulli(this.rng(b), mask, n, 1 - p);
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
    b.fillBernoulli(this.rng(b), mask, n, 1 - p);
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

  private rng(b: Backend): RandomStream {
    return (this.stream ??= b.createRandom(this.seed));
  }

  private buffer(b: Backend, key: string, n: number): FloatArray {
    const id = `${key}:${n}`;
    let buf = this.buffers.get(id);
    if (!buf) this.buffers.set(id, (buf = b.alloc(n)));
    return buf;
  }
}

/** Validates Dense's `weightNoise` and `dropConnect` options; null when neither is given. */
export function weightPerturbation(weightNoise: unknown, dropConnect: unknown): WeightPerturbation | null {
  if (weightNoise === undefined && dropConnect === undefined) return null;
  const object = (what: string, key: string, v: unknown): Record<string, unknown> | null => {
    if (v === undefined) return null;
    if (typeof v !== 'object' || v === null) throw invalid('dense', what, `an object { ${key} }`, v);
    return v as Record<string, unknown>;
  };
  const wn = object('weightNoise', 'stddev', weightNoise);
  const dc = object('dropConnect', 'rate', dropConnect);
  return new WeightPerturbation(
    wn && { stddev: checkLevel('weightNoise', 'stddev', wn['stddev'], { min: 0 }) },
    dc && { rate: checkLevel('dropConnect', 'rate', dc['rate'], RATE_RANGE) },
  );
}
