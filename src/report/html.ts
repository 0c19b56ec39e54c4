/**
 * The report page: one self-contained HTML file with inline CSS and inline SVG charts, no
 * script and nothing fetched (a Content-Security-Policy forbids any network load), readable
 * offline and printable.
 */
import type { ExperimentResults } from '../experiments/results.js';
import type { SummaryRow } from '../experiments/summary-types.js';
import { plural, summaryCells } from '../experiments/format.js';
import { summarizeRuns } from '../experiments/summary.js';
import { robustnessCards } from '../experiments/robustness-card.js';
import { verdict, verdictParagraph } from '../experiments/verdict.js';
import { escapeHtml, htmlTable } from './html-util.js';
import { cardSection, robustnessTable, runsTable, settingsTable } from './sections.js';

/** A chart ready for the page. */
export interface PageChart {
  id: string;
  caption: string;
  svg: string;
  /** The section it belongs to when not the charts': `card` (the robustness card's heat map). */
  section?: 'card';
}

const CSS = `
body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#1d1d1f;margin:0;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555;margin:0}.verdict{font-size:15px;margin:8px 0}.banner{background:#fff4e5;border:1px solid #f0b35b;padding:8px 12px;border-radius:4px;margin:12px 0}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #e4e4e4;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}.note{color:#555;font-size:13px}
table.summary,table.robustness,table.card{font-size:13px}table.card th,table.card td{padding:4px 8px}.delta{color:#555;font-size:12px}table.summary th,table.summary td{padding:4px 6px}
table.summary td:not(:first-child),table.robustness td:not(:first-child),table.card td:not(:first-child){white-space:nowrap}
table.summary td:first-child,table.robustness td:first-child,table.card td:first-child,table.runs td:first-child{overflow-wrap:anywhere;min-width:9em}
figure{margin:16px 0 28px}figcaption{color:#555;font-size:13px;margin-top:4px}
figure svg{max-width:100%;height:auto}code{font-size:12.5px;background:#f3f3f3;padding:1px 4px;border-radius:3px}
`;

/**
 * The whole page for `results` with already rendered `charts`; `sections` (HTML) go before the
 * summary. The summary is `results.summary` when given, else computed from the runs.
 */
export function reportHtml(results: ExperimentResults, charts: readonly PageChart[], libraries: Readonly<Record<string, string>>, sections = ''): string {
  const { config } = results;
  const rows = results.summary ?? summarizeRuns(results);
  const cards = results.cards ?? robustnessCards(results);
  const { header, body } = summaryCells(rows);
  const seeds = config.seeds.length;
  const banner =
    results.status === 'complete'
      ? ''
      : `<p class="banner">Status: <strong>${escapeHtml(results.status)}</strong> — ${results.runs.length} of ${results.plannedRuns} runs finished; the tables and charts show the finished runs only.${results.error ? ` Error: ${escapeHtml(results.error)}` : ''}</p>`;
  const figure = (c: PageChart): string => `<figure id="chart-${escapeHtml(c.id)}" class="chart" data-chart="${escapeHtml(c.id)}">\n${c.svg}\n<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`;
  const cardFigures = charts.filter((c) => c.section === 'card').map(figure).join('\n');
  const figures = charts
    .filter((c) => c.section === undefined)
    .map(figure)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(config.name)} — noisenet report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(config.name)}</h1>
<p class="meta">${escapeHtml(`${results.dataset.name}: ${results.dataset.trainCount} train, ${results.dataset.validationCount} validation samples · ${plural(config.configurations.length, 'configuration')} × ${plural(seeds, 'seed')} × ${plural(config.epochs, 'epoch')} · started ${results.startedAt}`)}</p>
${banner}
<section id="verdict">
<h2>Verdict</h2>
<p class="verdict">${escapeHtml(verdictParagraph(verdict(rows, cards)))}</p>
<p class="note">Generated from the numbers below: a difference is called a gain or a loss only when its ${escapeHtml(`${Math.round((rows.find((r) => r.diffValAccuracy)?.diffValAccuracy?.level ?? 0.95) * 100)}%`)} Welch confidence interval over seeds lies wholly on one side of 0.</p>
</section>
${sections}<section id="summary">
<h2>Summary</h2>
${htmlTable(header, body, 'summary')}
<p class="note">${summaryNote(rows, config.baseline)}</p>
</section>
<section id="charts">
<h2>Charts</h2>
${figures}
</section>
<section id="card">
<h2>Robustness card</h2>
${cardSection(cards)}
${cardFigures}</section>
<section id="robustness">
<h2>Robustness to test-time noise</h2>
${robustnessTable(rows)}
</section>
<section id="settings">
<h2>Settings</h2>
${settingsTable(results)}
</section>
<section id="runs">
<h2>Runs</h2>
${runsTable(results)}
</section>
<p class="note">Made by noisenet ${escapeHtml(results.versions.noisenet)} on Node ${escapeHtml(results.versions.node)} (${escapeHtml(results.versions.backend)} backend); charts: ${Object.entries(libraries).map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(v)}`).join(', ')}. Results: <code>results.json</code>.</p>
</main>
</body>
</html>
`;
}

/** The note under the summary table: what the gap, Δ and best epoch are, for accuracy or a regression's metric. */
function summaryNote(rows: readonly SummaryRow[], baseline: string): string {
  const metric = rows.find((r) => r.metric !== undefined)?.metric;
  if (metric === undefined) return `Final epoch, mean ± sample sd over seeds. Gap: train − validation accuracy and validation − train loss. Δ: difference of mean validation accuracy from the baseline <code>${escapeHtml(baseline)}</code>, with a Welch t confidence interval (no interval with fewer than 2 seeds). Best epoch: the epoch with the highest validation accuracy (the earliest on ties), mean over seeds.`;
  return `Final epoch, mean ± sample sd over seeds. Gap: validation − train ${escapeHtml(metric)} and validation − train loss. Δ: difference of mean validation ${escapeHtml(metric)} from the baseline <code>${escapeHtml(baseline)}</code> (${metric === 'r2' ? 'higher' : 'lower'} is better), with a Welch t confidence interval (no interval with fewer than 2 seeds). Best epoch: the epoch with the lowest validation loss (the earliest on ties), mean over seeds.`;
}
