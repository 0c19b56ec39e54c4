/** Shear: a horizontal shear about the image's centre, in a random direction. */
import { defineCorruption } from './corruption.js';
import { aroundCentre, randomSign, warpImage } from './image-ops.js';

export const SHEAR = defineCorruption<number>({
  name: 'shear',
  summary: 'shear by an angle of c radians about the centre, direction random',
  details:
    "An affine warp whose inverse map is scikit-image's AffineTransform(shear = ±c): output column x and row y read the input at " +
    'column x - sin(c) y and row cos(c) y, shifted so the centre stays in place; bilinear, 0 outside. Colour images: every channel alike. Any size.',
  levels: [0.2, 0.4, 0.6, 0.8, 1],
  benchmarkSeverity: 2,
  describeLevel: (c) => `c = ${c} rad`,
  apply(image, c0, { rng }) {
    const c = c0 * randomSign(rng);
    return warpImage(image, aroundCentre(1, -Math.sin(c), 0, Math.cos(c), image.height, image.width));
  },
});
