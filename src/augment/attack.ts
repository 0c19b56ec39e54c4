/**
 * Adversarial perturbations of a batch, given the gradient of each row's loss with respect to
 * its input (see train/input-gradient.ts):
 *
 * - FGSM (Goodfellow, Shlens & Szegedy 2015): `x' = clip(x + eps sign(g))` under the
 *   L-infinity norm, `x' = clip(x + eps g / |g|_2)` under L2.
 * - PGD (Madry et al. 2018): from a random point of the eps-ball (or from `x`), `steps` steps
 *   of size `stepSize` along `sign(g)` (L-infinity) or `g / |g|_2` (L2), each followed by the
 *   projection onto the eps-ball around `x` and onto the value range `clip`; with `restarts`,
 *   each row keeps the first restart that fools the model (else the last).
 * - FGSM with a random start (Wong, Rice & Kolter 2020) is PGD with one step from a random
 *   start, of size `1.25 eps` by default.
 *
 * Rows are perturbed independently; `clip` is the range of valid inputs ([0, 1] for pixels).
 */
import type { Backend, FloatArray, RandomStream } from '../kernels/backend.js';
import { invalid } from '../errors.js';
import { checkNumber } from '../validate.js';

export const ATTACK_METHODS = ['fgsm', 'pgd'] as const;
export type AttackMethod = (typeof ATTACK_METHODS)[number];
export const ATTACK_NORMS = ['linf', 'l2'] as const;
export type AttackNorm = (typeof ATTACK_NORMS)[number];

/** A range of valid input values, e.g. `{ min: 0, max: 1 }` for pixels. */
export interface ValueRange {
  min: number;
  max: number;
}

/** What an attack does, every field given (see {@link resolveAttack} for the defaults). */
export interface AttackSettings {
  method: AttackMethod;
  /** Radius of the ball the perturbation stays in, >= 0 (in the inputs' scale). */
  eps: number;
  norm: AttackNorm;
  /** Gradient steps, an integer >= 1 (FGSM: 1). */
  steps: number;
  /** Length of each step, > 0 (FGSM without a random start: eps). */
  stepSize: number;
  /** Whether to start from a uniform random point of the eps-ball. */
  randomStart: boolean;
  /** Attacks from fresh random starts, an integer >= 1; each row keeps the first that fools the model. */
  restarts: number;
  /** The range inputs are clipped to; null for none. */
  clip: ValueRange | null;
}

/** The settings a caller may leave out, with their defaults. */
export type AttackOptions = Partial<AttackSettings> & { eps: number };

/**
 * Every setting of an attack, with its defaults: FGSM takes one step of eps from `x` (with
 * `randomStart`, a step of 1.25 eps from a random start, as Wong et al.); PGD takes 10 steps of
 * `2.5 eps / steps` from a random start (Madry et al.'s rule), once; inputs are clipped to
 * [0, 1]. Checks every value, naming `where`.
 */
export function resolveAttack(where: string, options: AttackOptions, sampleSize: number): AttackSettings {
  const method = options.method ?? 'fgsm';
  if (!ATTACK_METHODS.includes(method)) throw invalid(where, 'method', `one of ${ATTACK_METHODS.join(', ')}`, method);
  const norm = options.norm ?? 'linf';
  if (!ATTACK_NORMS.includes(norm)) throw invalid(where, 'norm', `one of ${ATTACK_NORMS.join(', ')}`, norm);
  const clip = options.clip === undefined ? { min: 0, max: 1 } : options.clip;
  if (clip && !(Number.isFinite(clip.min) && Number.isFinite(clip.max) && clip.min < clip.max)) throw invalid(where, 'clip', 'a range with min < max', clip && `${clip.min}..${clip.max}`);
  const eps = checkNumber(where, 'eps', options.eps, { min: 0 });
  if (clip) {
    const width = clip.max - clip.min;
    const most = norm === 'linf' ? width : width * Math.sqrt(sampleSize);
    if (eps > most) throw invalid(where, 'eps', `at most ${formatRange(most)} (${norm === 'linf' ? 'the width of the value range' : 'the L2 diameter of the value range'} ${clip.min}..${clip.max})`, eps);
  }
  const randomStart = options.randomStart ?? method === 'pgd';
  if (method === 'fgsm' && options.steps !== undefined && options.steps !== 1) throw invalid(where, 'steps', '1 for FGSM (use pgd for more steps)', options.steps);
  const steps = method === 'fgsm' ? 1 : checkNumber(where, 'steps', options.steps ?? 10, { min: 1, integer: true });
  const defaultStep = method === 'fgsm' ? (randomStart ? 1.25 * eps : eps) : (2.5 * eps) / steps;
  const stepSize = options.stepSize === undefined ? defaultStep : checkNumber(where, 'stepSize', options.stepSize, { min: 0, minExclusive: true });
  const restarts = checkNumber(where, 'restarts', options.restarts ?? 1, { min: 1, integer: true });
  if (restarts > 1 && !randomStart) throw invalid(where, 'restarts', '1 without a random start (every restart would be the same)', restarts);
  return { method, eps, norm, steps, stepSize, randomStart, restarts, clip };
}

