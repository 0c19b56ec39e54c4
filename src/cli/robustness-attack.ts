/** `noisenet robustness --attack fgsm|pgd --eps LIST`: accuracy of a saved model under adversarial attacks, per epsilon. */
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../tensor/tensor.js';
import { adversarialCurve, DEFAULT_EPSILONS, textTable, type AdversarialCurve } from '../experiments/index.js';
import { ATTACK_METHODS, ATTACK_NORMS, type AttackMethod, type AttackNorm, type ValueRange } from '../augment/attack.js';
import { parseChoice, parseInteger, parseNumber, parseNumberList } from './values.js';
import { badValue } from './usage-error.js';
import { RUN_LIMITS } from '../run/run-limits.js';

/** The flags of the adversarial evaluation, added to `noisenet robustness`. */
export const ATTACK_OPTIONS = {
  attack: { type: 'string', arg: 'METHOD', help: `measure accuracy under an adversarial attack instead of Gaussian noise: ${ATTACK_METHODS.join(' or ')}` },
  eps: { type: 'string', arg: 'LIST', help: `attack radii, comma-separated, each >= 0 and within the input range (default ${DEFAULT_EPSILONS.join(',')})` },
  norm: { type: 'string', arg: 'NORM', help: `norm of the attack's eps-ball: ${ATTACK_NORMS.join(' or ')} (default linf)` },
  steps: { type: 'string', arg: 'N', help: 'PGD steps (default 10)' },
  'step-size': { type: 'string', arg: 'X', help: 'size of each attack step (default: FGSM eps, 1.25 eps from a random start; PGD 2.5 eps / steps)' },
  start: { type: 'string', arg: 'FROM', help: 'where the attack starts: input or random (a uniform point of the eps-ball); default input for FGSM, random for PGD' },
  restarts: { type: 'string', arg: 'N', help: 'PGD random restarts; a sample counts as robust only if no restart fools the model (default 1)' },
  range: { type: 'string', arg: 'MIN,MAX', help: 'the range attacked inputs are clipped to, or none (default 0,1 when the test inputs lie in it, else their own range)' },
} as const;

/** The attack flags as parsed by the command. */
export interface AttackFlags {
  attack?: string | undefined;
  eps?: string | undefined;
  norm?: string | undefined;
  steps?: string | undefined;
  'step-size'?: string | undefined;
  start?: string | undefined;
  restarts?: string | undefined;
  range?: string | undefined;
}

/** The attack the flags ask for, checked before the model and data load. */
export interface AttackRequest {
  method: AttackMethod;
  epsilons: number[];
  norm: AttackNorm;
  steps?: number;
  stepSize?: number;
  randomStart?: boolean;
  restarts?: number;
  /** `undefined`: from the data. */
  range: ValueRange | null | undefined;
}

/** Parses the attack flags; null without `--attack` (then every other attack flag is refused). */
export function parseAttackFlags(where: string, v: AttackFlags): AttackRequest | null {
  if (v.attack === undefined) {
    const given = (Object.keys(ATTACK_OPTIONS) as (keyof AttackFlags)[]).find((k) => v[k] !== undefined);
    if (given) throw badValue(where, `--${given}`, 'given with --attack fgsm|pgd', `--${given} without --attack`);
    return null;
  }
  const method = parseChoice(where, '--attack', v.attack, ATTACK_METHODS);
  const epsilons = parseNumberList(where, '--eps', v.eps ?? DEFAULT_EPSILONS.join(','), { min: 0 });
  if (epsilons.length > RUN_LIMITS.levels) throw badValue(where, '--eps', `a list of at most ${RUN_LIMITS.levels} radii`, `${epsilons.length} radii`);
  const norm = v.norm === undefined ? 'linf' : parseChoice(where, '--norm', v.norm, ATTACK_NORMS);
  if (method === 'fgsm' && (v.steps !== undefined || v.restarts !== undefined)) throw badValue(where, v.steps !== undefined ? '--steps' : '--restarts', 'given with --attack pgd (FGSM takes one step)', `--attack fgsm ${v.steps !== undefined ? '--steps' : '--restarts'}`);
  const request: AttackRequest = { method, epsilons, norm, range: parseRange(where, v.range) };
  if (v.steps !== undefined) request.steps = parseInteger(where, '--steps', v.steps, { min: 1, max: 1000 });
  if (v['step-size'] !== undefined) request.stepSize = parseNumber(where, '--step-size', v['step-size'], { min: 0, above: true });
  if (v.start !== undefined) request.randomStart = parseChoice(where, '--start', v.start, ['input', 'random'] as const) === 'random';
  if (v.restarts !== undefined) request.restarts = parseInteger(where, '--restarts', v.restarts, { min: 1, max: 100 });
  return request;
}

