/** The reliability diagram (Guo et al. 2017): accuracy against mean confidence per confidence bin, with the diagonal of perfect calibration. */
import type { TopLevelSpec } from 'vega-lite';
import type { Calibration } from '../../experiments/calibration.js';
import { PANEL, topLevel } from './common.js';

/** Bars of accuracy per non-empty bin (their width the bin's), each bin's mean confidence as a tick, and the diagonal. */
export function reliabilitySpec(calibration: Calibration, title = 'Reliability diagram'): TopLevelSpec {
  const bins = calibration.bins.filter((b) => b.count > 0).map((b) => ({ lower: b.lower, upper: b.upper, accuracy: b.accuracy, confidence: b.confidence, count: b.count }));
  const scale = { domain: [0, 1] };
  const x = { field: 'lower', type: 'quantitative', title: 'confidence (top probability)', scale };
  const subtitle = `${calibration.bins.length} equal-width bins, ${calibration.samples} samples; ECE ${calibration.ece.toFixed(4)}, NLL ${calibration.nll.toFixed(4)}, Brier ${calibration.brier.toFixed(4)}`;
  return topLevel(title, subtitle, {
    ...PANEL,
    width: 420,
    height: 320,
    layer: [
      {
        data: { values: bins },
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.8, stroke: 'white' },
        encoding: {
          x,
          x2: { field: 'upper' },
          y: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale },
          y2: { datum: 0 },
          tooltip: [{ field: 'count', type: 'quantitative', title: 'samples' }, { field: 'accuracy', type: 'quantitative', format: '.3f' }, { field: 'confidence', type: 'quantitative', format: '.3f' }],
        },
      },
      {
        data: { values: bins },
        mark: { type: 'point', shape: 'diamond', filled: true, color: '#e45756', size: 40 },
        encoding: { x: { field: 'confidence', type: 'quantitative', scale }, y: { field: 'accuracy', type: 'quantitative', scale } },
      },
      {
        data: { values: [{ p: 0 }, { p: 1 }] },
        mark: { type: 'line', color: '#888', strokeDash: [4, 4] },
        encoding: { x: { field: 'p', type: 'quantitative', scale }, y: { field: 'p', type: 'quantitative', scale } },
      },
    ],
  });
}
