/** The sweep's part of the report page: the best configuration, the best level per technique, and the runs that failed. */
import type { SummaryRow } from '../experiments/summary.js';
import { bestLevelCells, bestLevelHeader, bestLevelRule, topConfigurationLine, type TechniqueCurve } from '../sweep/sweep-analysis.js';
import type { SweepFailure } from '../sweep/sweep-results.js';
import { escapeHtml, htmlTable } from './html-util.js';

/** The HTML section placed before the summary. */
export function sweepSection(best: SummaryRow | null, curves: readonly TechniqueCurve[], failed: readonly SweepFailure[], planned: number): string {
  const top = topConfigurationLine(best);
  const bestLine = top ? `<p>${escapeHtml(top.lead)}: <strong>${escapeHtml(top.name)}</strong>${escapeHtml(top.rest)}.</p>` : '<p>No run has finished yet.</p>';
  const table = htmlTable(
    bestLevelHeader(curves, 0.95, 'train − val'),
    curves.map(bestLevelCells),
    'summary',
  );
  const failures = failed.length
    ? `<h3>Failed runs (${failed.length} of ${planned})</h3>\n${htmlTable(['configuration', 'seed', 'attempts', 'error'], failed.map((f) => [f.configuration, String(f.seed), String(f.attempts), f.error]), 'runs')}`
    : '';
  return `<section id="sweep">\n<h2>Sweep</h2>\n${bestLine}\n${table}\n<p class="note">Best level: the level with the ${escapeHtml(bestLevelRule(curves).replace('mean', 'mean final'))}; the interval is the 95% Welch CI of its difference from the baseline. A Δ whose interval contains 0 is not a measured improvement.</p>\n${failures}</section>\n`;
}
