/** The grid of training images as a network saw them: `count` images, 8 per row, values clipped to [0, 1]. */
import type { SeenInputs } from '../input-probe.js';
import { findTechnique, parseNoiseSpec } from '../../techniques/index.js';

const PER_ROW = 8;

/** Draws the images into `canvas`, one canvas pixel per image pixel (CSS scales it up): grey, or in colour when `channels` is 3. */
export function drawSeen(canvas: HTMLCanvasElement, seen: SeenInputs, height: number, width: number, channels = 1): void {
  if (height * width * channels !== seen.size) return; // not images of this shape (e.g. after a change of data)
  const rows = Math.ceil(seen.count / PER_ROW);
  canvas.width = PER_ROW * width + (PER_ROW - 1);
  canvas.height = rows * height + (rows - 1);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(canvas.width, canvas.height);
  image.data.fill(0);
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
  for (let n = 0; n < seen.count; n++) {
    const ox = (n % PER_ROW) * (width + 1);
    const oy = Math.floor(n / PER_ROW) * (height + 1);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = 4 * ((oy + y) * canvas.width + ox + x);
        for (let c = 0; c < 3; c++) {
          const v = seen.values[n * seen.size + (y * width + x) * channels + (channels === 3 ? c : 0)]!;
          image.data[at + c] = Math.round(255 * Math.min(1, Math.max(0, v)));
        }
      }
    }
  }
  // Gaps between images in mid gray.
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      if (x % (width + 1) === width || y % (height + 1) === height) {
        const at = 4 * (y * canvas.width + x);
        image.data[at] = image.data[at + 1] = image.data[at + 2] = 96;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** A sentence on where each technique acts: which of them the grid shows, and which act inside the network. */
export function seenNote(specs: readonly string[]): string {
  const parts = specs.map((spec) => {
    const { technique: t, where } = parseNoiseSpec(spec);
    const name = findTechnique(t.name)!.title;
    if (t.kind === 'data' || (t.kind === 'layer' && where === 'input')) return `${name} acts on the inputs: you see it above`;
    if (t.kind === 'layer') return `${name} acts on hidden activations, inside the network: the inputs look clean`;
    if (t.kind === 'weight') return `${name} acts on the weights: the inputs look clean`;
    if (t.kind === 'optimizer') return `${name} acts on the gradients: the inputs look clean`;
    return `${name} acts on the labels: the inputs look clean`;
  });
  return `${parts.join('; ')}.`;
}
