/** The Keras-style model summary table: Keras' column widths, widened for longer cells. */
import type { Layer } from '../parts/layer.js';
import { InputLayer } from '../layers/input.js';

/** Keras' widths of the name, shape and count columns. */
const WIDTHS = [33, 25, 12];

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => ` ${c}`.padEnd(widths[i]!)).join('').trimEnd();
}

/** Renders the layer table of a built model. */
export function layerTable(model: { readonly name: string; readonly layers: readonly Layer[] }): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  const cells: string[][] = [];
  let total = 0;
  let trainable = 0;
  for (const layer of model.layers) {
    if (layer instanceof InputLayer) continue;
    const n = layer.countParams();
    total += n;
    trainable += layer.countTrainableParams();
    cells.push([`${layer.name} (${layer.className})`, `(None, ${layer.outputShape.join(', ')})`, String(n)]);
  }
  // A cell, with its leading space, needs one more space before the next column.
  const widths = WIDTHS.map((w, i) => Math.max(w, ...[header, ...cells].map((c) => c[i]!.length + 2)));
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
