/** Learning curves: train and validation loss and accuracy per epoch, one color per configuration. */
import { mainMetricOf } from '../../experiments/main-metric.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResults } from '../../experiments/results.js';
import { configurationNames, epochBands } from '../chart-data.js';
import { LINE_LEGEND, PANEL, plotWidth, bandLayer, meanLineLayer, topLevel } from './common.js';

/**
 * Two panels (accuracy, loss); in each, per configuration, the mean over seeds of the train
 * (solid) and validation (dashed) metric per epoch with a ± 1 sd band.
 */
export function learningCurvesSpec(results: Pick<ExperimentResults, 'config' | 'runs'>): TopLevelSpec {
  const names = configurationNames(results);
  // A regression's panel is its main error (rmse), not an accuracy.
  const main = mainMetricOf(results.runs);
  const panel = main.key === 'accuracy' ? 'accuracy' : main.key;
  const values = [
    ...epochBands(results, main.key, { split: 'train', panel }),
    ...epochBands(results, `val_${main.key}`, { split: 'validation', panel }),
    ...epochBands(results, 'loss', { split: 'train', panel: 'loss' }),
    ...epochBands(results, 'val_loss', { split: 'validation', panel: 'loss' }),
  ];
  const x = { field: 'x', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } };
  const dash = { field: 'split', type: 'nominal', title: 'split', scale: { domain: ['train', 'validation'], range: [[1, 0], [6, 4]] }, legend: { ...LINE_LEGEND, encode: { symbols: { update: { stroke: { value: '#555' }, fill: { value: 'transparent' } } } } } };
  return topLevel('Learning curves', 'mean over seeds; band: ± 1 sd; solid: train, dashed: validation', {
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: [panel, 'loss'] },
    columns: 1,
    spec: { ...PANEL, width: plotWidth(names), layer: [bandLayer(names, x, 'split'), meanLineLayer(names, x, 'mean over seeds', { strokeDash: dash, detail: { field: 'split', type: 'nominal' } }, results.config.epochs)] },
    resolve: { scale: { y: 'independent' } },
  });
}
