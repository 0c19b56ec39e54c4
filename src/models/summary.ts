/** The Keras-style model summary table. */
import type { Layer } from '../layers/layer.js';
import { InputLayer } from '../layers/input.js';

const WIDTHS = [33, 25, 12];

function row(cells: string[]): string {
  return cells.map((c, i) => ` ${c}`.padEnd(WIDTHS[i]!)).join('').trimEnd();
}

/** Renders the layer table of a built model. */
export function layerTable(model: { readonly name: string; readonly layers: readonly Layer[] }): string {
  const width = WIDTHS.reduce((a, b) => a + b, 0);
  const lines = [`Model: "${model.name}"`, '_'.repeat(width), row(['Layer (type)', 'Output Shape', 'Param #']), '='.repeat(width)];
  let total = 0;
  let trainable = 0;
  for (const layer of model.layers) {
    if (layer instanceof InputLayer) continue;
    const n = layer.countParams();
    total += n;
    trainable += layer.countTrainableParams();
    lines.push(row([`${layer.name} (${layer.className})`, `(None, ${layer.outputShape.join(', ')})`, String(n)]));
  }
  const fmt = (n: number): string => n.toLocaleString('en-US');
  lines.push('='.repeat(width), `Total params: ${fmt(total)}`, `Trainable params: ${fmt(trainable)}`, `Non-trainable params: ${fmt(total - trainable)}`, '_'.repeat(width));
  return lines.join('\n');
}
