/** Scale: the image shrunk about its centre. */
import { defineCorruption } from './corruption.js';
import { aroundCentre, warpImage } from './image-ops.js';

export const SCALE = defineCorruption<number>({
  name: 'scale',
  summary: 'shrinks the image about its centre to 1 / c of its size',
  details:
    'An affine warp whose inverse map scales by c about the centre (the output pixel at distance r from the centre reads the input at distance c r), ' +
    'so the content shrinks to 1 / c of its size; bilinear, 0 outside. Colour images: every channel alike. Any size. Not random.',
  levels: [1 / 0.9, 1 / 0.8, 1 / 0.7, 1 / 0.6, 1 / 0.5],
  benchmarkSeverity: 3,
  describeLevel: (c) => `c = 1/${(1 / c).toFixed(1)}`,
  apply(image, c) {
    return warpImage(image, aroundCentre(c, 0, 0, c, image.height, image.width));
  },
});
