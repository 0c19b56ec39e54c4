/** The generalization gap over epochs: how far training metrics run ahead of validation. */
import { mainMetricOf } from '../../experiments/main-metric.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResults } from '../../experiments/results.js';
import { configurationNames, epochBands } from '../chart-data.js';
import { PANEL, plotWidth, bandLayer, meanLineLayer, topLevel } from './common.js';

/** Panel titles, also the facet's sort order. */
export const ACCURACY_GAP = 'accuracy gap (train − val)';
export const LOSS_GAP = 'loss gap (val − train)';

/** Two panels: train − val accuracy and val − train loss per epoch, mean over seeds with a ± 1 sd band, and a rule at 0. */
export function generalizationGapSpec(results: Pick<ExperimentResults, 'config' | 'runs'>): TopLevelSpec {
  const names = configurationNames(results);
  const main = mainMetricOf(results.runs);
  // A regression's first panel is its error's gap, validation above training.
  const first = main.key === 'accuracy' ? ACCURACY_GAP : `${main.key} gap (val − train)`;
  const values = [...epochBands(results, `gap_${main.key}`, { panel: first }), ...epochBands(results, 'gap_loss', { panel: LOSS_GAP })];
  const x = { field: 'x', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } };
  const zero = { mark: { type: 'rule', color: '#888', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } };
  return topLevel('Generalization gap', 'mean over seeds; band: ± 1 sd; above 0: training ahead of validation', {
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: [first, LOSS_GAP] },
    columns: 1,
    spec: { ...PANEL, width: plotWidth(names), layer: [bandLayer(names, x), zero, meanLineLayer(names, x, 'gap', {}, results.config.epochs)] },
    resolve: { scale: { y: 'independent' } },
  });
}
