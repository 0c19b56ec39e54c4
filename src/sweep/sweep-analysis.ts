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
}

type Input = Pick<SweepResults, 'config' | 'groups' | 'runs'>;

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
          return { configuration: g.configuration, level: g.level!, series: g.series, valAccuracy: r.valAccuracy, gapAccuracy: r.gapAccuracy, diff: r.diffValAccuracy };
        });
      if (points.length === 0) return;
      let best: LevelPoint | null = null;
      for (const p of points) if (p.valAccuracy.mean !== null && (best === null || p.valAccuracy.mean > best.valAccuracy.mean!)) best = p;
      curves.push({ axis: i, title: axisTitle(axis), cell, scale: axis.range?.scale ?? 'linear', baseline: { configuration: base.configuration, valAccuracy: base.valAccuracy, gapAccuracy: base.gapAccuracy }, points, best });
    });
  }
  return curves;
}

/** The configuration with the highest mean final val accuracy (baselines included); null before any run. */
export function bestConfiguration(rows: readonly SummaryRow[]): SummaryRow | null {
  let best: SummaryRow | null = null;
  for (const r of rows) if (r.valAccuracy.mean !== null && (best === null || r.valAccuracy.mean > best.valAccuracy.mean!)) best = r;
  return best;
}

/**
 * The sweep's headline about its top configuration: called best only when its difference from
 * the baseline lies above 0 beyond the interval; otherwise it is the highest mean, said to be
 * within the interval (or without one, with a single seed) of the baseline.
 */
export function topConfigurationLine(top: SummaryRow | null): { lead: string; name: string; rest: string } | null {
  if (top === null) return null;
  const acc = `validation accuracy ${formatMeanSd(top.valAccuracy)} over ${top.valAccuracy.n} seed${top.valAccuracy.n === 1 ? '' : 's'}`;
  const d = top.diffValAccuracy;
  if (top.isBaseline) return { lead: 'Highest mean validation accuracy', name: top.configuration, rest: `, ${acc}: no configuration's mean is above the baseline's` };
  if (d === null) return { lead: 'Highest mean validation accuracy', name: top.configuration, rest: `, ${acc}` };
  const pct = `${Math.round(d.level * 100)}%`;
  if (d.low === null || d.high === null) return { lead: 'Highest mean validation accuracy', name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)} has no interval (one seed), so no configuration is called best` };
  if (d.low > 0) return { lead: 'Best configuration', name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)}, above the baseline beyond its ${pct} interval` };
  if (d.high < 0) return { lead: 'Highest mean validation accuracy', name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)}, below its baseline beyond its ${pct} interval, so no configuration is called best` };
  return { lead: 'Highest mean validation accuracy', name: top.configuration, rest: `, ${acc}; Δ vs baseline ${formatDifference(d)} lies within its ${pct} interval, so no configuration is called best` };
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
  return textTable(['technique', 'best level', 'val acc', 'gap acc (train-val)', 'baseline val acc', `Δ val acc vs baseline [${Math.round(level * 100)}% CI]`], curves.map(bestLevelCells));
}
