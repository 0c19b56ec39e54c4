/** Fog: a plasma fractal added to the image, the result rescaled to the image's brightest value. */
import { defineCorruption } from './corruption.js';
import { fractalSize, plasmaFractal } from './plasma-fractal.js';

/** [strength, the fractal's wibble decay]. */
type FogLevel = readonly [number, number];

export const FOG = defineCorruption<FogLevel>({
  name: 'fog',
  summary: 'adds a plasma fractal of strength c, rescaled to the image\'s brightest value',
  details:
    'x + c f, with f the top-left corner of a diamond-square plasma fractal (256 x 256, or the next power of two above the image) in [0, 1], ' +
    'its roughness set by the decay; then multiplied by m / (m + c), m the image\'s largest value, and clipped. ' +
    'Colour images: the same fractal on every channel, m over all channels. Any size.',
  levels: [[1.5, 2], [2, 2], [2.5, 1.7], [2.5, 1.5], [3, 1.4]],
  benchmarkSeverity: 5,
  describeLevel: ([c, decay]) => `c = ${c}, decay = ${decay}`,
  apply(image, [c, decay], { rng }) {
    const { height, width, channels, data } = image;
    const size = fractalSize(Math.max(height, width));
    const fractal = plasmaFractal(size, decay, rng);
    let max = 0;
    for (const v of data) if (v > max) max = v;
    const factor = max / (max + c);
    const out = new Float32Array(data.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const f = c * fractal[y * size + x]!;
        const p = (y * width + x) * channels;
        for (let k = 0; k < channels; k++) out[p + k] = (data[p + k]! + f) * factor;
      }
    }
    return out;
  },
});
