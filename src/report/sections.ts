/** The report's reference tables: robustness per configuration, the settings, and the runs. */
import type { ExperimentResults } from '../experiments/results.js';
import { formatDifference, formatMeanSd } from '../experiments/format.js';
import { CARD_METRICS } from '../experiments/robustness-card.js';
import type { RobustnessCard } from '../experiments/card-values.js';
import type { SummaryRow } from '../experiments/summary.js';
import { RUNS_DIR, runCsvName } from '../experiments/results.js';
import { escapeHtml, htmlTable } from './html-util.js';
import { describeModel } from '../run/describe-model.js';
import { describeOptimizer } from '../run/run-optimizer.js';

/** Accuracy per configuration (rows) and test-time noise level (columns), mean ± sd over seeds. */
export function robustnessTable(rows: readonly SummaryRow[]): string {
  const levels = rows[0]?.robustness.map((p) => p.stddev) ?? [];
  const header = ['configuration', ...levels.map((s) => `s = ${s}`)];
  return htmlTable(header, rows.map((r) => [r.configuration, ...r.robustness.map((p) => formatMeanSd(p))]), 'robustness');
}

/**
 * The robustness card: per configuration, each measured metric as mean ± sd over seeds and its
 * difference from the baseline with the confidence interval; a note states each setting.
 */
export function cardSection(cards: readonly RobustnessCard[]): string {
  if (cards.length === 0) return '<p class="note">No robustness card: it measures a classifier (accuracies and calibration); a regression\'s error under input noise is in the robustness table.</p>';
  const metrics = CARD_METRICS.filter((m) => cards.some((c) => c.entries[m.key] !== undefined));
  const level = cards.flatMap((c) => Object.values(c.entries)).find((e) => e?.diff)?.diff?.level ?? 0.95;
  const head = `<tr><th>configuration</th>${metrics.map((m) => `<th>${escapeHtml(m.title)}</th>`).join('')}</tr>`;
  const rows = cards.map((c) => {
    const cells = metrics.map((m) => {
      const e = c.entries[m.key];
      if (!e) return '<td>–</td>';
      const delta = c.isBaseline ? '<span class="delta">baseline</span>' : `<span class="delta">Δ ${escapeHtml(formatDifference(e.diff))}</span>`;
      return `<td>${escapeHtml(formatMeanSd(e.value))}<br>${delta}</td>`;
    });
    return `<tr><td>${escapeHtml(c.configuration)}</td>${cells.join('')}</tr>`;
  });
  const settings = metrics.map((m) => {
    const e = cards.map((c) => c.entries[m.key]).find((x) => x?.setting);
    return `${m.title}: ${e?.setting ?? ''}${m.better === 'lower' ? ' (lower is better)' : ''}`;
  });
  const missing = CARD_METRICS.filter((m) => !metrics.includes(m)).map((m) => m.title);
  const table = `<table class="card"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
  return `${table}\n<p class="note">Mean ± sample sd over seeds; Δ: difference of means from the baseline with its ${Math.round(level * 100)}% Welch confidence interval. ${escapeHtml(settings.join('; '))}.${missing.length ? ` Not measured in these runs: ${escapeHtml(missing.join(', '))}.` : ''}</p>`;
}

/** Every setting needed to rerun the experiment, then the data, the machine and the versions. */
export function settingsTable(results: ExperimentResults): string {
  const c = results.config;
  const d = results.dataset;
  const m = results.machine;
  const r = c.robustness;
  const pairs: [string, string][] = [
    ['dataset', `${c.dataset}${c.dataDir ? ` (from ${c.dataDir})` : ''}; ${d.source}`],
    ...(d.data ? [['data', `${d.data.kind}, samples of [${d.data.sampleShape.join(', ')}], ${d.data.task === 'regression' ? 'a continuous target' : `${d.data.classes.length} classes (${d.data.classes.join(', ')})`}, ${d.data.trainCount} training and ${d.data.testCount} ${d.data.validationSplit ? 'held-out validation' : 'test'} samples; sha256 ${d.data.sha256}`] as [string, string]] : []),
    ['training samples', `${d.trainCount}${c.trainSize ? ` (seeded subset, dataSeed ${c.dataSeed})` : ''}`],
    ['validation samples', `${d.validationCount}${c.valSize ? ` (seeded subset of the test split)` : ' (the test split)'}`],
    ['model', c.model === 'mlp' ? `input ${d.inputSize} → ${c.hidden.length ? `${c.hidden.join(' → ')} (${c.activation}) → ` : ''}${d.classes.length} softmax` : `${describeModel(c)}; input ${d.inputSize} values, ${d.classes.length} classes`],
    ['training', `${c.epochs} epochs, batch ${c.batchSize}, ${describeOptimizer(c)}`],
    ['seeds', c.seeds.join(', ')],
    ['baseline', c.baseline],
    ['robustness', `stddevs ${r.stddevs.join(', ')}; ${r.draws} draws per level; seed ${r.seed}; ${r.clip ? 'clipped to [0, 1]' : 'not clipped'}; ${d.robustnessCount} samples`],
    ['machine', `${m.cpu} × ${m.cpus}, ${m.memoryGiB} GiB, ${m.platform}/${m.arch}`],
    ['started / updated', `${results.startedAt} / ${results.updatedAt}`],
  ];
  const settings = htmlTable(['setting', 'value'], pairs, 'settings');
  const configurations = htmlTable(['configuration', 'noise'], c.configurations.map((k) => [k.name, k.noise.length ? k.noise.join('  ') : '(none)']), 'configurations');
  return `${settings}\n<h3>Configurations</h3>\n${configurations}\n<details><summary>Configuration file (JSON, rerunnable with <code>--config</code>)</summary><pre>${escapeHtml(JSON.stringify(c, null, 2))}</pre></details>`;
}

/** One row per finished run, with a link to its CSV. */
export function runsTable(results: ExperimentResults): string {
  const body = results.runs.map((r) => [
    r.configuration,
    String(r.seed),
    String(r.history.loss?.length ?? 0),
    String(r.bestEpoch),
    `${(r.trainMs / 1000).toFixed(1)} s`,
    `${(r.robustnessMs / 1000).toFixed(1)} s`,
    `${RUNS_DIR}/${runCsvName(r)}`,
  ]);
  const table = htmlTable(['configuration', 'seed', 'epochs', 'best epoch', 'train time', 'robustness time', 'CSV'], body, 'runs');
  // Turn the CSV column into relative links (the names are file-safe).
  return table.replace(/<td>(runs\/[^<]+\.csv)<\/td>/g, '<td><a href="$1">$1</a></td>');
}
