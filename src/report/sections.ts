/** The report's reference tables: robustness per configuration, the settings, and the runs. */
import type { ExperimentResults } from '../experiments/results.js';
import { formatMeanSd } from '../experiments/format.js';
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

/** Every setting needed to rerun the experiment, then the data, the machine and the versions. */
export function settingsTable(results: ExperimentResults): string {
  const c = results.config;
  const d = results.dataset;
  const m = results.machine;
  const r = c.robustness;
  const pairs: [string, string][] = [
    ['dataset', `${c.dataset}${c.dataDir ? ` (from ${c.dataDir})` : ''}; ${d.source}`],
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
