/** Shot noise: each value becomes a Poisson count of photons over the published per-severity rate. */
import { defineCorruption } from './corruption.js';
import { poisson } from './image-ops.js';

export const SHOT_NOISE = defineCorruption<number>({
  name: 'shot_noise',
  summary: 'Poisson (photon) noise: each value becomes Poisson(x c) / c',
  details:
    'Each value x in [0, 1] is replaced by a Poisson draw of mean x c divided by c, then clipped: the fewer photons c, the noisier. ' +
    'Colour images: every channel value independently. Any size.',
  levels: [60, 25, 12, 5, 3],
  benchmarkSeverity: 5,
  describeLevel: (c) => `c = ${c}`,
  apply(image, c, { rng }) {
    const out = new Float32Array(image.data.length);
    for (let i = 0; i < out.length; i++) out[i] = poisson(image.data[i]! * c, rng) / c;
    return out;
  },
});
