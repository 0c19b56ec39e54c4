/**
 * A sweep's chart per technique: validation accuracy (top) and generalization gap (bottom)
 * against the noise level, mean over seeds with a ± 1 sd band, the baseline as a dashed line,
 * and the level that maximises validation accuracy marked with its confidence interval against
 * the baseline (drawn around the best mean: it crosses the baseline's line exactly when the
 * interval of the difference contains 0). The baseline is also drawn at its level, 0 (no
 * noise), so the axis always holds it; the plots span the report's width.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LevelPoint, TechniqueCurve } from '../../sweep/sweep-analysis.js';
import { formatDifference } from '../../experiments/format.js';
import { CONFIG, PADDING, SCHEMA, plotWidth } from './common.js';

const HEIGHT = 200;

/** Where the baseline (no noise) sits on an ordinal axis of levels. */
export const NO_NOISE = 'none';

function rows(points: readonly LevelPoint[], metric: 'valAccuracy' | 'gapAccuracy'): Record<string, number | string>[] {
  return points
    .filter((p) => p[metric].mean !== null)
    .map((p) => {
      const m = p[metric].mean!;
      const sd = p[metric].sd ?? 0;
      return { level: p.level, series: p.series || 'all', mean: m, low: m - sd, high: m + sd, n: p[metric].n, configuration: p.configuration };
    });
}

function panel(values: Record<string, number | string>[], x: Record<string, unknown>, yTitle: string, baseline: { mean: number | null; sd: number | null; level: number | string }, extra: Record<string, unknown>[]): Record<string, unknown> {
  const series = [...new Set(values.map((v) => String(v.series)))];
  const legend = series.some((v) => v !== 'all');
  const color = { field: 'series', type: 'nominal', title: 'other settings', legend: legend ? {} : null };
  const base = baseline.mean === null ? null : { level: baseline.level, mean: baseline.mean, low: baseline.mean - (baseline.sd ?? 0), high: baseline.mean + (baseline.sd ?? 0), label: 'baseline (no noise)' };
  return {
    width: plotWidth(legend ? series : null),
    height: HEIGHT,
    layer: [
      { data: { values }, mark: { type: 'area', opacity: 0.16 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, fill: color } },
      {
        data: { values },
        mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: yTitle, scale: { zero: false } },
          color,
          tooltip: [{ field: 'configuration' }, { field: 'mean', format: '.4f' }, { field: 'n', title: 'seeds' }],
        },
      },
      ...(base === null
        ? []
        : [
            { data: { values: [base] }, mark: { type: 'rule', color: '#666', strokeDash: [4, 3] }, encoding: { y: { field: 'mean', type: 'quantitative' } } },
            { data: { values: [base] }, mark: { type: 'rule', color: '#444', strokeWidth: 2 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
            { data: { values: [base] }, mark: { type: 'point', shape: 'square', size: 70, filled: true, color: '#444' }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'label', title: 'level' }, { field: 'mean', format: '.4f' }] } },
          ]),
      ...extra,
    ],
  };
}

/** The chart of one technique curve. */
export function sweepLevelsSpec(curve: TechniqueCurve): TopLevelSpec {
  const numeric = curve.points.every((p) => typeof p.level === 'number');
  // The baseline is level 0 (no noise): a linear axis starts at 0; a log axis becomes symlog, linear near 0, so 0 fits.
  const smallest = Math.min(...curve.points.map((p) => (typeof p.level === 'number' && p.level > 0 ? p.level : Infinity)));
  const x = numeric
    ? { field: 'level', type: 'quantitative', title: `${curve.title}`, ...(curve.scale === 'log' ? { scale: { type: 'symlog', constant: Number.isFinite(smallest) ? smallest : 1 }, axis: { values: [0, ...new Set(curve.points.map((p) => p.level))] } } : { scale: { zero: true } }) }
    : { field: 'level', type: 'ordinal', title: `${curve.title}`, sort: null, scale: { domain: [NO_NOISE, ...new Set(curve.points.map((p) => p.level))] } };
  const baseLevel = numeric ? 0 : NO_NOISE;
  const best = curve.best;
  const marks: Record<string, unknown>[] = [];
  if (best && best.valAccuracy.mean !== null) {
    const m = best.valAccuracy.mean;
    const d = best.diff;
    const ci = d && d.low !== null && d.high !== null ? { low: m - (d.estimate - d.low), high: m + (d.high - d.estimate) } : null;
    const beyond = d !== null && d.low !== null && d.low > 0;
    const label = `${beyond ? 'best' : 'highest mean'}: ${best.level}${best.series ? ` (${best.series})` : ''}, Δ ${formatDifference(d)}`;
    const at = { level: best.level, mean: m, ...(ci ?? { low: m, high: m }), label };
    if (ci) marks.push({ data: { values: [at] }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } });
    marks.push({ data: { values: [at] }, mark: { type: 'point', shape: 'diamond', size: 160, filled: true, color: '#d62728' }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } });
    marks.push({ data: { values: [at] }, mark: { type: 'text', align: 'left', dx: 8, dy: -10, color: '#d62728', fontSize: 11 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, text: { field: 'label' } } });
  }
  const cell = curve.cell ? ` [${curve.cell}]` : '';
  return {
    $schema: SCHEMA,
    title: { text: `Sweep: ${curve.title}${cell}`, subtitle: ['final epoch, mean over seeds; band: ± 1 sd;', 'grey square at level 0 and dashed line: the baseline (no noise), ± 1 sd;', curve.metric === undefined || curve.metric === 'r2' ? 'red: the level with the highest mean and the 95% CI of its Δ from the baseline (best only above 0)' : 'red: the level with the lowest mean and the 95% CI of its Δ from the baseline (best only below 0)'] },
    config: CONFIG,
    padding: PADDING,
    vconcat: [
      panel(rows(curve.points, 'valAccuracy'), x, curve.metric === undefined ? 'validation accuracy' : `validation ${curve.metric}`, { ...curve.baseline.valAccuracy, level: baseLevel }, marks),
      panel(rows(curve.points, 'gapAccuracy'), x, curve.metric === undefined ? 'gap acc (train − val)' : `gap ${curve.metric} (${curve.metric === 'r2' ? 'train − val' : 'val − train'})`, { ...curve.baseline.gapAccuracy, level: baseLevel }, []),
    ],
  } as unknown as TopLevelSpec;
}
