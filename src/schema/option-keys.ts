/**
 * Unknown options refused: the check every options object goes through, with a schema
 * (`parseOptions`) or without one (options whose values are checked where they are used).
 */
import { InvalidArgumentError, invalid } from '../errors.js';

/**
 * The option names of an options type, checked by the compiler to be all of them:
 * `optionKeys<EvaluateOptions>({ batchSize: true })`.
 */
export function optionKeys<O>(keys: { readonly [K in keyof Required<O>]: true }): readonly string[] {
  return Object.keys(keys);
}

/**
 * Checks that `options` is absent or an object whose keys are all `known`, for functions whose
 * options need no schema (the values are checked where they are used).
 * @returns the options, `{}` when absent.
 * @throws InvalidArgumentError `<where>: unknown option '<key>'; known: <known keys>`.
 */
export function checkOptionKeys(where: string, options: unknown, known: readonly string[], path = ''): Record<string, unknown> {
  const given = options ?? {};
  const list = known.length ? known.join(', ') : '(none)';
  if (typeof given !== 'object' || Array.isArray(given)) throw invalid(where, path || 'options', `an object { ${list} }`, given);
  const prefix = path ? `${path}.` : '';
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      const e = new InvalidArgumentError(`${where}: unknown option '${prefix}${key}'; known: ${list}`);
      throw Object.assign(e, { argument: `${prefix}${key}` });
    }
  }
  return given as Record<string, unknown>;
}
