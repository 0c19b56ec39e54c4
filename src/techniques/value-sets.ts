/**
 * Value sets in noise specs, for sweeps: `gaussian:stddev={0,0.1,0.2}` stands for one spec per
 * value, and several sets in one spec (`dropout:rate={0.2,0.5}@{1,hidden}`) for their grid. Each
 * expanded spec is parsed, so every value is checked against the technique's declared range.
 */
import { NoiseSpecError } from './spec-error.js';
import { parseNoiseSpec, type NoiseSpec } from './parse.js';

/** One value set of a spec: where it stands, and the parameter it sets (null for `@{...}`). */
export interface SpecValueSet {
  /** The parameter the set gives values to, e.g. `stddev`; null for a set of placements. */
  readonly param: string | null;
  /** The values as written, in order. */
  readonly values: readonly string[];
}

/** A spec with its value sets expanded. */
export interface ExpandedSpec {
  /** The spec with one value per set, e.g. `gaussian:stddev=0.1`. */
  readonly text: string;
  readonly spec: NoiseSpec;
  /** The value each set took, in the order of the sets (numbers where they parse as numbers). */
  readonly values: readonly (number | string)[];
}

const SET = /\{([^{}]*)\}/g;

/** Whether `spec` holds a `{...}` value set. */
export function hasValueSet(spec: string): boolean {
  return /\{[^{}]*\}/.test(spec);
}

/**
 * The value sets of `spec`, in order.
 * @throws NoiseSpecError for an empty set, an empty or repeated value, or unbalanced braces.
 */
export function specValueSets(spec: string): SpecValueSet[] {
  const text = spec.trim();
  const fail = (reason: string): never => {
    throw new NoiseSpecError(text, reason);
  };
  if (text.replace(SET, '').match(/[{}]/)) fail("a value set must be written {a,b,...}, with balanced braces and no nesting");
  const sets: SpecValueSet[] = [];
  for (const m of text.matchAll(SET)) {
    const values = m[1]!.split(',').map((v) => v.trim());
    if (m[1]!.trim() === '') fail('a value set must hold at least one value, received {}');
    if (values.some((v) => v === '')) fail(`the value set {${m[1]}} has an empty value`);
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    if (repeated !== undefined) fail(`the value set {${m[1]}} holds ${repeated} twice`);
    const before = text.slice(0, m.index);
    const param = before.endsWith('@') ? null : (/([A-Za-z][\w-]*)\s*=\s*$/.exec(before)?.[1] ?? fail(`the value set {${m[1]}} must be the value of a parameter (key={a,b}) or the placement (@{input,hidden})`));
    sets.push({ param, values });
  }
  return sets;
}

/**
 * Every spec that `spec` stands for: the grid of its value sets, the last set varying fastest;
 * a spec without sets stands for itself.
 * @throws NoiseSpecError naming the spec as written and what is wrong (a value outside the
 *   parameter's range names the parameter, the range and the value).
 */
export function expandSpecSets(spec: string): ExpandedSpec[] {
  const text = spec.trim();
  const sets = specValueSets(text);
  const parts = text.split(SET); // text, set body, text, set body, ..., text
  const out: ExpandedSpec[] = [];
  const choose = (i: number, chosen: string[]): void => {
    if (i === sets.length) {
      const expanded = parts.map((p, k) => (k % 2 === 0 ? p : chosen[(k - 1) / 2]!)).join('');
      let parsed: NoiseSpec;
      try {
        parsed = parseNoiseSpec(expanded);
      } catch (err) {
        if (err instanceof NoiseSpecError && sets.length > 0) throw new NoiseSpecError(text, `${expanded}: ${err.reason}`);
        throw err;
      }
      out.push({ text: parsed.text, spec: parsed, values: chosen.map((v) => (Number.isFinite(Number(v)) && v !== '' ? Number(v) : v)) });
      return;
    }
    for (const v of sets[i]!.values) choose(i + 1, [...chosen, v]);
  };
  choose(0, []);
  return out;
}
