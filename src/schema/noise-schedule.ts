/**
 * Noise schedules: any noise level may be a constant or anneal from `from` to `to` over the
 * run, per optimizer step or per epoch (Neelakantan et al. 2015 anneal gradient noise per
 * step; Geras & Sutton 2015, "Scheduled denoising autoencoders", lower input noise per epoch).
 *
 * With progress `p = i / (n - 1)` in [0, 1] (`i` the zero-based step or epoch of the current
 * `fit`, `n` the total `fit` will run; `p = 0` when `n <= 1` or unknown):
 * - `linear`:      `from + (to - from) p`
 * - `cosine`:      `to + (from - to) (1 + cos(pi p)) / 2` (Loshchilov & Hutter 2017's shape)
 * - `exponential`: `from (to / from)^p`, geometric interpolation; needs `from, to > 0`
 * - `step`:        `stages` equal plateaus from `from` to `to` (default 3):
 *                  `from + (to - from) floor(min(p stages, stages - 1)) / (stages - 1)`
 * So the first step (or epoch) sees `from` and the last one `to`.
 */
import type { StepContext } from '../step/step-context.js';
import { checkChoice, checkNumber, type NumberRange } from '../validate.js';
import { InvalidArgumentError, invalid } from '../errors.js';
import { checkOptionKeys, optionKeys } from './option-keys.js';

export const SCHEDULES = ['linear', 'cosine', 'exponential', 'step'] as const;
export type ScheduleKind = (typeof SCHEDULES)[number];
export const SCHEDULE_UNITS = ['step', 'epoch'] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];

/** A noise level that changes over training. */
export interface NoiseSchedule {
  /** Level at the first step (or epoch). */
  from: number;
  /** Level at the last step (or epoch). */
  to: number;
  /** Shape of the curve; default `linear`. */
  schedule?: ScheduleKind;
  /** Whether the level changes every optimizer step or every epoch; default `step`. */
  per?: ScheduleUnit;
  /** Plateaus of the `step` schedule, an integer >= 2; default 3. */
  stages?: number;
}

const SCHEDULE_KEYS = optionKeys<NoiseSchedule>({ from: true, to: true, schedule: true, per: true, stages: true });

/** A constant level or a schedule: accepted wherever a noise strength is asked for. */
export type NoiseLevel = number | NoiseSchedule;

/** The level at progress `p` in [0, 1]. */
export function interpolate(s: NoiseSchedule, p: number): number {
  const { from, to } = s;
  switch (s.schedule ?? 'linear') {
    case 'linear':
      return from + (to - from) * p;
    case 'cosine':
      return to + ((from - to) * (1 + Math.cos(Math.PI * p))) / 2;
    case 'exponential':
      return from * (to / from) ** p;
    case 'step': {
      const stages = s.stages ?? 3;
      return from + ((to - from) * Math.floor(Math.min(p * stages, stages - 1))) / (stages - 1);
    }
  }
}

/** The level at the step and epoch of `ctx` (a constant is returned as is). */
export function levelAt(level: NoiseLevel, ctx: StepContext): number {
  if (typeof level === 'number') return level;
  const perEpoch = level.per === 'epoch';
  const i = perEpoch ? ctx.epoch : ctx.step;
  const n = perEpoch ? ctx.totalEpochs : ctx.totalSteps;
  return interpolate(level, n !== undefined && n > 1 ? Math.min(1, i / (n - 1)) : 0);
}

/** The level training ends at: what inference rules that depend on it (DropConnect's mean rule) use. */
export function finalLevel(level: NoiseLevel): number {
  return typeof level === 'number' ? level : level.to;
}

/**
 * Validates a level: a number in `range`, or a schedule whose `from` and `to` are both in it.
 * Returns the schedule with its defaults filled in, so configs round-trip. Messages follow
 * `<where>: <argument> must be ..., received ...`.
 */
export function checkLevel(where: string, argument: string, value: unknown, range: NumberRange): NoiseLevel {
  if (typeof value !== 'object' || value === null) return checkNumber(where, argument, value, range);
  const s = checkOptionKeys(where, value, SCHEDULE_KEYS, argument) as Partial<NoiseSchedule>;
  const from = checkNumber(where, argument, s.from, range);
  const to = checkNumber(where, argument, s.to, range);
  const schedule = checkChoice(where, `${argument} schedule`, s.schedule ?? 'linear', SCHEDULES);
  const per = checkChoice(where, `${argument} per`, s.per ?? 'step', SCHEDULE_UNITS);
  if (schedule === 'exponential' && (from <= 0 || to <= 0)) {
    throw invalid(where, argument, 'a schedule with from > 0 and to > 0 for an exponential schedule', `${from}->${to}`);
  }
  const out: NoiseSchedule = { from, to, schedule, per };
  if (schedule === 'step') out.stages = checkNumber(where, `${argument} stages`, s.stages ?? 3, { min: 2, integer: true });
  else if (s.stages !== undefined) throw new InvalidArgumentError(`${where}: ${argument} stages apply only to schedule=step, received ${String(s.stages)}`);
  return out;
}
