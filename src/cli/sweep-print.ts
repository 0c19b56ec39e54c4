/** What `noisenet sweep` prints: the plan before the runs, and the tables after them. */
import { formatRobustnessSummaryTable, formatSummaryTable } from '../experiments/format.js';
import { plural } from '../experiments/format.js';
import { verdict, verdictParagraph } from '../experiments/verdict.js';
import type { SweepPlan } from '../sweep/plan.js';
import { bestConfiguration, bestLevelRule, formatBestLevels, techniqueCurves, topConfigurationLine } from '../sweep/sweep-analysis.js';
import { comparisonView, type SweepResults } from '../sweep/sweep-results.js';

/** `Sweep "name": 7 configurations (baseline + 6 levels of 2 techniques) x 2 seeds = 14 runs; 4 stored in DIR already`. */
export function describePlan(plan: SweepPlan, stored: number, where: string): string[] {
  const c = plan.config;
  const axes = c.search.techniques.length;
  const cells = new Set(plan.groups.map((g) => g.cell)).size;
  const levels = plan.groups.filter((g) => g.axis !== null).length;
  const lines = [
    `Sweep "${c.name}": ${plural(plan.groups.length, 'configuration')} (${cells > 1 ? `${cells} cells of ` : ''}baseline + ${plural(levels / cells, 'level')} of ${plural(axes, 'technique')}${c.search.sample ? `, a sample of ${c.search.sample.count} points` : ''}) x ${plural(c.seeds.length, 'seed')} = ${plural(plan.runs.length, 'run')}; ${plural(c.epochs, 'epoch')} each`,
    `Runs: ${where}${stored > 0 ? `; ${stored} of ${plan.runs.length} stored already (not trained again)` : ''}`,
  ];
  return lines;
}

/** The tables printed at the end: the compare summary and robustness, then the best level per technique and the best configuration. */
export function sweepTables(results: SweepResults): string {
  const view = comparisonView(results);
  const rows = view.summary!;
  const r = results.config.robustness;
  const seeds = plural(results.config.seeds.length, 'seed');
  const top = topConfigurationLine(bestConfiguration(rows));
  const curves = techniqueCurves(results, rows);
  const metric = rows.find((row) => row.metric !== undefined)?.metric;
  const measured = metric === undefined ? 'accuracy' : `RMSE, lower is better,`;
  const failed = results.failed.map((f) => `  ${f.configuration} seed ${f.seed} (${plural(f.attempts, 'attempt')}): ${f.error}`);
  return [
    `\nSummary (final epoch; mean ± sd over ${seeds}; Δ: mean validation ${metric ?? 'accuracy'} minus the baseline's of the same cell, 95% Welch CI):\n${formatSummaryTable(rows)}`,
    `\nRobustness (${measured} on ${results.dataset.robustnessCount} validation inputs + Gaussian noise of stddev s, ${plural(r.draws, 'draw')} per level; mean ± sd over ${seeds}):\n${formatRobustnessSummaryTable(rows)}`,
    `\nBest level per technique (${bestLevelRule(curves)}):\n${formatBestLevels(curves)}`,
    top ? `\n${top.lead}: ${top.name}${top.rest}` : '\nNo run finished.',
    `\nVerdict: ${verdictParagraph(verdict(rows, view.cards ?? []))}`,
    ...(failed.length ? [`\nFailed runs (${failed.length} of ${results.plan.length}):\n${failed.join('\n')}`] : []),
    '',
  ].join('\n');
}
