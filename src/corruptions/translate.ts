/** Translate: the image shifted by c pixels along each axis, each direction random. */
import { defineCorruption } from './corruption.js';
import { randomSign, warpImage } from './image-ops.js';

export const TRANSLATE = defineCorruption<number>({
  name: 'translate',
  summary: 'shift by c pixels horizontally and c vertically, each direction random',
  details:
    'The output pixel at column x, row y reads the input at column x + dx, row y + dy, dx and dy each ±c (signs drawn independently); 0 outside. ' +
    'c is in pixels of a 28 x 28 image and scales with width / 28 and height / 28 (bilinear when the shift is fractional). Colour images: every channel alike.',
  levels: [1, 2, 3, 4, 5],
  benchmarkSeverity: 3,
  describeLevel: (c) => `c = ${c} px`,
  apply(image, c, { rng }) {
    const dx = c * randomSign(rng) * (image.width / 28);
    const dy = c * randomSign(rng) * (image.height / 28);
    return warpImage(image, { a1: 1, a2: 0, a3: dx, b1: 0, b2: 1, b3: dy });
  },
});
