/**
 * The noise spec language of the CLI, `technique[:key=value,...][@where]`, e.g.
 * `dropout:rate=0.5@hidden`, `gaussian:stddev=0.3->0,schedule=cosine,per=epoch`,
 * `affine:shift=2,rotate=10`. A numeric value `a->b` anneals from `a` to `b` with
 * `schedule=linear|cosine|exponential|step` (default linear), `per=step|epoch` (default step)
 * and `stages=N` for the step schedule. `@where` places layer noise: `input` (default),
 * `hidden` (after every hidden layer) or `N` (after hidden layer N); weight noise and
 * DropConnect take `all`, `hidden`, `output` or `N` (dense layers, 1-based). Every mistake is a
 * one-line InvalidArgumentError that quotes the spec.
 */
import { InvalidArgumentError, invalid, oneLine } from '../errors.js';
import { NoiseSpecError } from './spec-error.js';
import { checkChoice, checkNumber } from '../validate.js';
import { checkLevel, type NoiseLevel } from '../schema/noise-schedule.js';
import { TECHNIQUES, findTechnique, type SpecWhere, type Technique, type TechniqueParam } from './catalogue.js';

/** A parsed spec: the technique, every parameter (defaults filled in) and where it goes. */
export interface NoiseSpec {
  /** The spec as written (trimmed). */
  readonly text: string;
  readonly technique: Technique;
  /** Numbers, schedules (annealed values) or words, by parameter name. */
  readonly params: Readonly<Record<string, NoiseLevel | string>>;
  /** Placement of layer and weight techniques; null for the others. */
  readonly where: SpecWhere | null;
}

const SCHEDULE_KEYS = ['schedule', 'per', 'stages'] as const;

/**
 * Parses one spec; see the module comment for the grammar.
 * @throws NoiseSpecError `noise spec '<spec>': <reason>`.
 */
export function parseNoiseSpec(spec: string): NoiseSpec {
  if (typeof spec !== 'string') throw invalid('noise spec', 'spec', "a string like 'dropout:rate=0.5@hidden'", spec);
  const text = spec.trim();
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof InvalidArgumentError && !(e instanceof NoiseSpecError)) throw new NoiseSpecError(text, e.message.replace(oneLine(`noise spec '${text}': `), ''));
    throw e;
  }
}

function parse(text: string): NoiseSpec {
  const where = `noise spec '${text}'`;
  const fail = (message: string): NoiseSpecError => new NoiseSpecError(text, message);
  const at = text.lastIndexOf('@');
  const body = at >= 0 ? text.slice(0, at) : text;
  const colon = body.indexOf(':');
  const name = (colon >= 0 ? body.slice(0, colon) : body).trim();
  if (!name) throw fail('missing technique; expected technique[:key=value,...][@where]');
  const technique = findTechnique(name);
  if (!technique) throw fail(`unknown technique '${name}'; known: ${TECHNIQUES.map((t) => t.name).join(', ')}`);

  const raw = new Map<string, string>();
  if (colon >= 0) {
    for (const item of body.slice(colon + 1).split(',')) {
      const eq = item.indexOf('=');
      const key = item.slice(0, eq).trim();
      if (eq <= 0 || !key) throw fail(`parameter '${item.trim()}' must be key=value`);
      if (raw.has(key)) throw fail(`parameter '${key}' is given twice`);
      raw.set(key, item.slice(eq + 1).trim());
    }
  }
  const known = technique.params.map((p) => p.name);
  for (const key of raw.keys()) {
    if (!known.includes(key) && !(SCHEDULE_KEYS as readonly string[]).includes(key)) {
      throw fail(`unknown parameter '${key}' for ${technique.name}; known: ${[...known, ...SCHEDULE_KEYS].join(', ')}`);
    }
  }
  const schedule = { schedule: raw.get('schedule'), per: raw.get('per'), stages: raw.has('stages') ? parseNumber(raw.get('stages')!) : undefined };
  const params: Record<string, NoiseLevel | string> = {};
  let annealed = false;
  for (const p of technique.params) {
    const value = raw.get(p.name);
    if (value === undefined) params[p.name] = p.default;
    else if (p.choices) params[p.name] = checkChoice(where, p.name, value, p.choices);
    else {
      const level = parseValue(where, p, value, schedule);
      annealed ||= typeof level !== 'number';
      params[p.name] = level;
    }
  }
  if (!annealed && SCHEDULE_KEYS.some((k) => raw.has(k))) throw fail('schedule, per and stages need an annealed value written from->to, e.g. rate=0.5->0');
  return { text, technique, params, where: parseWhere(technique, at >= 0 ? text.slice(at + 1).trim() : null, fail) };
}

function parseNumber(s: string): number {
  return s.trim() === '' ? Number.NaN : Number(s);
}

function parseValue(where: string, p: TechniqueParam, value: string, schedule: { schedule?: string | undefined; per?: string | undefined; stages?: number | undefined }): NoiseLevel {
  const parts = value.split('->');
  const nums = parts.map(parseNumber);
  if (parts.length > 2 || nums.some((n) => !Number.isFinite(n))) throw invalid(where, p.name, p.schedulable ? "a number or an annealed 'from->to'" : 'a number', value);
  if (parts.length === 1) return checkNumber(where, p.name, nums[0], p.range);
  if (!p.schedulable) throw invalid(where, p.name, 'a number (it cannot be annealed)', value);
  return checkLevel(where, p.name, { from: nums[0], to: nums[1], ...definedOnly(schedule) }, p.range ?? {});
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parseWhere(t: Technique, w: string | null, fail: (m: string) => NoiseSpecError): SpecWhere | null {
  if (t.defaultWhere === null) {
    if (w !== null) throw fail(`${t.name} is not placed in the layer stack; remove '@${w}'`);
    return null;
  }
  if (w === null) return t.defaultWhere;
  const words = t.kind === 'layer' ? ['input', 'hidden'] : t.kind === 'branch' ? ['all'] : ['all', 'hidden', 'output'];
  if (words.includes(w)) return w as SpecWhere;
  if (/^[1-9][0-9]*$/.test(w)) return Number(w);
  throw fail(`@${w} must be ${words.map((x) => `@${x}`).join(', ')} or the number of a ${t.kind === 'branch' ? 'residual block' : 'hidden layer'} (@1 is the first)`);
}

/** The spec of the CLI's `--noise-stddev X` shorthand: `gaussian:stddev=X`. */
export function noiseStddevSpec(stddev: number | string): string {
  return `gaussian:stddev=${String(stddev).trim()}`;
}