function parseRange(where: string, raw: string | undefined): ValueRange | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'none') return null;
  const parts = parseNumberList(where, '--range', raw);
  if (parts.length !== 2 || !(parts[0]! < parts[1]!)) throw badValue(where, '--range', 'MIN,MAX with MIN < MAX, or none', raw);
  return { min: parts[0]!, max: parts[1]! };
}

/** [0, 1] when every value of `x` lies in it (pixels), else the values' own range. */
export function dataRange(x: Tensor): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  const n = x.data.length;
  for (let i = 0; i < n; i++) {
    const v = x.data[i]! * x.scale;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min >= 0 && max <= 1 ? { min: 0, max: 1 } : { min, max };
}

/** Runs the attack and returns the curve and the lines to print; an eps beyond the input range is refused first. */
export async function runAttack(where: string, model: Sequential, x: Tensor, y: Tensor, request: AttackRequest, options: { seed: number; batchSize: number; onProgress: (done: number, total: number) => void; split?: 'test' | 'validation' }): Promise<{ curve: AdversarialCurve; lines: string[] }> {
  const clip = request.range === undefined ? dataRange(x) : request.range;
  if (clip) {
    const width = clip.max - clip.min;
    const most = request.norm === 'linf' ? width : width * Math.sqrt(x.sampleSize);
    const over = request.epsilons.find((e) => e > most);
    if (over !== undefined) throw badValue(where, '--eps', `a list of radii from 0 to ${Number(most.toPrecision(6))} (${request.norm === 'linf' ? 'the width' : 'the L2 diameter'} of the input range [${short(clip.min)}, ${short(clip.max)}])`, String(over));
  }
  const curve = await adversarialCurve(model, x, y, {
    method: request.method,
    epsilons: request.epsilons,
    norm: request.norm,
    clip,
    seed: options.seed,
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    ...(request.steps === undefined ? {} : { steps: request.steps }),
    ...(request.stepSize === undefined ? {} : { stepSize: request.stepSize }),
    ...(request.randomStart === undefined ? {} : { randomStart: request.randomStart }),
    ...(request.restarts === undefined ? {} : { restarts: request.restarts }),
  });
  return { curve, lines: [describeAttack(curve, request, options.seed, options.split), formatAttackTable(curve)] };
}

/** One line saying what the attack did, on the samples of a test or validation split. */
export function describeAttack(curve: AdversarialCurve, request: AttackRequest, seed: number, split: 'test' | 'validation' = 'test'): string {
  const s = curve.settings;
  const norm = s.norm === 'linf' ? 'L-infinity' : 'L2';
  const rule = s.method === 'fgsm' ? (s.randomStart ? '1.25 eps' : 'eps') : `2.5 eps / ${s.steps}`;
  const size = request.stepSize === undefined ? rule : String(request.stepSize);
  const steps = s.method === 'fgsm' ? `one step of ${size}` : `${s.steps} steps of ${size}`;
  const start = s.randomStart ? `from a random start${s.restarts > 1 ? `, worst of ${s.restarts} restarts` : ''}, seed ${seed}` : 'from the input';
  const clip = s.clip ? `clipped to [${short(s.clip.min)}, ${short(s.clip.max)}]` : 'not clipped';
  return `Accuracy on ${curve.samples} ${split} samples under ${s.method.toUpperCase()} (${norm}, ${steps}, ${start}; ${clip}):`;
}

/** A number to 6 significant digits, as a data range is printed. */
function short(v: number): number {
  return Number(v.toPrecision(6));
}

/** Accuracy per epsilon. */
export function formatAttackTable(curve: AdversarialCurve): string {
  return textTable(['eps', 'accuracy', 'correct'], curve.points.map((p) => [String(p.eps), p.accuracy.toFixed(4), `${p.correct}/${curve.samples}`]));
}
