/** Rotate: a rotation about the image's centre, in a random direction. */
import { defineCorruption } from './corruption.js';
import { aroundCentre, randomSign, warpImage } from './image-ops.js';

export const ROTATE = defineCorruption<number>({
  name: 'rotate',
  summary: 'rotation by c radians about the centre, direction random',
  details:
    'An affine warp whose inverse map rotates by ±c radians about the centre (the output pixel at column x, row y reads the input at ' +
    'column cos(c) x - sin(c) y, row sin(c) x + cos(c) y, about the centre); bilinear, 0 outside. Colour images: every channel alike. Any size.',
  levels: [0.2, 0.4, 0.6, 0.8, 1],
  benchmarkSeverity: 2,
  describeLevel: (c) => `c = ${c} rad`,
  apply(image, c0, { rng }) {
    const c = c0 * randomSign(rng);
    return warpImage(image, aroundCentre(Math.cos(c), -Math.sin(c), Math.sin(c), Math.cos(c), image.height, image.width));
  },
});
