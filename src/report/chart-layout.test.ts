/**
 * The charts' layout: a sweep's axis holds the baseline's level 0, the final-accuracy chart
 * leaves a margin around every dot, and every chart is laid out for the page's width.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sweepLevelsSpec } from './charts/sweep-levels.js';
import { finalAccuracySpec, paddedDomain } from './charts/final-accuracy.js';
import { PAGE_WIDTH } from './charts/common.js';
import { CHARTS } from './charts/index.js';
import { renderSvg } from './render.js';
import { fakeResults } from '../testing/experiment-fixtures.js';
import { finalPoints } from './chart-data.js';
import type { TechniqueCurve } from '../sweep/sweep-analysis.js';
import type { Difference } from '../experiments/summary-types.js';

const ms = (mean: number): { mean: number; sd: number; n: number } => ({ mean, sd: 0.004, n: 3 });

function curve(levels: (number | string)[], scale: 'linear' | 'log', bestDiff: Difference): TechniqueCurve {
  const points = levels.map((level, i) => ({ configuration: `gaussian:stddev=${level}`, level, series: '', valAccuracy: ms(0.82 - 0.01 * i), gapAccuracy: ms(0.12 - 0.02 * i), diff: bestDiff }));
  return { axis: 0, title: 'gaussian stddev', cell: '', scale, baseline: { configuration: 'baseline', valAccuracy: ms(0.815), gapAccuracy: ms(0.15) }, points, best: points[0]! };
}

const width = (svg: string): number => Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
const xAxis = (svg: string): string => /aria-label="X-axis titled '[^']*' for a ([a-z]+ scale with values from [^"]+)"/.exec(svg)![1]!;

test('a sweep chart\'s x axis starts at the baseline\'s level 0, which carries the baseline\'s point', async () => {
  const within = { estimate: 0.005, low: -0.01, high: 0.02, level: 0.95 };
  const svg = (await renderSvg(sweepLevelsSpec(curve([0.1, 0.2, 0.3], 'linear', within)))).svg;
  assert.match(xAxis(svg), /^linear scale with values from 0\.0+ to /, 'the axis starts at 0 though the lowest level swept is 0.1');
  assert.match(svg, /aria-label="gaussian stddev: 0; mean: 0\.815; level: baseline \(no noise\)"/);
  assert.match(svg, /highest mean: 0\.1, Δ \+0\.0050 \[-0\.0100, \+0\.0200\]/, 'within the interval the top level is not called best');
  assert.doesNotMatch(svg, />best: /);
  const above = (await renderSvg(sweepLevelsSpec(curve([0.1, 0.2], 'linear', { estimate: 0.03, low: 0.01, high: 0.05, level: 0.95 })))).svg;
  assert.match(above, />best: 0\.1, Δ \+0\.0300 \[\+0\.0100, \+0\.0500\]</);
  const log = (await renderSvg(sweepLevelsSpec(curve([0.001, 0.01, 0.1], 'log', within)))).svg;
  assert.match(xAxis(log), /^symlog scale with values from 0\.0+ to /, 'a log range is drawn on a symlog axis that holds 0');
  const ordinal = sweepLevelsSpec(curve(['hidden', 'input'], 'linear', within)) as unknown as { vconcat: { layer: { encoding: { x: { scale?: { domain?: unknown } } } }[] }[] };
  assert.deepEqual(ordinal.vconcat[0]!.layer[0]!.encoding.x.scale?.domain, ['none', 'hidden', 'input'], 'named levels: the baseline comes first, as none');
});

test('the final-accuracy chart leaves a margin around its lowest and highest dots', () => {
  const results = fakeResults();
  const values = finalPoints(results).map((p) => p.value);
  const spec = finalAccuracySpec(results) as unknown as { layer: { encoding: { x: { scale: { domain: [number, number]; nice: boolean } } } }[] };
  const [lo, hi] = spec.layer[1]!.encoding.x.scale.domain;
  assert.equal(spec.layer[1]!.encoding.x.scale.nice, false);
  assert.ok(lo < Math.min(...values) - 0.001 && hi > Math.max(...values) + 0.001, `${lo}..${hi} around ${Math.min(...values)}..${Math.max(...values)}`);
  assert.deepEqual(paddedDomain([0.5, 0.5]), [0.498, 0.502]);
});

test('every chart is laid out for the page\'s width: as wide as the column, not wider', async () => {
  for (const names of [['baseline', 'gaussian 0.1', 'dropout 0.2'], ['baseline', 'gaussian 0.1 + dropout:rate=0.5@hidden + weight:stddev=0.01', 'dropout 0.2']]) {
    const results = fakeResults(names);
    for (const chart of CHARTS) {
      const w = width((await renderSvg(chart.spec(results))).svg);
      assert.ok(w >= 0.85 * PAGE_WIDTH && w <= PAGE_WIDTH, `${chart.id}: ${w} px for a ${PAGE_WIDTH}-px column`);
    }
  }
  const w = width((await renderSvg(sweepLevelsSpec(curve([0.1, 0.2, 0.3], 'linear', { estimate: 0, low: -1, high: 1, level: 0.95 })))).svg);
  assert.ok(w >= 0.85 * PAGE_WIDTH && w <= PAGE_WIDTH, `sweep chart: ${w} px`);
});
