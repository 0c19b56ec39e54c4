/** The card's per-corruption heat map: one cell per configuration and corruption, the mean over seeds, drawn at the page's width. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corruptionCells, corruptionHeatmapSpec } from './corruption-heatmap.js';
import { fakeResults } from '../../testing/experiment-fixtures.js';
import { renderSvg } from '../render.js';
import { PAGE_WIDTH } from './common.js';

test('each cell is the mean over the seeds that measured the corruption; no runs with corruptions, no chart', async () => {
  const results = fakeResults(['baseline', 'gaussian 0.1'], [1, 2]);
  assert.equal(corruptionHeatmapSpec(results), null);
  results.runs.forEach((r, i) => {
    if (r.configuration === 'gaussian 0.1' && r.seed === 2) return; // this run measured no corruption
    r.card = { corruption: { meanAccuracy: 0.5, corruptions: 2, samples: 10, severity: 'default', accuracies: { fog: 0.1 * (i + 1), stripe: 0.5 } } };
  });
  const { corruptions, cells } = corruptionCells(results);
  assert.deepEqual(corruptions, ['fog', 'stripe']);
  const fog = (name: string): number => cells.find((c) => c.configuration === name && c.corruption === 'fog')!.accuracy;
  const runs = results.runs.map((r, i) => ({ r, fog: 0.1 * (i + 1) }));
  const baseline = runs.filter((x) => x.r.configuration === 'baseline').map((x) => x.fog);
  assert.ok(Math.abs(fog('baseline') - (baseline[0]! + baseline[1]!) / 2) < 1e-12);
  assert.equal(cells.find((c) => c.configuration === 'gaussian 0.1' && c.corruption === 'fog')!.n, 1);
  const svg = (await renderSvg(corruptionHeatmapSpec(results)!)).svg;
  const width = Number(/<svg[^>]*\bwidth="([\d.]+)"/.exec(svg)![1]);
  assert.ok(width >= 0.85 * PAGE_WIDTH && width <= PAGE_WIDTH, `${width} px for a ${PAGE_WIDTH}-px column`);
  for (const label of ['fog', 'stripe', 'baseline', 'gaussian 0.1']) assert.ok(svg.includes(label), label);
});
