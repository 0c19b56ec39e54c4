/**
 * Validates a sweep config: the fields of a `compare` config (but `configurations` and
 * `baseline`: a sweep's configurations come from its search space) and `search`. Every error is
 * an ExperimentConfigError naming the source, the field and the reason, before any run.
 */
import { ExperimentConfigError } from '../experiments/config.js';
import { parseExperimentConfig } from '../experiments/config-parse.js';
import { NoiseSpecError } from '../techniques/spec-error.js';
import { parseNoiseSpec } from '../techniques/parse.js';
import { hasValueSet } from '../techniques/value-sets.js';
import type { LevelRange, ModelAxis, SearchSpace, SweepConfig, TechniqueAxis } from './sweep-config.js';
import { axisGroups } from './axis-levels.js';
import { runFields } from '../run/run-schema.js';
import { RUN_LIMITS, type RunLimits } from '../run/run-limits.js';

/** The run settings a model axis may vary: the model group of the run schema (model, hidden, activation). */
export const MODEL_AXIS_KEYS: readonly string[] = runFields().filter((r) => r.group === 'model').map((r) => r.key);

type Obj = Record<string, unknown>;

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * A sweep config from raw JSON.
 * @throws ExperimentConfigError for anything invalid: an empty or contradictory search space, a
 *   level outside its technique's range, an unknown field.
 */
export function parseSweepConfig(raw: unknown, source: string, options: { limits?: RunLimits } = {}): SweepConfig {
  const limits = options.limits ?? RUN_LIMITS;
  const fail = (field: string, reason: string): never => {
    throw new ExperimentConfigError(source, field, reason);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(top level)', `must be a JSON object, received ${show(raw)}`);
  const { search, configurations, baseline, ...rest } = raw as Obj;
  if (configurations !== undefined) fail('configurations', 'a sweep takes its configurations from search.techniques (and always trains a baseline without noise); remove configurations');
  if (baseline !== undefined) fail('baseline', 'a sweep always compares with its own baseline (no noise); remove baseline');
  const experiment = parseExperimentConfig(rest, source, { limits });
  const { configurations: _c, baseline: _b, ...shared } = experiment;
  const config: SweepConfig = { ...shared, search: parseSearch(search, source, fail, limits.configurations) };
  if (config.search.trainSizes && config.trainSize !== undefined) fail('trainSize', 'contradictory: search.trainSizes gives the training-set sizes; remove trainSize (--train-size)');
  axisGroups(config, source, limits.configurations); // expands every axis: a level outside its range, a duplicate configuration, an impossible sample or too many configurations fails here
  return config;
}

function parseSearch(value: unknown, source: string, fail: (field: string, reason: string) => never, max: number): SearchSpace {
  const o = object(value, 'search', ['techniques', 'models', 'trainSizes', 'sample'], fail);
  if (!Array.isArray(o.techniques) || o.techniques.length === 0) fail('search.techniques', `must be a non-empty list of techniques to sweep (the search space is empty), received ${show(o.techniques)}`);
  const tooLong = (field: string, list: unknown): void => {
    if (Array.isArray(list) && list.length > max) fail(field, `must hold at most ${max} items, received ${list.length} (a limit of the run schema: configurations)`);
  };
  tooLong('search.techniques', o.techniques);
  tooLong('search.models', o.models);
  tooLong('search.trainSizes', o.trainSizes);
  (o.techniques as unknown[]).forEach((t, i) => {
    const axis = t as Obj | null;
    if (typeof axis !== 'object' || axis === null) return;
    tooLong(`search.techniques[${i}].levels`, axis.levels);
    const points = (axis.range as Obj | null | undefined)?.points;
    if (typeof points === 'number' && points > max) fail(`search.techniques[${i}].range.points`, `must be at most ${max}, received ${points} (a limit of the run schema: configurations)`);
  });
  const search: SearchSpace = { techniques: (o.techniques as unknown[]).map((t, i) => techniqueAxis(t, `search.techniques[${i}]`, fail)) };
  if (o.models !== undefined) {
    if (!Array.isArray(o.models) || o.models.length === 0) fail('search.models', `must be a non-empty list of models, received ${show(o.models)}`);
    search.models = (o.models as unknown[]).map((m, i) => modelAxis(m, `search.models[${i}]`, source, fail));
    const names = search.models.map((m) => m.name);
    names.forEach((n, i) => names.indexOf(n) !== i && fail(`search.models[${i}].name`, `duplicates search.models[${names.indexOf(n)}].name ${show(n)}`));
  }
  if (o.trainSizes !== undefined) {
    const sizes = o.trainSizes;
    if (!Array.isArray(sizes) || sizes.length === 0 || !sizes.every((s) => Number.isInteger(s) && (s as number) >= 1)) fail('search.trainSizes', `must be a non-empty list of integers >= 1, received ${show(sizes)}`);
    if (new Set(sizes as number[]).size !== (sizes as number[]).length) fail('search.trainSizes', `must be distinct, received ${show(sizes)}`);
    search.trainSizes = [...(sizes as number[])];
  }
  if (o.sample !== undefined) {
    const s = object(o.sample, 'search.sample', ['count', 'seed'], fail);
    if (!Number.isInteger(s.count) || (s.count as number) < 1) fail('search.sample.count', `must be an integer >= 1, received ${show(s.count)}`);
    const seed = s.seed ?? 0;
    if (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 0xffffffff) fail('search.sample.seed', `must be an integer from 0 to 4294967295, received ${show(seed)}`);
    search.sample = { count: s.count as number, seed: seed as number };
  }
  return search;
}

function object(value: unknown, field: string, known: readonly string[], fail: (field: string, reason: string) => never): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(field, `must be a JSON object, received ${show(value)}`);
  for (const key of Object.keys(value)) if (!known.includes(key)) fail(`${field}.${key}`, `unknown field (known: ${known.join(', ')})`);
  return value as Obj;
}

