/**
 * The robustness card's per-corruption heat map: configurations down, corruptions across, each
 * cell the configuration's accuracy under that corruption (mean over seeds), colored and written.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResults } from '../../experiments/results.js';
import { configurationNames } from '../chart-data.js';
import { labelWidth, plotWidth, topLevel } from './common.js';

/** One cell of the heat map. */
export interface CorruptionCell {
  configuration: string;
  corruption: string;
  /** Mean accuracy over the seeds that measured it. */
  accuracy: number;
  n: number;
}

/** The cells of `results`, corruptions in the order the runs measured them; empty when no run measured per-corruption accuracies. */
export function corruptionCells(results: Pick<ExperimentResults, 'config' | 'runs'>): { corruptions: string[]; cells: CorruptionCell[] } {
  const corruptions: string[] = [];
  for (const run of results.runs) for (const name of Object.keys(run.card?.corruption?.accuracies ?? {})) if (!corruptions.includes(name)) corruptions.push(name);
  const cells: CorruptionCell[] = [];
  for (const configuration of configurationNames(results)) {
    const runs = results.runs.filter((r) => r.configuration === configuration);
    for (const corruption of corruptions) {
      const values = runs.map((r) => r.card?.corruption?.accuracies?.[corruption]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (values.length > 0) cells.push({ configuration, corruption, accuracy: values.reduce((a, b) => a + b, 0) / values.length, n: values.length });
    }
  }
  return { corruptions, cells };
}

/** The heat map's spec, or null when no run measured per-corruption accuracies. */
export function corruptionHeatmapSpec(results: Pick<ExperimentResults, 'config' | 'runs'>): TopLevelSpec | null {
  const { corruptions, cells } = corruptionCells(results);
  if (cells.length === 0) return null;
  const names = configurationNames(results).filter((n) => cells.some((c) => c.configuration === n));
  const samples = results.runs.find((r) => r.card?.corruption)?.card?.corruption?.samples;
  const x = { field: 'corruption', type: 'nominal', title: null, sort: corruptions, axis: { labelAngle: -40, labelLimit: 120 } };
  const y = { field: 'configuration', type: 'nominal', title: null, sort: names, axis: { labelLimit: 400 } };
  return topLevel('Accuracy under each corruption', `MNIST-C corruptions at the benchmark's severities${samples ? `, ${samples} validation samples` : ''}; mean over seeds`, {
    data: { values: cells },
    width: plotWidth(null, labelWidth(names) + 24),
    height: { step: 34 },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          color: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { scheme: 'viridis', domain: [0, 1] }, legend: { orient: 'bottom', direction: 'horizontal', gradientLength: 240 } },
          tooltip: [{ field: 'configuration', type: 'nominal' }, { field: 'corruption', type: 'nominal' }, { field: 'accuracy', type: 'quantitative', format: '.3f' }, { field: 'n', type: 'quantitative', title: 'seeds' }],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'accuracy', type: 'quantitative', format: '.2f' },
          color: { condition: { test: 'datum.accuracy < 0.6', value: 'white' }, value: 'black' },
        },
      },
    ],
  });
}
