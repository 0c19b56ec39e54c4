/**
 * What a sweep found: per technique axis (and cell), validation accuracy and generalization gap
 * against the level, the level that maximises validation accuracy with its confidence interval
 * against the baseline, and the best configuration overall.
 */
import type { Difference, MeanSd, SummaryRow } from '../experiments/summary.js';
import { formatDifference, formatMeanSd, textTable } from '../experiments/format.js';
import { axisTitle } from './axis-levels.js';
import { sweepSummary, type SweepResults } from './sweep-results.js';

/** One level of a technique curve. */
export interface LevelPoint {
  configuration: string;
  level: number | string;
  /** The other value sets' values, e.g. `rate=0.5`; empty for one set. */
  series: string;
  valAccuracy: MeanSd;
  gapAccuracy: MeanSd;
  /** Final val accuracy minus the baseline's, with its Welch interval. */
  diff: Difference | null;
}

/** A technique axis in one cell. */
export interface TechniqueCurve {
  axis: number;
  /** `gaussian stddev`. */
  title: string;
  /** The cell, e.g. `small, n=500`; empty without model or size axes. */
  cell: string;
  /** How the levels are spaced: `log` for a log range, else `linear`. */
  scale: 'linear' | 'log';
  baseline: { configuration: string; valAccuracy: MeanSd; gapAccuracy: MeanSd };
  /** Levels in the plan's order. */
  points: LevelPoint[];
  /** The point with the highest mean val accuracy (the first on ties); null before any finished run. */
  best: LevelPoint | null;
  /** A regression's main metric (`rmse`, ...), which `valAccuracy`, `gapAccuracy` and `diff` then hold; absent for accuracy. */
  metric?: string;
}

type Input = Pick<SweepResults, 'config' | 'groups' | 'runs'>;

/** The values a row is compared by: its validation accuracy, or a regression's main metric (see `SummaryRow.metric`). */
export function mainValues(r: SummaryRow): { name: string; val: MeanSd; gap: MeanSd; diff: Difference | null; higherIsBetter: boolean } {
  if (r.metric === undefined) return { name: 'accuracy', val: r.valAccuracy, gap: r.gapAccuracy, diff: r.diffValAccuracy, higherIsBetter: true };
  const none: MeanSd = { mean: null, sd: null, n: 0 };
  return { name: r.metric, val: r.valMetric ?? none, gap: r.gapMetric ?? none, diff: r.diffValMetric ?? null, higherIsBetter: r.metric === 'r2' };
}

/** Whether `a` is a better mean than `b` in the direction of the metric. */
function better(a: number, b: number, higherIsBetter: boolean): boolean {
  return higherIsBetter ? a > b : a < b;
}

/** Every axis with levels, cell by cell. */
export function techniqueCurves(results: Input, rows: readonly SummaryRow[] = sweepSummary(results)): TechniqueCurve[] {
  const row = new Map(rows.map((r) => [r.configuration, r]));
  const curves: TechniqueCurve[] = [];
  const cells = [...new Set(results.groups.map((g) => g.cell))];
  for (const cell of cells) {
    const inCell = results.groups.filter((g) => g.cell === cell);
    const base = row.get(inCell.find((g) => g.axis === null)!.configuration)!;
    results.config.search.techniques.forEach((axis, i) => {
      const points: LevelPoint[] = inCell
        .filter((g) => g.axis === i && g.level !== null)
        .map((g) => {
          const r = row.get(g.configuration)!;
          const m = mainValues(r);
          return { configuration: g.configuration, level: g.level!, series: g.series, valAccuracy: m.val, gapAccuracy: m.gap, diff: m.diff };
        });
      if (points.length === 0) return;
      const b = mainValues(base);
      let best: LevelPoint | null = null;
      for (const p of points) if (p.valAccuracy.mean !== null && (best === null || better(p.valAccuracy.mean, best.valAccuracy.mean!, b.higherIsBetter))) best = p;
      curves.push({ axis: i, title: axisTitle(axis), cell, scale: axis.range?.scale ?? 'linear', baseline: { configuration: base.configuration, valAccuracy: b.val, gapAccuracy: b.gap }, points, best, ...(base.metric !== undefined ? { metric: base.metric } : {}) });
    });
  }
  return curves;
}

