/** Final validation accuracy per configuration: mean with ± 1 sd error bars, and every seed's value. */
import { mainMetricOf } from '../../experiments/main-metric.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResults } from '../../experiments/results.js';
import { summarizeRuns } from '../../experiments/summary.js';
import { configurationNames, finalPoints } from '../chart-data.js';
import { colorByConfiguration, labelWidth, plotWidth, topLevel } from './common.js';

/**
 * The x domain around `values` with a margin of 6% of their range on each side (at least 0.002),
 * so that no dot sits on the edge of the plot, half drawn.
 */
export function paddedDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const margin = Math.max(0.002, 0.06 * (hi - lo));
  return [lo - margin, hi + margin];
}

/** One row per configuration: a ± 1 sd error bar, the mean (large dot) and each seed (small hollow dots). */
export function finalAccuracySpec(results: Pick<ExperimentResults, 'config' | 'runs'>): TopLevelSpec {
  const names = configurationNames(results);
  const main = mainMetricOf(results.runs);
  const stats = summarizeRuns(results)
    .map((r) => ({ configuration: r.configuration, v: r.valMetric ?? r.valAccuracy }))
    .filter((r) => r.v.mean !== null)
    .map(({ configuration, v }) => {
      const m = v.mean!;
      const sd = v.sd ?? 0;
      return { configuration, mean: m, low: m - sd, high: m + sd, n: v.n };
    });
  const points = finalPoints(results, `val_${main.key}`);
  const y = { field: 'configuration', type: 'nominal', title: null, sort: names, scale: { domain: names }, axis: { labelLimit: 400 } };
  const x = { type: 'quantitative', title: `final validation ${main.name}`, scale: { domain: paddedDomain([...stats.flatMap((r) => [r.low, r.high]), ...points.map((p) => p.value)]), nice: false, zero: false } };
  // The names label the rows already: the legend goes below the plot, leaving the page's width to the dots.
  const color = colorByConfiguration(names, { orient: 'bottom', direction: 'horizontal', columns: 2 });
  return topLevel(`Final validation ${main.name}`, 'dot: mean over seeds; bar: ± 1 sd; hollow dots: individual seeds', {
    width: plotWidth(null, labelWidth(names) + 24),
    height: { step: 34 },
    layer: [
      { data: { values: stats }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { ...x, field: 'low' }, x2: { field: 'high' }, color } },
      { data: { values: points }, mark: { type: 'point', size: 40, opacity: 0.7 }, encoding: { y, x: { ...x, field: 'value' }, color } },
      {
        data: { values: stats },
        mark: { type: 'circle', size: 110, opacity: 1 },
        encoding: { y, x: { ...x, field: 'mean' }, color, tooltip: [{ field: 'configuration' }, { field: 'mean', format: '.4f' }, { field: 'n', title: 'seeds' }] },
      },
    ],
  });
}
