/**
 * Plain-text tables for the terminal: the comparison summary, a robustness curve, and a
 * certification report. The HTML report uses the same cell formatting.
 */
import type { CertifyReport } from './certify-dataset.js';
import type { RobustnessPoint } from './robustness.js';
import type { Difference, MeanSd, SummaryRow } from './summary.js';
import type { ExperimentResults } from './results.js';
import { summarizeRuns } from './summary.js';
import { sampleSd } from './stats.js';
import { isRegressionRuns, mainMetricOf } from './main-metric.js';

/** `0.9512 ± 0.0031`, `0.9512` with one seed, `–` with none. */
export function formatMeanSd(v: MeanSd, digits = 4): string {
  if (v.mean === null) return '–';
  return v.sd === null ? v.mean.toFixed(digits) : `${v.mean.toFixed(digits)} ± ${v.sd.toFixed(digits)}`;
}

/** `+0.0123 [-0.0040, +0.0286]`, or `+0.0123` when there is no interval. */
export function formatDifference(d: Difference | null, digits = 4): string {
  if (d === null) return '–';
  const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
  return d.low === null || d.high === null ? signed(d.estimate) : `${signed(d.estimate)} [${signed(d.low)}, ${signed(d.high)}]`;
}

/** The header and cells of the summary table, shared by the text and HTML renderings. */
export function summaryCells(rows: readonly SummaryRow[]): { header: string[]; body: string[][] } {
  const metric = rows.find((r) => r.metric !== undefined)?.metric;
  if (metric !== undefined) return metricSummaryCells(rows, metric);
  const level = rows.find((r) => r.diffValAccuracy)?.diffValAccuracy?.level ?? 0.95;
  const header = ['configuration', 'runs', 'train acc', 'val acc', 'train loss', 'val loss', 'gap acc (train-val)', 'gap loss (val-train)', 'best epoch', `Δ val acc vs baseline [${Math.round(level * 100)}% CI]`];
  const body = rows.map((r) => [
    r.isBaseline && r.configuration !== 'baseline' ? `${r.configuration} (baseline)` : r.configuration,
    String(r.runs),
    formatMeanSd(r.trainAccuracy),
    formatMeanSd(r.valAccuracy),
    formatMeanSd(r.trainLoss),
    formatMeanSd(r.valLoss),
    formatMeanSd(r.gapAccuracy),
    formatMeanSd(r.gapLoss),
    formatMeanSd(r.bestEpoch, 1),
    r.isBaseline ? '' : formatDifference(r.diffValAccuracy),
  ]);
  return { header, body };
}

/** The summary of a regression: its main metric (`rmse`, ...) where a classifier's has accuracy. */
function metricSummaryCells(rows: readonly SummaryRow[], metric: string): { header: string[]; body: string[][] } {
  const level = rows.find((r) => r.diffValMetric)?.diffValMetric?.level ?? 0.95;
  const gap = metric === 'r2' ? 'train-val' : 'val-train';
  const header = ['configuration', 'runs', `train ${metric}`, `val ${metric}`, 'train loss', 'val loss', `gap ${metric} (${gap})`, 'gap loss (val-train)', 'best epoch', `Δ val ${metric} vs baseline [${Math.round(level * 100)}% CI]`];
  const none: MeanSd = { mean: null, sd: null, n: 0 };
  const body = rows.map((r) => [
    r.isBaseline && r.configuration !== 'baseline' ? `${r.configuration} (baseline)` : r.configuration,
    String(r.runs),
    formatMeanSd(r.trainMetric ?? none),
    formatMeanSd(r.valMetric ?? none),
    formatMeanSd(r.trainLoss),
    formatMeanSd(r.valLoss),
    formatMeanSd(r.gapMetric ?? none),
    formatMeanSd(r.gapLoss),
    formatMeanSd(r.bestEpoch, 1),
    r.isBaseline ? '' : formatDifference(r.diffValMetric ?? null),
  ]);
  return { header, body };
}

/** Columns padded to their widest cell, separated by two spaces, with a rule under the header. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The comparison summary as a text table (means ± sd over seeds). */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const { header, body } = summaryCells(rows);
  return textTable(header, body);
}

