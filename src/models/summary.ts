/** The Keras-style model summary table: Keras' column widths, widened for longer cells. */
import type { Layer } from '../parts/layer.js';
import { InputLayer } from '../layers/input.js';

/** Keras' widths of the name, shape and count columns. */
const WIDTHS = [33, 25, 12];
/** The width of a graph's "Connected to" column. */
const CONNECTED_WIDTH = 30;

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => ` ${c}`.padEnd(widths[i]!)).join('').trimEnd();
}

/** What the table reads of a model: its layers and, for a graph, the layers each one reads. */
export interface SummaryModel {
  readonly name: string;
  readonly layers: readonly Layer[];
  /** Whether the model is a graph: the table then lists the input and a "Connected to" column. */
  readonly isGraph?: boolean;
  inboundNames?(i: number): string[];
}

/** Renders the layer table of a built model; a graph's has Keras' functional "Connected to" column. */
export function layerTable(model: SummaryModel): string {
  const graph = Boolean(model.isGraph && model.inboundNames);
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(graph ? ['Connected to'] : [])];
  const cells: string[][] = [];
  let total = 0;
  let trainable = 0;
  model.layers.forEach((layer, i) => {
    if (layer instanceof InputLayer && !graph) return;
    const n = layer.countParams();
    total += n;
    trainable += layer.countTrainableParams();
    const connected = graph ? [model.inboundNames!(i).map((name) => `${name}[0][0]`).join(', ') || '-'] : [];
    cells.push([`${layer.name} (${layer.className})`, `(None, ${layer.outputShape.join(', ')})`, String(n), ...connected]);
  });
  // A cell, with its leading space, needs one more space before the next column.
  const widths = [...WIDTHS, ...(graph ? [CONNECTED_WIDTH] : [])].map((w, i) => Math.max(w, ...[header, ...cells].map((c) => c[i]!.length + 2)));
  const width = widths.reduce((a, b) => a + b, 0);
  const fmt = (n: number): string => n.toLocaleString('en-US');
  return [
    `Model: "${model.name}"`,
    '_'.repeat(width),
    row(header, widths),
    '='.repeat(width),
    ...cells.map((c) => row(c, widths)),
    '='.repeat(width),
    `Total params: ${fmt(total)}`,
    `Trainable params: ${fmt(trainable)}`,
    `Non-trainable params: ${fmt(total - trainable)}`,
    '_'.repeat(width),
  ].join('\n');
}
