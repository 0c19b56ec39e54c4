/**
 * The operations that map each value alone (Cubuk et al. 2020; PIL's `ImageOps`), on values in
 * [0, 1] read as 8-bit levels where the operation is defined on levels:
 *
 * - `identity`: the image unchanged.
 * - `solarize(t)`: every value at or above the threshold `t` is inverted, `x -> 1 - x`
 *   (`ImageOps.solarize`). `t` is on the [0, 1] scale of the values, so a threshold past 1 (PIL's
 *   256, the policies' magnitude 0) changes nothing and `t = 0` inverts the whole image.
 * - `posterize(b)`: keeps the `b` highest bits of each value's 8-bit level, `b` in 0..8
 *   (`ImageOps.posterize`); the result is a level over 255. `b = 8` returns the values
 *   unchanged (no rounding to 8 bits), `b = 0` makes the image black.
 */
import type { ImageOp } from './image-op.js';
import { copyImage, level8 } from './image-op.js';

export const IDENTITY: ImageOp = {
  name: 'identity',
  colourOnly: false,
  signed: false,
  apply(src, dst, g) {
    copyImage(src, dst, g);
  },
};

export const SOLARIZE: ImageOp = {
  name: 'solarize',
  colourOnly: false,
  signed: false,
  apply(src, dst, g, threshold) {
    const n = g.height * g.width * g.channels;
    for (let i = 0; i < n; i++) {
      const x = src[i]!;
      dst[i] = x >= threshold ? 1 - x : x;
    }
  },
};

export const POSTERIZE: ImageOp = {
  name: 'posterize',
  colourOnly: false,
  signed: false,
  apply(src, dst, g, bits) {
    const b = Math.max(0, Math.min(8, Math.round(bits)));
    if (b === 8) return copyImage(src, dst, g);
    const mask = (0xff << (8 - b)) & 0xff;
    const n = g.height * g.width * g.channels;
    for (let i = 0; i < n; i++) dst[i] = (level8(src[i]!) & mask) / 255;
  },
};