/** The configuration with the best mean final validation metric (the highest accuracy, a regression's lowest error; baselines included); null before any run. */
export function bestConfiguration(rows: readonly SummaryRow[]): SummaryRow | null {
  let best: SummaryRow | null = null;
  for (const r of rows) {
    const m = mainValues(r);
    if (m.val.mean !== null && (best === null || better(m.val.mean, mainValues(best).val.mean!, m.higherIsBetter))) best = r;
  }
  return best;
}

/**
 * The sweep's headline about its top configuration: called best only when its difference from
 * the baseline lies above 0 beyond the interval; otherwise it is the highest mean, said to be
 * within the interval (or without one, with a single seed) of the baseline.
 */
export function topConfigurationLine(top: SummaryRow | null): { lead: string; name: string; rest: string } | null {
  if (top === null) return null;
  const m = mainValues(top);
  const acc = `validation ${m.name} ${formatMeanSd(m.val)} over ${m.val.n} seed${m.val.n === 1 ? '' : 's'}`;
  const d = m.diff;
  const lead = `${m.higherIsBetter ? 'Highest' : 'Lowest'} mean validation ${m.name}`;
  const [good, bad] = m.higherIsBetter ? ['above', 'below'] : ['below', 'above'];
  if (top.isBaseline) return { lead, name: top.configuration, rest: `, ${acc}: no configuration's mean is ${m.higherIsBetter ? 'above' : 'below'} the baseline's` };
  if (d === null) return { lead, name: top.configuration, rest: `, ${acc}` };
  const pct = `${Math.round(d.level * 100)}%`;
  if (d.low === null || d.high === null) return { lead, name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)} has no interval (one seed), so no configuration is called best` };
  if (m.higherIsBetter ? d.low > 0 : d.high < 0) return { lead: 'Best configuration', name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)}, ${good} the baseline beyond its ${pct} interval` };
  if (m.higherIsBetter ? d.high < 0 : d.low > 0) return { lead, name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)}, ${bad} its baseline beyond its ${pct} interval, so no configuration is called best` };
  return { lead, name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)} lies within its ${pct} interval, so no configuration is called best` };
}

/** One curve's row of the best-levels table (text and HTML): technique, best level, its val and gap accuracy, the baseline's, and the difference. */
export function bestLevelCells(c: TechniqueCurve): string[] {
  return [
    c.title + (c.cell ? ` [${c.cell}]` : ''),
    c.best ? `${c.best.level}${c.best.series ? ` (${c.best.series})` : ''}` : '–',
    c.best ? formatMeanSd(c.best.valAccuracy) : '–',
    c.best ? formatMeanSd(c.best.gapAccuracy) : '–',
    formatMeanSd(c.baseline.valAccuracy),
    c.best ? formatDifference(c.best.diff) : '–',
  ];
}

/** The table of best levels, one row per technique curve. */
export function formatBestLevels(curves: readonly TechniqueCurve[]): string {
  const level = curves.find((c) => c.best?.diff)?.best?.diff?.level ?? 0.95;
  return textTable(bestLevelHeader(curves, level, 'train-val'), curves.map(bestLevelCells));
}

/** The header of the best-levels table: accuracy columns, or a regression's metric (`val rmse`, its gap val − train). */
export function bestLevelHeader(curves: readonly TechniqueCurve[], level: number, gap: string): string[] {
  const metric = curves.find((c) => c.metric !== undefined)?.metric;
  const short = metric ?? 'acc';
  const gapText = metric === undefined || metric === 'r2' ? gap : gap.split(/(\s*[-−]\s*)/).reverse().join('');
  return ['technique', 'best level', `val ${short}`, `gap ${short} (${gapText})`, `baseline val ${short}`, `Δ val ${short} vs baseline [${Math.round(level * 100)}% CI]`];
}

/** How the best level is chosen, for the tables' notes: `highest mean validation accuracy`, `lowest mean validation rmse`. */
export function bestLevelRule(curves: readonly TechniqueCurve[]): string {
  const metric = curves.find((c) => c.metric !== undefined)?.metric;
  return metric === undefined ? 'highest mean validation accuracy' : `${metric === 'r2' ? 'highest' : 'lowest'} mean validation ${metric}`;
}
