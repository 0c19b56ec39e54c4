/** The comparison report: Vega-Lite charts rendered to SVG (PNG and files: node/), and a self-contained HTML page. */
export { writeReport, buildReportHtml, renderCharts, type WriteReportOptions, type WrittenReport } from './node/write-report.js';
export { renderSvg, chartLibraries, type RenderedChart } from './render.js';
export { svgToPng } from './node/png.js';
export { CHARTS, type ChartKind, learningCurvesSpec, generalizationGapSpec, finalAccuracySpec, robustnessSpec } from './charts/index.js';
export { corruptionHeatmapSpec, corruptionCells, type CorruptionCell } from './charts/corruption-heatmap.js';
export { reportHtml, type PageChart } from './html.js';
