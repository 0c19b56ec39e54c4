/**
 * The enhance operations (PIL's `ImageEnhance`): each blends the image with a degenerate
 * version of itself, `f x + (1 - f) d`, clipped to [0, 1], with the factor `f = 1 + v`, so
 * `v = 0` is the identity and the policies draw `v` in `[-max, max]`:
 *
 * - `brightness`: `d` is black (0).
 * - `contrast`: `d` is the mean grey value of the whole image (one number).
 * - `color`: `d` is each pixel's grey value (ITU-R 601 luma); colour images only (3 channels).
 * - `sharpness`: `d` is the image smoothed by PIL's `SMOOTH` kernel `[[1,1,1],[1,5,1],[1,1,1]] / 13`
 *   inside the image, the border pixels kept, so `v > 0` sharpens and `v < 0` blurs.
 */
import type { FloatArray } from '../../kernels/backend.js';
import type { ImageGeometry } from '../image.js';
import type { ImageOp } from './image-op.js';
import { clip01, greyAt } from './image-op.js';

/** `dst = clip(f src + (1 - f) d(i))` for every value index `i`. */
function blend(src: FloatArray, dst: FloatArray, g: ImageGeometry, f: number, degenerate: (i: number) => number): void {
  const n = g.height * g.width * g.channels;
  for (let i = 0; i < n; i++) dst[i] = clip01(f * src[i]! + (1 - f) * degenerate(i));
}

export const BRIGHTNESS: ImageOp = {
  name: 'brightness',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, v) {
    blend(src, dst, g, 1 + v, () => 0);
  },
};

export const CONTRAST: ImageOp = {
  name: 'contrast',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, v) {
    const pixels = g.height * g.width;
    let sum = 0;
    for (let p = 0; p < pixels; p++) sum += greyAt(src, p * g.channels, g.channels);
    const mean = sum / pixels;
    blend(src, dst, g, 1 + v, () => mean);
  },
};

export const COLOR: ImageOp = {
  name: 'color',
  colourOnly: true,
  signed: true,
  apply(src, dst, g, v) {
    const c = g.channels;
    blend(src, dst, g, 1 + v, (i) => greyAt(src, i - (i % c), c));
  },
};

export const SHARPNESS: ImageOp = {
  name: 'sharpness',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, v) {
    const { height: h, width: w, channels: c } = g;
    blend(src, dst, g, 1 + v, (i) => {
      const p = Math.floor(i / c);
      const y = Math.floor(p / w);
      const x = p % w;
      if (y === 0 || x === 0 || y === h - 1 || x === w - 1) return src[i]!;
      let s = 4 * src[i]!;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += src[i + (dy * w + dx) * c]!;
      return s / 13;
    });
  },
};
