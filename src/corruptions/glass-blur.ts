/** Glass blur: a Gaussian blur, pixels shuffled locally, blurred again (as through frosted glass). */
import { defineCorruption } from './corruption.js';
import { blur2d, blurAxis, planeOf, putPlane } from './image-ops.js';

/** [sigma, largest shift, passes]. */
type GlassLevel = readonly [number, number, number];

export const GLASS_BLUR = defineCorruption<GlassLevel>({
  name: 'glass_blur',
  summary: 'Gaussian blur, pixels swapped with random neighbours, blurred again',
  details:
    'Blurs with a Gaussian of sigma, rounds to bytes, then in each pass visits every pixel more than d from the top and left edges and at least d from the bottom and right ones (bottom-right first) and, ' +
    'with probability 1/2, swaps it with the pixel at a random shift (dx, dy), each in [-d, d - 1]; then blurs again. ' +
    'On grey images the blur runs down the columns only, as the published code does (its blur takes the last axis of a 2-D image for channels); ' +
    'on colour images it runs along both axes, each channel on its own, and swaps move whole pixels. ' +
    'Sigma and d scale with min(height, width) / 28. Any size (images of 2 d pixels or fewer are only blurred).',
  levels: [[0.7, 1, 2], [0.9, 2, 1], [1, 2, 3], [1.1, 3, 2], [1.5, 4, 2]],
  benchmarkSeverity: 1,
  describeLevel: ([sigma, d, passes]) => `sigma = ${sigma}, d = ${d}, ${passes} pass${passes === 1 ? '' : 'es'}`,
  apply(image, [sigma0, d0, passes], { rng, scale }) {
    const { height, width, channels } = image;
    const sigma = sigma0 * scale;
    const d = Math.max(1, Math.round(d0 * scale));
    const blur = (plane: Float64Array): Float64Array => (channels === 1 ? blurAxis(plane, height, width, sigma, 0) : blur2d(plane, height, width, sigma));
    const pixels = new Float64Array(image.data.length);
    for (let c = 0; c < channels; c++) {
      const plane = blur(planeOf(image, c));
      for (let i = 0; i < plane.length; i++) pixels[i * channels + c] = Math.floor(Math.min(Math.max(plane[i]!, 0), 1) * 255);
    }
    for (let pass = 0; pass < passes; pass++) {
      for (let h = height - d; h > d; h--) {
        for (let w = width - d; w > d; w--) {
          if (rng.uniform() >= 0.5) continue;
          const dx = rng.int(2 * d) - d;
          const dy = rng.int(2 * d) - d;
          const a = (h * width + w) * channels;
          const b = ((h + dy) * width + (w + dx)) * channels;
          for (let c = 0; c < channels; c++) {
            const t = pixels[a + c]!;
            pixels[a + c] = pixels[b + c]!;
            pixels[b + c] = t;
          }
        }
      }
    }
    const out = new Float32Array(image.data.length);
    for (let c = 0; c < channels; c++) {
      const plane = new Float64Array(height * width);
      for (let i = 0; i < plane.length; i++) plane[i] = pixels[i * channels + c]! / 255;
      putPlane(out, blur(plane), c, channels);
    }
    return out;
  },
});