function techniqueAxis(value: unknown, field: string, fail: (field: string, reason: string) => never): TechniqueAxis {
  const o = typeof value === 'string' ? { spec: value } : object(value, field, ['spec', 'param', 'levels', 'range'], fail);
  if (typeof o.spec !== 'string' || o.spec.trim() === '') fail(`${field}.spec`, `must be noise specs separated by spaces, e.g. "gaussian:stddev={0.1,0.2}", received ${show(o.spec)}`);
  const axis: TechniqueAxis = { spec: (o.spec as string).trim().split(/\s+/).join(' ') };
  if (o.param === undefined) {
    if (o.levels !== undefined || o.range !== undefined) fail(`${field}.param`, 'missing: levels and range give the values of a parameter; name it');
    return axis;
  }
  if (typeof o.param !== 'string' || o.param === '') fail(`${field}.param`, `must be a parameter name, received ${show(o.param)}`);
  axis.param = o.param as string;
  if (axis.spec.includes(' ') || hasValueSet(axis.spec)) fail(`${field}.param`, `sweeps one parameter of one technique; "${axis.spec}" holds several specs or value sets already`);
  let technique;
  try {
    technique = parseNoiseSpec(axis.spec).technique;
  } catch (err) {
    if (err instanceof NoiseSpecError) fail(`${field}.spec`, err.message);
    throw err;
  }
  const p = technique.params.find((q) => q.name === axis.param);
  if (!p || p.choices) fail(`${field}.param`, `must be a numeric parameter of ${technique.name} (${technique.params.filter((q) => !q.choices).map((q) => q.name).join(', ')}), received ${show(o.param)}`);
  if (new RegExp(`[:,]\\s*${axis.param}\\s*=`).test(axis.spec)) fail(`${field}.param`, `${axis.param} is both set in "${axis.spec}" and swept; remove one`);
  if ((o.levels === undefined) === (o.range === undefined)) fail(field, 'needs exactly one of levels (a list) and range ({from, to, points, scale})');
  if (o.levels !== undefined) {
    const levels = o.levels;
    if (!Array.isArray(levels) || levels.length === 0 || !levels.every((v) => typeof v === 'number' && Number.isFinite(v))) fail(`${field}.levels`, `must be a non-empty list of numbers, received ${show(levels)}`);
    if (new Set(levels as number[]).size !== (levels as number[]).length) fail(`${field}.levels`, `must be distinct, received ${show(levels)}`);
    axis.levels = [...(levels as number[])];
  } else {
    axis.range = levelRange(o.range, `${field}.range`, fail);
  }
  return axis;
}

function levelRange(value: unknown, field: string, fail: (field: string, reason: string) => never): LevelRange {
  const o = object(value, field, ['from', 'to', 'points', 'scale'], fail);
  for (const k of ['from', 'to'] as const) if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) fail(`${field}.${k}`, `must be a number, received ${show(o[k])}`);
  if (!Number.isInteger(o.points) || (o.points as number) < 1) fail(`${field}.points`, `must be an integer >= 1, received ${show(o.points)}`);
  const scale = o.scale ?? 'linear';
  if (scale !== 'linear' && scale !== 'log') fail(`${field}.scale`, `must be "linear" or "log", received ${show(scale)}`);
  const r: LevelRange = { from: o.from as number, to: o.to as number, points: o.points as number, scale: scale as 'linear' | 'log' };
  if (r.points === 1 && r.from !== r.to) fail(`${field}.points`, `must be >= 2 to span from ${r.from} to ${r.to} (1 point is a single level: use levels)`);
  if (r.points > 1 && r.from === r.to) fail(field, `spans nothing: from and to are both ${r.from} but points is ${r.points}`);
  if (r.scale === 'log' && !(r.from > 0 && r.to > 0)) fail(field, `a log range needs from and to > 0, received from ${r.from}, to ${r.to}`);
  return r;
}

function modelAxis(value: unknown, field: string, source: string, fail: (field: string, reason: string) => never): ModelAxis {
  const o = object(value, field, ['name', ...MODEL_AXIS_KEYS], fail);
  if (typeof o.name !== 'string' || o.name.trim() === '' || /[[\],]/.test(o.name)) fail(`${field}.name`, `must be a non-empty name without brackets or commas, received ${show(o.name)}`);
  const { name, ...settings } = o;
  if (Object.keys(settings).length === 0) fail(field, `must set at least one of ${MODEL_AXIS_KEYS.join(', ')}`);
  let parsed;
  try {
    parsed = parseExperimentConfig(settings, source);
  } catch (err) {
    if (err instanceof ExperimentConfigError) fail(`${field}.${err.field}`, err.reason);
    throw err;
  }
  const axis: ModelAxis = { name: name as string };
  if (o.model !== undefined) axis.model = parsed.model;
  if (o.hidden !== undefined) axis.hidden = parsed.hidden;
  if (o.activation !== undefined) axis.activation = parsed.activation;
  return axis;
}
