/**
 * A sweep's chart per technique: validation accuracy (top) and generalization gap (bottom)
 * against the noise level, mean over seeds with a ± 1 sd band, the baseline as a dashed line,
 * and the level that maximises validation accuracy marked with its confidence interval against
 * the baseline (drawn around the best mean: it crosses the baseline's line exactly when the
 * interval of the difference contains 0).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LevelPoint, TechniqueCurve } from '../../sweep/sweep-analysis.js';
import { formatDifference } from '../../experiments/format.js';
import { CONFIG, PADDING, SCHEMA } from './common.js';

const WIDTH = 420;
const HEIGHT = 200;

function rows(points: readonly LevelPoint[], metric: 'valAccuracy' | 'gapAccuracy'): Record<string, number | string>[] {
  return points
    .filter((p) => p[metric].mean !== null)
    .map((p) => {
      const m = p[metric].mean!;
      const sd = p[metric].sd ?? 0;
      return { level: p.level, series: p.series || 'all', mean: m, low: m - sd, high: m + sd, n: p[metric].n, configuration: p.configuration };
    });
}

function panel(values: Record<string, number | string>[], x: Record<string, unknown>, yTitle: string, baseline: number | null, extra: Record<string, unknown>[]): Record<string, unknown> {
  const color = { field: 'series', type: 'nominal', title: 'other settings', legend: values.some((v) => v.series !== 'all') ? {} : null };
  return {
    width: WIDTH,
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
      ...(baseline === null ? [] : [{ data: { values: [{ y: baseline, label: 'baseline' }] }, mark: { type: 'rule', color: '#666', strokeDash: [4, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } }]),
      ...extra,
    ],
  };
}

/** The chart of one technique curve. */
export function sweepLevelsSpec(curve: TechniqueCurve): TopLevelSpec {
  const numeric = curve.points.every((p) => typeof p.level === 'number');
  const x = numeric
    ? { field: 'level', type: 'quantitative', title: `${curve.title}`, scale: curve.scale === 'log' ? { type: 'log' } : { zero: false } }
    : { field: 'level', type: 'ordinal', title: `${curve.title}`, sort: null };
  const best = curve.best;
  const marks: Record<string, unknown>[] = [];
  if (best && best.valAccuracy.mean !== null) {
    const m = best.valAccuracy.mean;
    const d = best.diff;
    const ci = d && d.low !== null && d.high !== null ? { low: m - (d.estimate - d.low), high: m + (d.high - d.estimate) } : null;
    const label = `best: ${best.level}${best.series ? ` (${best.series})` : ''}, Δ ${formatDifference(d)}`;
    const at = { level: best.level, mean: m, ...(ci ?? { low: m, high: m }), label };
    if (ci) marks.push({ data: { values: [at] }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } });
    marks.push({ data: { values: [at] }, mark: { type: 'point', shape: 'diamond', size: 160, filled: true, color: '#d62728' }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } });
    marks.push({ data: { values: [at] }, mark: { type: 'text', align: 'left', dx: 8, dy: -10, color: '#d62728', fontSize: 11 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, text: { field: 'label' } } });
  }
  const cell = curve.cell ? ` [${curve.cell}]` : '';
  return {
    $schema: SCHEMA,
    title: { text: `Sweep: ${curve.title}${cell}`, subtitle: ['final epoch, mean over seeds; band: ± 1 sd; dashed: baseline (no noise);', 'red: the best level, with the 95% CI of its difference from the baseline'] },
    config: CONFIG,
    padding: PADDING,
    vconcat: [
      panel(rows(curve.points, 'valAccuracy'), x, 'validation accuracy', curve.baseline.valAccuracy.mean, marks),
      panel(rows(curve.points, 'gapAccuracy'), x, 'gap acc (train − val)', curve.baseline.gapAccuracy.mean, []),
    ],
  } as unknown as TopLevelSpec;
}
