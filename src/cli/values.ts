/** Strict parsing of option values: the whole string must be a number in range, else a UsageError. */
import { badValue } from './usage-error.js';

export interface Range {
  min?: number;
  /** `min` itself excluded. */
  above?: boolean;
  max?: number;
  /** `max` itself excluded. */
  below?: boolean;
}

const INTEGER = /^\+?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** An integer option, e.g. `--epochs 10`. */
export function parseInteger(where: string, flag: string, raw: string, range: Range = {}): number {
  const n = INTEGER.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || !inRange(n, range)) throw badValue(where, flag, describe('an integer', range), raw);
  return n;
}

/** A decimal option, e.g. `--lr 0.001` or `--lr 1e-3`. */
export function parseNumber(where: string, flag: string, raw: string, range: Range = {}): number {
  const n = DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || !inRange(n, range)) throw badValue(where, flag, describe('a number', range), raw);
  return n;
}

/** One of a fixed set of words, e.g. `--optimizer sgd`. */
export function parseChoice<T extends string>(where: string, flag: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) throw badValue(where, flag, `one of ${choices.join(', ')}`, raw);
  return raw as T;
}

/** A comma-separated list of layer widths, e.g. `128,64`; an empty string or `none` is the empty list. */
export function parseUnits(where: string, flag: string, raw: string): number[] {
  const text = raw.trim();
  if (text === '' || text.toLowerCase() === 'none') return [];
  const parts = text.split(',').map((s) => s.trim());
  const units = parts.map((s) => (INTEGER.test(s) ? Number(s) : NaN));
  if (!units.every((u) => Number.isSafeInteger(u) && u >= 1)) {
    throw badValue(where, flag, 'a comma-separated list of integers >= 1 (or "none")', raw);
  }
  return units;
}

/** A comma-separated list of numbers in range, e.g. `--stddevs 0,0.1,0.2`; at least one. */
export function parseNumberList(where: string, flag: string, raw: string, range: Range = {}): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  const values = parts.map((s) => (DECIMAL.test(s) ? Number(s) : NaN));
  if (raw.trim() === '' || !values.every((n) => Number.isFinite(n) && inRange(n, range))) {
    throw badValue(where, flag, `a comma-separated list of ${describe('numbers', range)}`, raw);
  }
  return values;
}

function inRange(n: number, r: Range): boolean {
  if (r.min !== undefined && (r.above ? n <= r.min : n < r.min)) return false;
  return !(r.max !== undefined && (r.below ? n >= r.max : n > r.max));
}

function describe(kind: string, r: Range): string {
  const parts: string[] = [];
  if (r.min !== undefined) parts.push(`${r.above ? '>' : '>='} ${r.min}`);
  if (r.max !== undefined) parts.push(`${r.below ? '<' : '<='} ${r.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}
