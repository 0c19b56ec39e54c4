/** Stripe: the left and right quarters of the image inverted. */
import { defineCorruption } from './corruption.js';

export const STRIPE = defineCorruption<null>({
  name: 'stripe',
  summary: 'inverts the left and right quarters (columns 0-6 and 21-27 of a 28 x 28 image)',
  details:
    'Every value x of the columns left of width / 4 and from 3 width / 4 on becomes 1 - x (on 28 x 28: columns 0 to 6 and 21 to 27). ' +
    'No severity; not random. Colour images: every channel. Any size.',
  levels: null,
  apply(image) {
    const { width, channels, data } = image;
    const left = Math.round(width / 4);
    const right = Math.round((3 * width) / 4);
    const out = Float32Array.from(data);
    for (let i = 0; i < data.length; i++) {
      const x = Math.floor(i / channels) % width;
      if (x < left || x >= right) out[i] = 1 - data[i]!;
    }
    return out;
  },
});