/** Accuracy under test-time noise per configuration (rows) and noise level (columns), mean ± sd over seeds. */
export function formatRobustnessSummaryTable(rows: readonly SummaryRow[]): string {
  const levels = rows[0]?.robustness.map((p) => p.stddev) ?? [];
  return textTable(
    ['configuration', ...levels.map((s) => `s = ${s}`)],
    rows.map((r) => [r.isBaseline && r.configuration !== 'baseline' ? `${r.configuration} (baseline)` : r.configuration, ...r.robustness.map((p) => formatMeanSd(p))]),
  );
}

/** A robustness curve as a text table: noise stddev, mean accuracy, sd over draws, draws. */
export function formatRobustnessTable(points: readonly RobustnessPoint[]): string {
  return textTable(
    ['noise stddev', 'accuracy', 'sd over draws', 'draws'],
    points.map((p) => {
      const sd = sampleSd(p.accuracies);
      return [String(p.stddev), p.mean.toFixed(4), Number.isFinite(sd) ? sd.toFixed(4) : '–', String(p.accuracies.length)];
    }),
  );
}

/** Certified accuracy per radius, then the settings and the abstention rate. */
export function formatCertifyTable(report: CertifyReport): string {
  const table = textTable(['L2 radius', 'certified accuracy'], report.certifiedAccuracy.map((c) => [String(c.radius), c.accuracy.toFixed(4)]));
  const settings = `sigma ${report.sigma}, n0 ${report.n0}, n ${report.n}, alpha ${report.alpha}, ${report.samples.length} samples, abstained on ${(report.abstainRate * 100).toFixed(1)}%`;
  return `${table}\n${settings}`;
}

/** `n word`, with an s when n is not 1: `1 seed`, `3 seeds`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 seeds`, or `1 to 2 seeds per configuration (see the runs column)` when an experiment stopped early. */
function seedsFinished(results: Pick<ExperimentResults, 'config' | 'runs'>): string {
  const counts = summarizeRuns(results).map((r) => r.runs).filter((n) => n > 0);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  if (counts.length === 0) return plural(0, 'seed');
  return lo === hi ? plural(lo, 'seed') : `${lo} to ${hi} seeds per configuration (see the runs column)`;
}

/** What "best epoch" means, in the tables' notes. */
export const BEST_EPOCH_NOTE = 'best epoch: the epoch with the highest validation accuracy, mean over seeds';

/** What "best epoch" means for a regression, in the tables' notes. */
export const BEST_EPOCH_LOSS_NOTE = 'best epoch: the epoch with the lowest validation loss, mean over seeds';

/** The line above the summary table: what its numbers are, over the runs that finished. */
export function summaryHeading(results: Pick<ExperimentResults, 'config' | 'runs'>): string {
  const main = mainMetricOf(results.runs);
  if (main.key !== 'accuracy') return `Summary (final epoch; mean ± sd over ${seedsFinished(results)}; Δ: mean validation ${main.name} minus the baseline's, 95% Welch CI, ${main.higherIsBetter ? 'higher' : 'lower'} is better; ${BEST_EPOCH_LOSS_NOTE}):`;
  return `Summary (final epoch; mean ± sd over ${seedsFinished(results)}; Δ: mean validation accuracy minus the baseline's, 95% Welch CI; ${BEST_EPOCH_NOTE}):`;
}

/** The line above the robustness table. */
export function robustnessHeading(results: Pick<ExperimentResults, 'config' | 'runs' | 'dataset'>): string {
  const r = results.config.robustness;
  if (isRegressionRuns(results.runs)) return `Robustness (RMSE, lower is better, on ${results.dataset.robustnessCount} validation inputs + Gaussian noise of stddev s on the raw features, ${plural(r.draws, 'draw')} per level${r.clip ? ', clipped to [0, 1]' : ''}; mean ± sd over ${seedsFinished(results)}):`;
  return `Robustness (accuracy on ${results.dataset.robustnessCount} validation inputs + Gaussian noise of stddev s, ${plural(r.draws, 'draw')} per level${r.clip ? ', clipped to [0, 1]' : ''}; mean ± sd over ${seedsFinished(results)}):`;
}
