/**
 * Writes a sweep's report into its output folder: report.html with a chart per technique (the
 * level sweep) before the comparison charts, and with `png` every chart as a PNG in charts/.
 */
import { join } from 'node:path';
import { CHARTS_DIR, REPORT_FILE } from '../../experiments/results.js';
import { writeFilesAtomic } from '../../io/node/atomic-write.js';
import { fileSafeName } from '../../experiments/results.js';
import { bestConfiguration, techniqueCurves } from '../../sweep/sweep-analysis.js';
import { comparisonView, type SweepResults } from '../../sweep/sweep-results.js';
import { sweepLevelsSpec } from '../charts/sweep-levels.js';
import { reportHtml, type PageChart } from '../html.js';
import { chartLibraries, renderSvg } from '../render.js';
import { sweepSection } from '../sweep-sections.js';
import { renderCharts } from './write-report.js';
import { svgToPng } from './png.js';

/** Every chart of a sweep's page: one per technique curve, then the comparison's. */
export async function sweepCharts(results: SweepResults): Promise<PageChart[]> {
  const view = comparisonView(results);
  const charts: PageChart[] = [];
  for (const curve of techniqueCurves(results, view.summary)) {
    const id = `sweep-${fileSafeName(`${curve.title}${curve.cell ? `-${curve.cell}` : ''}`).replace(/_+/g, '-')}`;
    const rendered = await renderSvg(sweepLevelsSpec(curve), `${id}-`);
    charts.push({ id, caption: `Validation ${curve.metric ?? 'accuracy'} and generalization gap against the level of ${curve.title}${curve.cell ? ` (${curve.cell})` : ''}.`, svg: rendered.svg });
  }
  if (results.runs.length > 0) charts.push(...(await renderCharts(view)).charts);
  return charts;
}

/** Writes `dir/report.html` (and with `png`, `dir/charts/*.png`); returns the paths written. */
export async function writeSweepReport(results: SweepResults, dir: string, options: { png?: boolean } = {}): Promise<string[]> {
  const view = comparisonView(results);
  const charts = await sweepCharts(results);
  const section = sweepSection(bestConfiguration(view.summary!), techniqueCurves(results, view.summary), results.failed, results.plan.length);
  const written: string[] = [];
  if (options.png) {
    const files = [];
    for (const c of charts) files.push({ name: `${c.id}.png`, data: await svgToPng(c.svg, 2) });
    await writeFilesAtomic(join(dir, CHARTS_DIR), files);
    written.push(...files.map((f) => join(dir, CHARTS_DIR, f.name)));
  }
  await writeFilesAtomic(dir, [{ name: REPORT_FILE, data: reportHtml(view, charts, chartLibraries, section) }]);
  return [join(dir, REPORT_FILE), ...written];
}
