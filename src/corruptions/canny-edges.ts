/** Canny edges: the image replaced by its Canny edge map (white edges on black). */
import { defineCorruption } from './corruption.js';
import { blur2d, luminance } from './image-ops.js';

/** Hysteresis thresholds on the gradient magnitude, as scikit-image's defaults for images in [0, 1]. */
export const CANNY_LOW = 0.1;
export const CANNY_HIGH = 0.2;

export const CANNY_EDGES = defineCorruption<null>({
  name: 'canny_edges',
  summary: 'the Canny edge map (scikit-image canny, sigma 1): edges 1, the rest 0',
  details:
    'As scikit-image feature.canny with its defaults: a Gaussian of sigma 1 (0 outside, divided by the blurred all-ones mask), Sobel gradients, ' +
    `non-maximum suppression along the gradient (interpolating between neighbours), hysteresis with thresholds ${CANNY_LOW} and ${CANNY_HIGH} ` +
    '(8-connected), the one-pixel border never an edge. No severity; not random. Colour images: the edges of the luminance, on every channel. ' +
    'Sigma scales with min(height, width) / 28; needs 3 x 3 pixels at least.',
  levels: null,
  minSize: 3,
  apply(image, _level, { scale }) {
    const { height, width, channels } = image;
    const edges = cannyEdges(luminance(image), height, width, scale);
    const out = new Float32Array(image.data.length);
    for (let i = 0; i < out.length; i++) out[i] = edges[Math.floor(i / channels)]!;
    return out;
  },
});

/** The Canny edge map of a plane: 1 on edges, 0 elsewhere. */
export function cannyEdges(plane: Float64Array, height: number, width: number, sigma: number): Uint8Array {
  const ones = new Float64Array(plane.length).fill(1);
  const bleed = blur2d(ones, height, width, sigma, 'constant');
  const blurred = blur2d(plane, height, width, sigma, 'constant');
  const smooth = new Float64Array(plane.length);
  for (let i = 0; i < smooth.length; i++) smooth[i] = blurred[i]! / (bleed[i]! + Number.EPSILON);
  const gi = new Float64Array(plane.length); // d/d row
  const gj = new Float64Array(plane.length); // d/d column
  const magnitude = new Float64Array(plane.length);
  const s = (r: number, c: number): number => smooth[r * width + c]!;
  for (let r = 1; r < height - 1; r++) {
    for (let c = 1; c < width - 1; c++) {
      const i = r * width + c;
      gi[i] = s(r + 1, c - 1) + 2 * s(r + 1, c) + s(r + 1, c + 1) - s(r - 1, c - 1) - 2 * s(r - 1, c) - s(r - 1, c + 1);
      gj[i] = s(r - 1, c + 1) + 2 * s(r, c + 1) + s(r + 1, c + 1) - s(r - 1, c - 1) - 2 * s(r, c - 1) - s(r + 1, c - 1);
      magnitude[i] = Math.hypot(gi[i]!, gj[i]!);
    }
  }
  const m = (r: number, c: number): number => magnitude[r * width + c]!;
  const maxima = new Uint8Array(plane.length);
  // The interior only: the border's neighbours would lie outside (scikit-image erodes its mask by one pixel).
  for (let r = 1; r < height - 1; r++) {
    for (let c = 1; c < width - 1; c++) {
      const i = r * width + c;
      const a = gi[i]!;
      const b = gj[i]!;
      const absA = Math.abs(a);
      const absB = Math.abs(b);
      const same = (a >= 0 && b >= 0) || (a <= 0 && b <= 0);
      const opposite = (a <= 0 && b >= 0) || (a >= 0 && b <= 0);
      const here = magnitude[i]!;
      // Four sectors of the gradient's direction, in scikit-image's order: a later sector overrides an earlier one.
      let isMax: boolean | null = null;
      if (same && absA >= absB) {
        const w = absB / absA;
        isMax = m(r + 1, c + 1) * w + m(r + 1, c) * (1 - w) <= here && m(r - 1, c - 1) * w + m(r - 1, c) * (1 - w) <= here;
      }
      if (same && absA <= absB) {
        const w = absA / absB;
        isMax = m(r + 1, c + 1) * w + m(r, c + 1) * (1 - w) <= here && m(r - 1, c - 1) * w + m(r, c - 1) * (1 - w) <= here;
      }
      if (opposite && absA <= absB) {
        const w = absA / absB;
        isMax = m(r - 1, c + 1) * w + m(r, c + 1) * (1 - w) <= here && m(r + 1, c - 1) * w + m(r, c - 1) * (1 - w) <= here;
      }
      if (opposite && absA >= absB) {
        const w = absB / absA;
        isMax = m(r - 1, c + 1) * w + m(r - 1, c) * (1 - w) <= here && m(r + 1, c - 1) * w + m(r + 1, c) * (1 - w) <= here;
      }
      maxima[i] = isMax ? 1 : 0;
    }
  }
  // Hysteresis: keep the 8-connected groups of maxima above the low threshold that hold one above the high one.
  const edges = new Uint8Array(plane.length);
  const stack: number[] = [];
  for (let i = 0; i < plane.length; i++) {
    if (!maxima[i] || edges[i] || magnitude[i]! < CANNY_HIGH) continue;
    edges[i] = 1;
    stack.push(i);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const r = Math.floor(p / width);
      const c = p % width;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= height || cc < 0 || cc >= width) continue;
          const q = rr * width + cc;
          if (!edges[q] && maxima[q] && magnitude[q]! >= CANNY_LOW) {
            edges[q] = 1;
            stack.push(q);
          }
        }
      }
    }
  }
  return edges;
}
