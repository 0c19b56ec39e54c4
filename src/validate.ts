/** Shared argument checks: one message shape for every layer, optimizer and option. */
import { invalid } from './errors.js';

export interface NumberRange {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  max?: number;
  maxExclusive?: boolean;
  integer?: boolean;
}

/** Returns `value` when it is a finite number in range, else throws an InvalidArgumentError. */
export function checkNumber(where: string, argument: string, value: unknown, range: NumberRange = {}): number {
  const expected = describe(range);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(where, argument, expected, value);
  if (range.integer && !Number.isInteger(value)) throw invalid(where, argument, expected, value);
  if (range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min)) throw invalid(where, argument, expected, value);
  if (range.max !== undefined && (range.maxExclusive ? value >= range.max : value > range.max)) throw invalid(where, argument, expected, value);
  return value;
}

/** Returns `value` when it is one of `choices`. */
export function checkChoice<T extends string>(where: string, argument: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw invalid(where, argument, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
  }
  return value as T;
}

function describe(r: NumberRange): string {
  const kind = r.integer ? 'an integer' : 'a number';
  const lo = r.min === undefined ? '' : `${r.minExclusive ? '>' : '>='} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.maxExclusive ? '<' : '<='} ${r.max}`;
  const parts = [lo, hi].filter(Boolean);
  return parts.length ? `${kind} ${parts.join(' and ')}` : `a finite number`;
}
