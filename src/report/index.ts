/** The comparison report: Vega-Lite charts rendered to SVG/PNG in Node, and a self-contained HTML page. */
export { writeReport, buildReportHtml, renderCharts, type WriteReportOptions, type WrittenReport } from './write-report.js';
export { renderSvg, svgToPng, chartLibraries, type RenderedChart } from './render.js';
export { CHARTS, type ChartKind, learningCurvesSpec, generalizationGapSpec, finalAccuracySpec, robustnessSpec } from './charts/index.js';
export { reportHtml, type PageChart } from './html.js';
