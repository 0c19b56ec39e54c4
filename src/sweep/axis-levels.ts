/**
 * The configurations of a search space: every technique axis expanded to its levels (value
 * sets, level lists, linear or log ranges), crossed with the models and training-set sizes,
 * each cell with its own baseline; or a seeded random sample of those points.
 */
import { ExperimentConfigError } from '../experiments/config.js';
import { NoiseSpecError } from '../techniques/spec-error.js';
import { expandSpecSets, specValueSets } from '../techniques/value-sets.js';
import { PRESET_NOISE } from '../run/build-run.js';
import { mulberry32, seededShuffle } from '../data/seeded-shuffle.js';
import type { LevelRange, SweepConfig, TechniqueAxis } from './sweep-config.js';
import { RUN_LIMITS } from '../run/run-limits.js';

/** One configuration of the sweep: trained once per seed. */
export interface SweepGroup {
  /** Unique name: the specs joined by ` + ` (`baseline` for none), then the cell, e.g. `gaussian:stddev=0.1 [small, n=500]`. */
  configuration: string;
  noise: string[];
  /** Index of the technique axis in `search.techniques`; null for a baseline. */
  axis: number | null;
  /** The value of the axis' first value set (the x of its chart); null for a baseline or an axis without sets. */
  level: number | string | null;
  /** The values of the other sets, e.g. `rate=0.5`; empty when the axis has one set. */
  series: string;
  /** Model axis name, or null (the config's model). */
  model: string | null;
  /** Training-set size of the cell, or null (the config's `trainSize`). */
  trainSize: number | null;
  /** The cell (model and size) as shown in names: `small, n=500`; empty without those axes. */
  cell: string;
}

/** Round to 12 significant digits, so that 0.1 * 3 is written 0.3. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** The levels of a range, ends included. */
export function rangeLevels(r: LevelRange): number[] {
  if (r.points === 1) return [r.from];
  return Array.from({ length: r.points }, (_, i) => {
    if (i === 0) return r.from;
    if (i === r.points - 1) return r.to;
    const t = i / (r.points - 1);
    return tidy(r.scale === 'log' ? Math.exp(Math.log(r.from) + (Math.log(r.to) - Math.log(r.from)) * t) : r.from + (r.to - r.from) * t);
  });
}

/** The axis' specs with its levels written as a value set: `dropout@hidden` + rate [0.1, 0.5] is `dropout:rate={0.1,0.5}@hidden`. */
export function axisSpecs(axis: TechniqueAxis): string[] {
  if (axis.param === undefined) return axis.spec.split(' ');
  const values = (axis.levels ?? rangeLevels(axis.range!)).map(String).join(',');
  const at = axis.spec.lastIndexOf('@');
  const body = at >= 0 ? axis.spec.slice(0, at) : axis.spec;
  const where = at >= 0 ? axis.spec.slice(at) : '';
  return [`${body}${body.includes(':') ? ',' : ':'}${axis.param}={${values}}${where}`];
}

/** The title of an axis' chart: `gaussian stddev`, or its spec when nothing varies. */
export function axisTitle(axis: TechniqueAxis): string {
  const specs = axisSpecs(axis);
  for (const s of specs) {
    const sets = specValueSets(s);
    if (sets.length > 0) return `${s.split(':')[0]!.trim()} ${sets[0]!.param ?? 'placement'}`;
  }
  return axis.spec;
}

interface AxisPoint {
  noise: string[];
  level: number | string | null;
  series: string;
}

function axisPoints(axis: TechniqueAxis): AxisPoint[] {
  let points: { noise: string[]; labels: string[]; values: (number | string)[] }[] = [{ noise: [], labels: [], values: [] }];
  for (const spec of axisSpecs(axis)) {
    const own = spec.trim() === PRESET_NOISE; // a preset's own noise (the convnet's dropout), kept on this axis
    const sets = own ? [] : specValueSets(spec);
    const expanded = own ? [{ text: PRESET_NOISE, values: [] as (number | string)[] }] : expandSpecSets(spec);
    points = points.flatMap((p) =>
      expanded.map((e) => ({
        noise: [...p.noise, e.text],
        values: [...p.values, ...e.values],
        labels: [...p.labels, ...e.values.map((v, i) => (sets[i]!.param === null ? `@${v}` : `${sets[i]!.param}=${v}`))],
      })),
    );
  }
  return points.map((p) => ({ noise: p.noise, level: p.values[0] ?? null, series: p.labels.slice(1).join(', ') }));
}

/**
 * Every configuration of the sweep, cell by cell (model, then training-set size), each cell's
 * baseline first.
 * @throws ExperimentConfigError naming `source` and the field: a spec or level that does not
 *   parse or is outside its range, two axes giving the same configuration, a sample larger than the grid.
 */
export function axisGroups(config: SweepConfig, source: string, max = RUN_LIMITS.configurations): SweepGroup[] {
  const { search } = config;
  const pointsOf = search.techniques.map((axis, i) => {
    try {
      return axisPoints(axis);
    } catch (err) {
      if (err instanceof NoiseSpecError) throw new ExperimentConfigError(source, `search.techniques[${i}]`, err.message);
      throw err;
    }
  });
  const models = search.models ?? [null];
  const sizes = search.trainSizes ?? [null];
  const grid = models.length * sizes.length * (1 + pointsOf.reduce((n, p) => n + p.length, 0));
  if (grid > max) throw new ExperimentConfigError(source, 'search', `plans ${grid} configurations, more than the limit of ${max} (a limit of the run schema: configurations); sweep fewer levels, models or sizes`);
  const groups: SweepGroup[] = [];
  for (const m of models) {
    for (const n of sizes) {
      const cell = [m?.name, n === null ? undefined : `n=${n}`].filter((x) => x !== undefined).join(', ');
      const name = (base: string): string => (cell ? `${base} [${cell}]` : base);
      const shared = { model: m?.name ?? null, trainSize: n, cell };
      groups.push({ configuration: name('baseline'), noise: [], axis: null, level: null, series: '', ...shared });
      pointsOf.forEach((points, axis) => {
        for (const p of points) groups.push({ configuration: name(p.noise.join(' + ')), noise: p.noise, axis, level: p.level, series: p.series, ...shared });
      });
    }
  }
  const seen = new Map<string, SweepGroup>();
  for (const g of groups) {
    const other = seen.get(g.configuration);
    if (other) throw new ExperimentConfigError(source, 'search.techniques', `contradictory: the configuration "${g.configuration}" comes from search.techniques[${other.axis ?? '?'}] and [${g.axis ?? '?'}]`);
    seen.set(g.configuration, g);
  }
  if (!search.sample) return groups;
  const candidates = groups.filter((g) => g.axis !== null);
  if (search.sample.count > candidates.length) {
    throw new ExperimentConfigError(source, 'search.sample.count', `must be at most ${candidates.length} (the points of the grid), received ${search.sample.count}`);
  }
  const chosen = new Set(seededShuffle([...candidates], mulberry32(search.sample.seed)).slice(0, search.sample.count));
  return groups.filter((g) => g.axis === null || chosen.has(g));
}
