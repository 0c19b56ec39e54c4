/**
 * Validation of options against their {@link Schema}: unknown keys are refused with the known
 * ones listed, every value is checked by its field, and defaults are filled in, so the result
 * is what `getConfig` returns and what a saved model or a spec round-trips through.
 */
import type { Field, Schema } from './fields.js';
import { checkChoice, checkNumber } from '../validate.js';
import { checkLevel } from './noise-schedule.js';
import { invalid } from '../errors.js';
import { checkOptionKeys } from './option-keys.js';

export { checkOptionKeys, optionKeys } from './option-keys.js';

/**
 * Checks `options` against `schema` and returns them with defaults filled in; absent optional
 * fields without a default stay absent.
 * @param where The factory, as messages start: `dense`, `gaussianNoise`.
 * @throws InvalidArgumentError `<where>: <option> must be <expected>, received <value>`.
 */
export function parseOptions<O>(where: string, schema: Schema<O>, options: unknown, path = ''): O {
  const fields = schema as Record<string, Field>;
  const known = Object.keys(fields);
  const given = checkOptionKeys(where, options, known, path);
  const prefix = path ? `${path}.` : '';
  const out: Record<string, unknown> = {};
  for (const key of known) {
    const field = fields[key]!;
    const value = (given as Record<string, unknown>)[key];
    if (value === undefined) {
      if (field.default !== undefined) out[key] = clone(field.default);
      else if (field.required) throw invalid(where, `${prefix}${key}`, `given (${field.doc})`, undefined);
      continue;
    }
    out[key] = checkField(where, `${prefix}${key}`, field, value);
  }
  return out as O;
}

/** Checks one value against its field. */
export function checkField(where: string, path: string, field: Field, value: unknown): unknown {
  switch (field.kind) {
    case 'number':
      return checkNumber(where, path, value, field.range);
    case 'level':
      return checkLevel(where, path, value, field.range);
    case 'choice':
      return checkChoice(where, path, value, field.choices);
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(where, path, 'true or false', value);
      return value;
    case 'string':
      if (typeof value !== 'string') throw invalid(where, path, 'a string', value);
      return value;
    case 'shape': {
      const ok = Array.isArray(value) && value.length > 0 && value.every((d) => Number.isInteger(d) && d > 0) && (field.length === undefined || value.length === field.length);
      if (!ok) throw invalid(where, path, field.length === undefined ? 'a non-empty list of positive integers' : `a list of ${field.length} positive integers`, value);
      return [...(value as number[])];
    }
    case 'object':
      return parseOptions(where, field.fields, value, path);
    case 'custom':
      return field.check(where, path, value);
  }
}

function clone<T>(v: T): T {
  return Array.isArray(v) ? ([...v] as T) : v;
}
