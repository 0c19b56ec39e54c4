/**
 * Annealed gradient noise (Neelakantan et al. 2015, "Adding gradient noise improves learning
 * for very deep networks"), as a wrapper around any optimizer: before each update, every
 * gradient gets `g_t += N(0, sigma_t^2)` with `sigma_t^2 = eta / (1 + t)^gamma`, `t` the
 * zero-based step (the first update has variance `eta`). The paper uses `eta` in
 * {0.01, 0.3, 1.0} and `gamma = 0.55`. Noise draws come from a stream that `fit` seeds from
 * the run's seed (or from `seed` when given).
 */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { Param } from '../parts/layer.js';
import { Optimizer } from '../parts/optimizer.js';
import { deriveSeed } from '../random/xoshiro.js';
import { StepRandom } from '../random/step-random.js';
import { ShapeError, invalid } from '../errors.js';
import { integer, number } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineOptimizer, defineTechnique } from '../parts/definitions.js';

export interface GradientNoiseOptions {
  /** Noise variance at the first step, > 0; default 0.3. */
  eta?: number;
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
  private readonly draws = new StepRandom();
  private noise: FloatArray | null = null;

  constructor(
    readonly inner: Optimizer,
    options: GradientNoiseOptions = {},
  ) {
    super(checkOptimizer(inner).learningRate, 'gradientNoise');
    const o = parseOptions('gradientNoise', GRADIENT_NOISE.options, options);
    this.eta = o.eta!;
    this.gamma = o.gamma!;
    this.seed = o.seed;
    this.draws.reseed(this.seed ?? 0);
  }

  /** Noise variance `eta / (1 + t)^gamma` at zero-based step `t`. */
  variance(t: number): number {
    return this.eta / (1 + t) ** this.gamma;
  }

  override seedRandom(seed: number): void {
    this.draws.reseed(this.seed ?? deriveSeed(seed, 'gradient-noise'));
    this.inner.seedRandom(deriveSeed(seed, 'inner'));
  }

  override apply(params: readonly Param[], backend: Backend): void {
    const std = Math.sqrt(this.variance(this.iterations));
    this.draws.at(this.iterations);
    const stream = this.draws.stream(backend);
    for (const p of params) {
      const n = p.grad.length;
      if (!this.noise || this.noise.length < n) this.noise = backend.alloc(n);
      backend.fillNormal(stream, this.noise, n, 0, std);
      backend.add(p.grad, this.noise, p.grad, n);
    }
    this.iterations++;
    this.inner.apply(params, backend);
  }

  /** Builds its own (empty) slots and the wrapped optimizer's, so restored state is checked against the weights at once. */
  override build(params: readonly Param[], backend: Backend): void {
    super.build(params, backend);
    this.inner.build(params, backend);
  }

  override reset(): void {
    super.reset();
    this.inner.reset();
  }

  override stateBuffers(): FloatArray[] {
    return [...super.stateBuffers(), ...this.inner.stateBuffers()];
  }

  /** The step count, then the wrapped optimizer's state. */
  override getWeights(): Float32Array[] {
    return [Float32Array.of(this.iterations), ...this.inner.getWeights()];
  }

  override setWeights(state: readonly Float32Array[]): void {
    const [step, ...inner] = state;
    if (!step || step.length !== 1 || !Number.isInteger(step[0]) || step[0]! < 0) throw new ShapeError(`${this.className}: the first state array must hold the step count`);
    this.inner.setWeights(inner);
    this.iterations = step[0]!;
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
export function gradientNoise(optimizer: Optimizer, options: GradientNoiseOptions = {}): GradientNoise {
  return new GradientNoise(optimizer, options);
}

export const GRADIENT_NOISE = defineOptimizer<GradientNoiseOptions>({
  className: 'GradientNoise',
  factory: 'gradientNoise',
  summary: 'adds annealed Gaussian noise to every gradient of the optimizer it wraps',
  options: {
    eta: number('noise variance at the first step', { default: 0.3, range: { min: 0, minExclusive: true } }),
    gamma: number('decay exponent of the variance', { default: 0.55, range: { min: 0 } }),
    seed: integer('fixed seed of the noise; default from the run seed', { range: { min: 0 } }),
  },
  create: (o, inner) => new GradientNoise(checkOptimizer(inner), o),
  wraps: true,
});

export const GRADIENT_NOISE_TECHNIQUE = defineTechnique({
  name: 'gradient',
  aliases: ['gradient-noise'],
  title: 'annealed gradient noise',
  description: 'Adds annealed Gaussian noise to every gradient before the update; wraps any optimizer.',
  formula: 'g_t + N(0, eta / (1 + t)^gamma)',
  paper: 'Neelakantan et al. 2015',
  typical: 'eta 0.01, 0.3 or 1, gamma 0.55 (Neelakantan et al. 2015)',
  offeredBy: { keras: '-', tfjs: '-', pytorch: '- (optax has noisy_sgd)' },
  example: 'gradient:eta=0.3,gamma=0.55',
  api: 'gradientNoise(optimizer, { eta, gamma })',
  target: { kind: 'optimizer', wrapper: GRADIENT_NOISE },
});
