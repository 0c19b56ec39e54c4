/** Robustness curves: accuracy on validation inputs with Gaussian noise added at test time. */
import { isRegressionRuns } from '../../experiments/main-metric.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResults } from '../../experiments/results.js';
import { configurationNames, robustnessBands } from '../chart-data.js';
import { PANEL, plotWidth, bandLayer, meanLineLayer, topLevel } from './common.js';

/** Accuracy against the test-time noise stddev per configuration: mean over seeds (each averaged over draws), ± 1 sd band. */
export function robustnessSpec(results: Pick<ExperimentResults, 'config' | 'runs'>): TopLevelSpec {
  const names = configurationNames(results);
  const x = { field: 'x', type: 'quantitative', title: 'test-time Gaussian noise stddev' };
  const r = results.config.robustness;
  return topLevel('Robustness to test-time noise', `validation inputs + N(0, s²), ${r.draws} draws per level; band: ± 1 sd over seeds`, {
    data: { values: robustnessBands(results) },
    ...PANEL,
    width: plotWidth(names),
    layer: [bandLayer(names, x), meanLineLayer(names, x, isRegressionRuns(results.runs) ? 'RMSE' : 'accuracy')],
  });
}
