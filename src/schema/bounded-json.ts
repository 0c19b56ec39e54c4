/**
 * Bounded JSON: every JSON value that comes from outside (config files, model spec files,
 * model.json, queue jobs) is read within a size, a nesting depth and a value count, so that a
 * hostile or broken input fails with one typed line instead of exhausting the stack or the
 * memory of whatever walks it next (validation, hashing, printing all recurse).
 */
import { NoisenetError } from '../errors.js';

/** The bounds of a JSON value from outside. */
export interface JsonLimits {
  /** Most characters of the text. */
  readonly maxChars: number;
  /** Deepest nesting of objects and arrays (a scalar is depth 0, `[]` depth 1). */
  readonly maxDepth: number;
  /** Most values in all (every object, array, string, number, boolean and null counts one). */
  readonly maxValues: number;
}

/**
 * The default bounds, far above any config, spec, model.json or job noisenet writes (their depth
 * is under 12; a model.json of a large model holds some thousand values): 16 Mi characters,
 * depth 64, 1,000,000 values.
 */
export const JSON_LIMITS: JsonLimits = { maxChars: 16 * 1024 * 1024, maxDepth: 64, maxValues: 1_000_000 };

/** A JSON input beyond one of its {@link JsonLimits}: which input, which limit, and what was found. */
export class JsonLimitError extends NoisenetError {
  override name = 'JsonLimitError';

  constructor(
    /** The input: a file, `job 17`, `--model runs/a/model.json`. */
    readonly source: string,
    /** The limit exceeded: `characters`, `depth` or `values`. */
    readonly limit: 'characters' | 'depth' | 'values',
    /** Its bound. */
    readonly max: number,
    /** What was found: the size, or the first depth or count past the bound. */
    readonly found: number,
  ) {
    super(`${source}: ${LIMIT_WORDS[limit](max, found)}`);
    this.reason = LIMIT_WORDS[limit](max, found);
  }

  /** The message without the source. */
  readonly reason: string;
}

const LIMIT_WORDS = {
  characters: (max: number, found: number) => `JSON too large: at most ${max} characters of text, found at least ${found}`,
  depth: (max: number, found: number) => `JSON nested too deeply: at most ${max} levels of objects and arrays, found more than ${found - 1}`,
  values: (max: number, found: number) => `JSON holds too many values: at most ${max}, found more than ${found - 1}`,
};

/**
 * `JSON.parse(text)` within `limits`: the size and the depth are checked on the text before it
 * is parsed, the value count after.
 * @throws JsonLimitError naming `source` for an input beyond a limit; SyntaxError (as
 *   `JSON.parse`) for invalid JSON.
 */
export function parseBoundedJson(text: string, source: string, limits: JsonLimits = JSON_LIMITS): unknown {
  if (text.length > limits.maxChars) throw new JsonLimitError(source, 'characters', limits.maxChars, text.length);
  checkTextDepth(text, source, limits.maxDepth);
  const value: unknown = JSON.parse(text);
  checkJsonBounds(value, source, limits);
  return value;
}

/**
 * Checks a value already parsed (a queue job's data, a message) against the depth, the value
 * count and the characters (of its strings and keys) of `limits`, without recursion: a value
 * nested a million deep is refused like any other.
 * @throws JsonLimitError naming `source`.
 */
export function checkJsonBounds(value: unknown, source: string, limits: JsonLimits = JSON_LIMITS): void {
  const stack: [unknown, number][] = [[value, 0]];
  let count = 0;
  let chars = 0;
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++count > limits.maxValues) throw new JsonLimitError(source, 'values', limits.maxValues, count);
    if (typeof v === 'string' && (chars += v.length) > limits.maxChars) throw new JsonLimitError(source, 'characters', limits.maxChars, chars);
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limits.maxDepth) throw new JsonLimitError(source, 'depth', limits.maxDepth, depth + 1);
    if (seen.has(v)) throw new JsonLimitError(source, 'depth', limits.maxDepth, limits.maxDepth + 1); // a cycle is infinitely deep
    seen.add(v);
    if (!Array.isArray(v)) for (const k of Object.keys(v)) if ((chars += k.length) > limits.maxChars) throw new JsonLimitError(source, 'characters', limits.maxChars, chars);
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) stack.push([c, depth + 1]);
  }
}

/** The nesting depth of a JSON text, counted on its brackets outside strings, refused past `max`. */
function checkTextDepth(text: string, source: string, max: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) throw new JsonLimitError(source, 'depth', max, depth);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
}