function formatRange(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/** What an attack reads of the model: the gradient of each row's loss, and which rows it classifies correctly. */
export interface AttackOracle {
  /**
   * Writes `d loss_r / d x_r` of `count` rows of `x` into `grad`; when `correct` is given, also
   * whether each row is classified correctly at `x`.
   */
  gradient(x: FloatArray, count: number, grad: FloatArray, correct?: Uint8Array): void;
}

/** Where an attack draws its random starts and takes its buffers (in backend memory). */
export interface AttackWorkspace {
  readonly backend: Backend;
  readonly stream: RandomStream;
  buffer(key: string, length: number): FloatArray;
}

/**
 * Replaces `count` rows of `size` values of `x` (in backend memory) by their adversarial
 * versions under `s`; `x` must lie in `s.clip`.
 */
export function perturbBatch(x: FloatArray, count: number, size: number, s: AttackSettings, oracle: AttackOracle, ws: AttackWorkspace): void {
  const n = count * size;
  if (s.eps === 0 || count === 0) return;
  const x0 = ws.buffer('attack:x0', n);
  x0.set(x.subarray(0, n));
  const grad = ws.buffer('attack:grad', n);
  if (s.restarts === 1) {
    runOnce(x, x0, grad, count, size, s, oracle, ws);
    return;
  }
  const best = ws.buffer('attack:best', n);
  const fooled = new Uint8Array(count);
  const correct = new Uint8Array(count);
  for (let r = 0; r < s.restarts; r++) {
    x.set(x0.subarray(0, n));
    runOnce(x, x0, grad, count, size, s, oracle, ws);
    oracle.gradient(x, count, grad, correct);
    for (let i = 0; i < count; i++) {
      if (fooled[i]) continue;
      best.set(x.subarray(i * size, (i + 1) * size), i * size);
      if (!correct[i]) fooled[i] = 1;
    }
  }
  x.set(best.subarray(0, n));
}

/** One attack from `x0` (a random start when asked), written into `x`. */
function runOnce(x: FloatArray, x0: FloatArray, grad: FloatArray, count: number, size: number, s: AttackSettings, oracle: AttackOracle, ws: AttackWorkspace): void {
  const n = count * size;
  if (s.randomStart) {
    randomStart(x, x0, count, size, s, ws);
    project(x, x0, count, size, s);
  }
  for (let t = 0; t < s.steps; t++) {
    oracle.gradient(x, count, grad);
    if (s.norm === 'linf') {
      for (let i = 0; i < n; i++) x[i] = x[i]! + s.stepSize * Math.sign(grad[i]!);
    } else {
      for (let r = 0; r < count; r++) {
        const norm = rowNorm(grad, r * size, size);
        if (norm === 0) continue;
        const f = s.stepSize / norm;
        for (let i = r * size; i < (r + 1) * size; i++) x[i] = x[i]! + f * grad[i]!;
      }
    }
    project(x, x0, count, size, s);
  }
}

/** A uniform point of the eps-ball around `x0`: per value U(-eps, eps) (L-infinity), or a uniform direction at radius `eps u^(1/d)` (L2). */
function randomStart(x: FloatArray, x0: FloatArray, count: number, size: number, s: AttackSettings, ws: AttackWorkspace): void {
  const n = count * size;
  const b = ws.backend;
  if (s.norm === 'linf') {
    b.fillUniform(ws.stream, x, n, -s.eps, s.eps);
  } else {
    b.fillNormal(ws.stream, x, n, 0, 1);
    const radii = ws.buffer('attack:radii', count);
    b.fillUniform(ws.stream, radii, count, 0, 1);
    for (let r = 0; r < count; r++) {
      const norm = rowNorm(x, r * size, size);
      const f = norm === 0 ? 0 : (s.eps * Math.pow(radii[r]!, 1 / size)) / norm;
      for (let i = r * size; i < (r + 1) * size; i++) x[i] = x[i]! * f;
    }
  }
  b.add(x, x0, x, n);
}

/** Moves each row of `x` back into the eps-ball around `x0`, then into the value range. */
function project(x: FloatArray, x0: FloatArray, count: number, size: number, s: AttackSettings): void {
  const n = count * size;
  const eps = s.eps;
  if (s.norm === 'linf') {
    for (let i = 0; i < n; i++) {
      const lo = x0[i]! - eps;
      const hi = x0[i]! + eps;
      const v = x[i]!;
      x[i] = v < lo ? lo : v > hi ? hi : v;
    }
  } else {
    for (let r = 0; r < count; r++) {
      let sq = 0;
      for (let i = r * size; i < (r + 1) * size; i++) sq += (x[i]! - x0[i]!) ** 2;
      const norm = Math.sqrt(sq);
      if (norm <= eps) continue;
      const f = eps / norm;
      for (let i = r * size; i < (r + 1) * size; i++) x[i] = x0[i]! + (x[i]! - x0[i]!) * f;
    }
  }
  const c = s.clip;
  if (!c) return;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    x[i] = v < c.min ? c.min : v > c.max ? c.max : v;
  }
}

function rowNorm(v: FloatArray, from: number, size: number): number {
  let sq = 0;
  for (let i = from; i < from + size; i++) sq += v[i]! * v[i]!;
  return Math.sqrt(sq);
}
