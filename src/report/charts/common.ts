/**
 * Pieces every chart shares: one color per configuration (the same in every chart), a band of
 * ± one sd around a mean line, and the page-wide look.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The Vega-Lite schema the specs are written for. */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Height of one panel, in pixels; its width is {@link plotWidth}. */
export const PANEL = { height: 220 } as const;

/**
 * The width of the report's column (its 1180-pixel page less the margins), in pixels: every
 * chart is laid out to fill it, and the page shrinks it with the window (`max-width: 100%`).
 * Charts are rendered without a browser, so a width of "container" cannot be measured there.
 */
export const PAGE_WIDTH = 1120;

/**
 * Pixels per character of an 11-pixel label as Vega lays text out without a canvas (0.8 times
 * the font size; browsers draw Helvetica narrower, so labels get some room to spare).
 */
const CHAR_WIDTH = 0.8 * 11;

/** The width Vega gives `labels` set at 11 pixels, up to the label limit. */
export function labelWidth(labels: readonly string[], limit = 400): number {
  return Math.min(limit, Math.max(0, ...labels.map((l) => l.length)) * CHAR_WIDTH);
}

/**
 * The width of the plotting area that makes a chart span {@link PAGE_WIDTH}: the page less the
 * y axis (`left`: its labels and title) and the legend of `legend` labels (symbol, gap, offset).
 */
export function plotWidth(legend: readonly string[] | null, left = 70): number {
  const legendWidth = legend === null ? 0 : Math.max(labelWidth(legend), labelWidth(['configuration'])) + 48;
  return Math.max(300, Math.floor(PAGE_WIDTH - left - legendWidth - PADDING.left - PADDING.right));
}

/** Look of every chart: readable fonts, a white background (for PNG), no border. */
export const CONFIG = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400 },
  title: { fontSize: 14, anchor: 'start', offset: 12 },
  header: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** The color channel: one fixed color per configuration, in the config's order, with a legend. */
export function colorByConfiguration(names: readonly string[], legend: Record<string, unknown> | null = {}): Record<string, unknown> {
  return { field: 'configuration', type: 'nominal', title: 'configuration', scale: { domain: [...names], scheme: 'tableau10' }, sort: [...names], legend };
}

/** A legend drawn as line samples, for line charts. */
export const LINE_LEGEND = { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 300, symbolOpacity: 1 } as const;

/**
 * An area from `low` to `high` per configuration (and `detail`), behind the mean lines. It is
 * colored through `fill` (same domain, scheme and legend as the lines' `color`: Vega-Lite merges
 * the two into one legend of line samples).
 */
export function bandLayer(names: readonly string[], x: Record<string, unknown>, detail?: string): Record<string, unknown> {
  return {
    mark: { type: 'area', opacity: 0.16 },
    encoding: {
      x,
      y: { field: 'low', type: 'quantitative' },
      y2: { field: 'high' },
      fill: colorByConfiguration(names, LINE_LEGEND),
      ...(detail ? { detail: { field: detail, type: 'nominal' } } : {}),
    },
  };
}

/** Above this many points per line, lines are drawn without point markers (they would crowd the line). */
export const MAX_MARKED_POINTS = 15;

/** The mean line per configuration, with points (when there are at most {@link MAX_MARKED_POINTS} per line) and a tooltip. */
export function meanLineLayer(names: readonly string[], x: Record<string, unknown>, yTitle: string, extra: Record<string, unknown> = {}, points = 0): Record<string, unknown> {
  return {
    mark: { type: 'line', point: points > MAX_MARKED_POINTS ? false : { size: 28, filled: true }, strokeWidth: 2 },
    encoding: {
      x,
      y: { field: 'mean', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: colorByConfiguration(names, LINE_LEGEND),
      tooltip: [
        { field: 'configuration', type: 'nominal' },
        { field: 'x', type: 'quantitative', title: String(x.title ?? 'x') },
        { field: 'mean', type: 'quantitative', format: '.4f' },
        { field: 'n', type: 'quantitative', title: 'seeds' },
      ],
      ...extra,
    },
  };
}

/**
 * Space around the chart. Vega lays text out in Node without a canvas and estimates its height,
 * a few pixels short of what a browser or resvg draws: the extra bottom margin keeps the x-axis
 * title from being clipped.
 */
export const PADDING = { top: 5, left: 5, right: 5, bottom: 14 } as const;

/** Finishes a spec: schema, config, title and padding. */
export function topLevel(title: string, subtitle: string, body: Record<string, unknown>): TopLevelSpec {
  return { $schema: SCHEMA, title: { text: title, subtitle }, config: CONFIG, padding: PADDING, ...body } as unknown as TopLevelSpec;
}
