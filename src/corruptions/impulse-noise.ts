/** Impulse (salt and pepper) noise: a share of the values is set to 0 or 1. */
import { defineCorruption } from './corruption.js';

export const IMPULSE_NOISE = defineCorruption<number>({
  name: 'impulse_noise',
  summary: 'salt and pepper: each value is set to 0 or 1 (even odds) with probability c',
  details:
    'Each value is replaced with probability c (scikit-image random_noise, mode s&p, amount c), by 1 (salt) or 0 (pepper) with equal chance. ' +
    'Colour images: every channel value independently. Any size.',
  levels: [0.03, 0.06, 0.09, 0.17, 0.27],
  benchmarkSeverity: 4,
  describeLevel: (c) => `c = ${c}`,
  apply(image, c, { rng }) {
    const out = Float32Array.from(image.data);
    for (let i = 0; i < out.length; i++) {
      const flipped = rng.uniform() < c;
      const salt = rng.uniform() < 0.5;
      if (flipped) out[i] = salt ? 1 : 0;
    }
    return out;
  },
});
