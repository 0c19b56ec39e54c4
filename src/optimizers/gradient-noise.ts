/**
 * Annealed gradient noise (Neelakantan et al. 2015, "Adding gradient noise improves learning
 * for very deep networks"), as a wrapper around any optimizer: before each update, every
 * gradient gets `g_t += N(0, sigma_t^2)` with `sigma_t^2 = eta / (1 + t)^gamma`, `t` the
 * zero-based step (the first update has variance `eta`). The paper uses `eta` in
 * {0.01, 0.3, 1.0} and `gamma = 0.55`. Noise draws come from a stream that `fit` seeds from
 * the run's seed (or from `seed` when given).
 */
import type { Backend, FloatArray, RandomStream } from '../kernels/backend.js';
import type { Param } from '../layers/layer.js';
import { Optimizer } from './optimizer.js';
import { checkNumber } from '../validate.js';
import { deriveSeed } from '../random/xoshiro.js';
import { invalid } from '../errors.js';

export interface GradientNoiseOptions {
  /** Noise variance at the first step, > 0. */
  eta: number;
  /** Decay exponent of the variance, >= 0; default 0.55. */
  gamma?: number;
  /** Fixed seed of the noise; by default `fit` seeds it from the run's seed. */
  seed?: number;
}

export class GradientNoise extends Optimizer {
  readonly className = 'GradientNoise';
  readonly eta: number;
  readonly gamma: number;
  readonly seed: number | undefined;
  protected readonly slotCount = 0;
  private streamSeed: number;
  private stream: RandomStream | null = null;
  private noise: FloatArray | null = null;

  constructor(
    readonly inner: Optimizer,
    options: GradientNoiseOptions,
  ) {
    super(checkOptimizer(inner).learningRate, 'gradientNoise');
    this.eta = checkNumber('gradientNoise', 'eta', options.eta, { min: 0, minExclusive: true });
    this.gamma = checkNumber('gradientNoise', 'gamma', options.gamma ?? 0.55, { min: 0 });
    this.seed = options.seed === undefined ? undefined : checkNumber('gradientNoise', 'seed', options.seed, { min: 0, integer: true });
    this.streamSeed = this.seed ?? 0;
  }

  /** Noise variance `eta / (1 + t)^gamma` at zero-based step `t`. */
  variance(t: number): number {
    return this.eta / (1 + t) ** this.gamma;
  }

  override seedRandom(seed: number): void {
    this.streamSeed = this.seed ?? deriveSeed(seed, 'gradient-noise');
    this.stream = null;
    this.inner.seedRandom(deriveSeed(seed, 'inner'));
  }

  override apply(params: readonly Param[], backend: Backend): void {
    const std = Math.sqrt(this.variance(this.iterations));
    this.stream ??= backend.createRandom(this.streamSeed);
    for (const p of params) {
      const n = p.grad.length;
      if (!this.noise || this.noise.length < n) this.noise = backend.alloc(n);
      backend.fillNormal(this.stream, this.noise, n, 0, std);
      backend.add(p.grad, this.noise, p.grad, n);
    }
    this.iterations++;
    this.inner.apply(params, backend);
  }

  override reset(): void {
    super.reset();
    this.inner.reset();
  }

  protected update(): void {}

  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { optimizer: { className: this.inner.className, config: this.inner.getConfig() }, eta: this.eta, gamma: this.gamma };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return config;
  }
}

function checkOptimizer(o: unknown): Optimizer {
  if (!(o instanceof Optimizer)) throw invalid('gradientNoise', 'optimizer', 'an Optimizer (e.g. adam())', typeof o);
  return o;
}

/** Wraps `optimizer` so that every gradient gets annealed Gaussian noise; see {@link GradientNoiseOptions}. */
export function gradientNoise(optimizer: Optimizer, options: GradientNoiseOptions): GradientNoise {
  return new GradientNoise(optimizer, options);
}
