/**
 * Writes an experiment's report into its output folder: report.html (self-contained, offline),
 * runs/<configuration>-seed<seed>.csv per finished run, and with `png` charts/<chart>.png.
 */
import { isRegressionRuns, mainMetricOf } from '../../experiments/main-metric.js';
import { join } from 'node:path';
import type { ExperimentResults } from '../../experiments/results.js';
import { CHARTS_DIR, CORRUPTION_HEATMAP, REPORT_FILE, RUNS_DIR, runCsv, runCsvName } from '../../experiments/results.js';
import { writeFilesAtomic } from '../../io/node/atomic-write.js';
import { CHARTS } from '../charts/index.js';
import { corruptionHeatmapSpec } from '../charts/corruption-heatmap.js';
import { reportHtml, type PageChart } from '../html.js';
import { chartLibraries, renderSvg } from '../render.js';
import { svgToPng } from './png.js';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Also write every chart as a PNG into `charts/`; default false. */
  png?: boolean;
  /** Zoom of the PNGs; default 2. */
  pngScale?: number;
}

/** What {@link writeReport} wrote, as paths, and the charting libraries' warnings. */
export interface WrittenReport {
  report: string;
  csv: string[];
  png: string[];
  warnings: string[];
}

/** Renders every chart of `results` to SVG (ids prefixed per chart, so they can share a page). */
export async function renderCharts(results: ExperimentResults): Promise<{ charts: PageChart[]; warnings: string[] }> {
  const warnings: string[] = [];
  const charts: PageChart[] = [];
  for (const kind of CHARTS) {
    const rendered = await renderSvg(kind.spec(results), `${kind.id}-`);
    warnings.push(...rendered.warnings.map((w) => `${kind.id}: ${w}`));
    charts.push({ id: kind.id, caption: captionFor(kind.caption, results), svg: rendered.svg });
  }
  const heatmap = corruptionHeatmapSpec(results);
  if (heatmap) {
    const rendered = await renderSvg(heatmap, `${CORRUPTION_HEATMAP}-`);
    warnings.push(...rendered.warnings.map((w) => `${CORRUPTION_HEATMAP}: ${w}`));
    charts.push({ id: CORRUPTION_HEATMAP, caption: 'Accuracy under each common corruption, per configuration (the robustness card\'s mean corruption accuracy is the mean of a row).', svg: rendered.svg, section: 'card' });
  }
  return { charts, warnings };
}

/** The report page of `results` as a string (see {@link writeReport} for the files). */
export async function buildReportHtml(results: ExperimentResults): Promise<string> {
  const { charts } = await renderCharts(results);
  return reportHtml(results, charts, chartLibraries);
}

/**
 * Writes report.html, one CSV per finished run and, with `png`, one PNG per chart into `dir`,
 * each file atomically (temporary name, then rename).
 * @throws ModelFileError naming a path that could not be written.
 */
export async function writeReport(results: ExperimentResults, dir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const { charts, warnings } = await renderCharts(results);
  const csv = results.runs.map((run) => ({ name: runCsvName(run), data: runCsv(run) }));
  if (csv.length > 0) await writeFilesAtomic(join(dir, RUNS_DIR), csv);
  const png: string[] = [];
  if (options.png) {
    const files = [];
    for (const c of charts) files.push({ name: `${c.id}.png`, data: await svgToPng(c.svg, options.pngScale ?? 2) });
    await writeFilesAtomic(join(dir, CHARTS_DIR), files);
    png.push(...files.map((f) => join(dir, CHARTS_DIR, f.name)));
  }
  await writeFilesAtomic(dir, [{ name: REPORT_FILE, data: reportHtml(results, charts, chartLibraries) }]);
  return { report: join(dir, REPORT_FILE), csv: csv.map((f) => join(dir, RUNS_DIR, f.name)), png, warnings };
}

/** A chart's caption, naming a regression's main metric (RMSE) where a classifier's says accuracy. */
function captionFor(caption: string, results: Pick<ExperimentResults, 'runs'>): string {
  const main = mainMetricOf(results.runs);
  if (main.key === 'accuracy' && !isRegressionRuns(results.runs)) return caption;
  const name = main.key === 'accuracy' ? 'RMSE' : main.name;
  return caption.replace(/^Accuracy/, name).replace(/accuracy/g, name);
}
