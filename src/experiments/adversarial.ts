/**
 * Adversarial robustness: the accuracy of a trained model on adversarial versions of its test
 * inputs, FGSM (Goodfellow et al. 2015) or PGD (Madry et al. 2018) under the L-infinity or L2
 * norm, for every epsilon of a list (epsilon 0: the clean accuracy). The attacks read the
 * gradient of the model's own loss with respect to the input, with its noise off (see
 * augment/attack.ts and train/input-gradient.ts).
 */
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import { FeatureSource, TargetSource, identityIndex } from '../train/data-source.js';
import { inputGradient } from '../train/input-gradient.js';
import { perturbBatch, resolveAttack, type AttackMethod, type AttackNorm, type AttackSettings, type ValueRange } from '../augment/attack.js';
import { deriveSeed } from '../random/xoshiro.js';
import { checkNumber } from '../validate.js';
import { invalid } from '../errors.js';
import { nextTurn } from './noisy-batches.js';

/** The default epsilons, for inputs in [0, 1] (MNIST's usual range of L-infinity radii). */
export const DEFAULT_EPSILONS: readonly number[] = [0, 0.05, 0.1, 0.2, 0.3];

/** Options of {@link adversarialCurve}. */
export interface AdversarialCurveOptions {
  /** `fgsm` (default) or `pgd`. */
  method?: AttackMethod;
  /** Radii of the attack, each >= 0 and within the value range; default {@link DEFAULT_EPSILONS}. */
  epsilons?: readonly number[];
  /** `linf` (default) or `l2`. */
  norm?: AttackNorm;
  /** PGD's steps, an integer >= 1; default 10. */
  steps?: number;
  /** Step size; default FGSM eps (1.25 eps with a random start), PGD 2.5 eps / steps. */
  stepSize?: number;
  /** Whether to start from a random point of the eps-ball; default false for FGSM, true for PGD. */
  randomStart?: boolean;
  /** Random restarts (PGD), an integer >= 1; a sample counts as robust only if no restart fools the model. Default 1. */
  restarts?: number;
  /** The range inputs are clipped to; default `{ min: 0, max: 1 }` (pixels); null for none. */
  clip?: ValueRange | null;
  /** Seed of the random starts; every model attacked with the same seed gets the same starts. Default 0. */
  seed?: number;
  /** Samples per attacked batch; default 256 (the result does not depend on it beyond float rounding). */
  batchSize?: number;
  /** Stops the evaluation between batches, throwing the signal's reason. */
  signal?: AbortSignal;
  /** Called after each batch with the batches done and the batches in all. */
  onProgress?: (done: number, total: number) => void;
}

/** The accuracy under attack at one epsilon. */
export interface AdversarialPoint {
  eps: number;
  /** Fraction of samples still classified correctly, in [0, 1]. */
  accuracy: number;
  correct: number;
}

/** What was attacked and how, with the accuracy at every epsilon. */
export interface AdversarialCurve {
  /** The settings of the attack at the largest epsilon (the step size scales with epsilon). */
  settings: Omit<AttackSettings, 'eps'>;
  samples: number;
  points: AdversarialPoint[];
}

/**
 * Accuracy of `model` on adversarial versions of `x` (labels `y`: class indices or one-hot
 * rows), for every epsilon; see {@link AdversarialCurveOptions}. Every option is checked
 * before the first attack. The model must be compiled (its loss is what the attack raises).
 */
export async function adversarialCurve(model: Sequential, x: Tensor, y: Tensor, options: AdversarialCurveOptions = {}): Promise<AdversarialCurve> {
  const where = 'adversarialCurve';
  const epsilons = options.epsilons ?? DEFAULT_EPSILONS;
  if (!Array.isArray(epsilons) || epsilons.length === 0) throw invalid(where, 'epsilons', 'a non-empty list of numbers >= 0', epsilons);
  const engine = model.engine();
  const loss = model.compiled().loss;
  const xs = new FeatureSource(x, model.layers[0]!.outputShape, 'x');
  const size = x.sampleSize;
  const all = epsilons.map((eps, i) => resolveAttack(where, { ...pick(options), eps: checkNumber(where, `epsilons[${i}]`, eps, { min: 0 }) }, size));
  const seed = checkNumber(where, 'seed', options.seed ?? 0, { min: 0, integer: true });
  const batchSize = checkNumber(where, 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  const count = xs.count;
  if (count === 0) throw invalid(where, 'x', 'at least one sample', 0);
  const ys = new TargetSource(y, count, engine.outputs, loss.sparse, 'y');
  model.ensureWeights();
  const backend = engine.backend;
  const index = identityIndex(count);
  const batches = Math.ceil(count / batchSize);
  let done = 0;
  const points: AdversarialPoint[] = [];
  for (const s of all) {
    const stream = backend.createRandom(deriveSeed(seed, `attack:${s.eps}`));
    const ws = { backend, stream, buffer: (key: string, n: number) => engine.buffer(`attack:${key}`, n) };
    let correct = 0;
    for (let start = 0; start < count; start += batchSize) {
      options.signal?.throwIfAborted();
      const n = Math.min(batchSize, count - start);
      const input = engine.buffer('attack:input', n * size);
      xs.gather(backend, index, start, n, input);
      const targets = ys.gather(backend, index, start, n, engine.buffer('targets', n * engine.outputs));
      perturbBatch(input, n, size, s, { gradient: (adv, rows, grad, flags) => inputGradient(engine, adv, targets, rows, grad, flags) }, ws);
      const out = engine.forwardFrom(input, n, OFF);
      correct += engine.score(out, targets, n, false).correct;
      options.onProgress?.(++done, batches * all.length);
      await nextTurn();
    }
    points.push({ eps: s.eps, accuracy: correct / count, correct });
  }
  const { eps: _last, ...settings } = all.reduce((a, b) => (b.eps > a.eps ? b : a));
  return { settings, samples: count, points };
}

const OFF = { training: false, step: 0, epoch: 0 } as const;

/** The attack options of a curve's options (the rest are the curve's own). */
function pick(o: AdversarialCurveOptions): Omit<Partial<AttackSettings>, 'eps'> {
  const r: Omit<Partial<AttackSettings>, 'eps'> = {};
  if (o.method !== undefined) r.method = o.method;
  if (o.norm !== undefined) r.norm = o.norm;
  if (o.steps !== undefined) r.steps = o.steps;
  if (o.stepSize !== undefined) r.stepSize = o.stepSize;
  if (o.randomStart !== undefined) r.randomStart = o.randomStart;
  if (o.restarts !== undefined) r.restarts = o.restarts;
  if (o.clip !== undefined) r.clip = o.clip;
  return r;
}
