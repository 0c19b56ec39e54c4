/**
 * Line charts drawn as SVG: one series per model (colour), each with one or two lines (training
 * dashed, validation solid) and one point per value, axes and a legend. Redrawn whole on every
 * update; each series is a `<g class="series" data-model>` and each line a `path.line` with its
 * `circle.point`s, so the page's tests can count them.
 */
import { svg } from './dom.js';

export interface Line {
  /** `train` (dashed) or `validation` (solid); or a single unnamed line. */
  split: 'train' | 'validation' | 'value';
  points: readonly { x: number; y: number }[];
  /** Draw the line through the points (default true); false for a scatter of points. */
  path?: boolean;
  /** Draw a point per value (default true); false for a reference line. */
  dots?: boolean;
}
export interface Series {
  model: string;
  label: string;
  lines: readonly Line[];
}
export interface ChartSpec {
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Fixed y range (else from the data, padded). */
  yMin?: number;
  yMax?: number;
  /** x axis ticks at integers (epochs). */
  integerX?: boolean;
}

const W = 360;
const H = 240;
const M = { left: 48, right: 12, top: 12, bottom: 58 };

function ticks(lo: number, hi: number, n: number): number[] {
  const span = hi - lo || 1;
  const step0 = span / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/** Draws `spec` into `host` (replacing what was there). */
export function drawChart(host: Element, spec: ChartSpec): void {
  const all = spec.series.flatMap((s) => s.lines.flatMap((l) => l.points));
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y).filter(Number.isFinite);
  let xMin = xs.length ? Math.min(...xs) : 0;
  let xMax = xs.length ? Math.max(...xs) : 1;
  if (xMax === xMin) xMax = xMin + 1;
  if (spec.integerX) xMin = Math.min(xMin, 1);
  let yMin = spec.yMin ?? (ys.length ? Math.min(...ys) : 0);
  let yMax = spec.yMax ?? (ys.length ? Math.max(...ys) : 1);
  if (spec.yMin === undefined || spec.yMax === undefined) {
    const pad = (yMax - yMin || Math.abs(yMax) || 1) * 0.08;
    if (spec.yMin === undefined) yMin -= pad;
    if (spec.yMax === undefined) yMax += pad;
  }
  const px = (x: number): number => M.left + ((x - xMin) / (xMax - xMin)) * (W - M.left - M.right);
  const py = (y: number): number => M.top + (1 - (y - yMin) / (yMax - yMin)) * (H - M.top - M.bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${spec.yLabel} by ${spec.xLabel}` });
  const grid = svg('g', { class: 'grid' });
  const axis = svg('g', { class: 'axis' });
  for (const t of ticks(yMin, yMax, 5)) {
    grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: py(t), y2: py(t) }));
    axis.append(svg('text', { x: M.left - 6, y: py(t) + 4, 'text-anchor': 'end' }, String(t)));
  }
  const xt = spec.integerX ? ticks(xMin, xMax, Math.min(8, xMax - xMin)).filter((t) => Number.isInteger(t)) : ticks(xMin, xMax, 6);
  for (const t of xt) axis.append(svg('text', { x: px(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, String(t)));
  axis.append(svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
  axis.append(svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }));
  axis.append(svg('text', { x: (M.left + W - M.right) / 2, y: H - M.bottom + 30, 'text-anchor': 'middle' }, spec.xLabel));
  axis.append(svg('text', { x: 12, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(M.top + H - M.bottom) / 2})` }, spec.yLabel));
  root.append(grid, axis);
  for (const s of spec.series) {
    const g = svg('g', { class: `series series-${s.model}`, 'data-model': s.model });
    for (const line of s.lines) {
      const pts = line.points.filter((p) => Number.isFinite(p.y));
      const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('');
      if (line.path !== false) g.append(svg('path', { class: `line ${line.split}`, d: d || 'M0,0', 'data-split': line.split }));
      if (line.dots === false) continue;
      for (const p of pts) {
        g.append(svg('circle', { class: `point ${line.split}`, cx: px(p.x).toFixed(1), cy: py(p.y).toFixed(1), r: 2.6, 'data-split': line.split }, svg('title', {}, `${s.label} ${line.split === 'value' ? '' : `${line.split} `}${spec.xLabel} ${p.x}: ${p.y.toFixed(4)}`)));
      }
    }
    root.append(g);
  }
  const legend = svg('g', { class: 'legend' });
  let lx = M.left;
  for (const s of spec.series) {
    legend.append(svg('rect', { x: lx, y: H - 12, width: 12, height: 4, class: `series-${s.model}` }));
    const label = s.label.length > 38 ? `${s.label.slice(0, 36)}…` : s.label;
    legend.append(svg('text', { x: lx + 16, y: H - 8 }, label));
    lx += 26 + label.length * 6.5;
  }
  root.append(legend);
  host.replaceChildren(root);
}
