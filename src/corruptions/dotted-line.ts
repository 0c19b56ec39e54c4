/** Dotted line: a white dashed line across the image between two random rows. */
import { defineCorruption } from './corruption.js';
import { FRAME, addMask, frameCoordinate, lineOnto } from './line-mask.js';

export const DOTTED_LINE = defineCorruption<null>({
  name: 'dotted_line',
  summary: 'a white dashed line from the left edge to the right, between random rows',
  details:
    'A line from column 0, row r0 to column 27, row r1 (r0, r1 uniform integers in [0, 26], in 28 x 28 coordinates), 2.3 pixels wide, fading with distance, ' +
    'kept on every other pair of columns (2-3, 6-7, ...), added and clipped. No severity. Colour images: white, on every channel. Other sizes: the same line, scaled.',
  levels: null,
  apply(image, _level, { rng }) {
    const { height, width, channels, data } = image;
    const r0 = rng.int(FRAME - 1);
    const r1 = rng.int(FRAME - 1);
    const mask = new Float64Array(height * width);
    lineOnto(mask, height, width, 0, r0, FRAME - 1, r1);
    for (let x = 0; x < width; x++) {
      if (Math.floor(frameCoordinate(x, width) / 2) % 2 !== 0) continue;
      for (let y = 0; y < height; y++) mask[y * width + x] = 0;
    }
    return addMask(data, mask, channels);
  },
});
