/**
 * The geometric operations: rotate, shear and translate, each about the image's center as
 * torchvision's affine does. Output pixel `p` reads the input at `A (p - c) + c - t` by the
 * chosen interpolation; outside the image reads 0 (torchvision's default fill). Parameter 0 is
 * the identity for each.
 *
 * - `rotate(v)`: by `v` degrees, counter-clockwise as seen on screen (PIL's and torchvision's
 *   sense), so with y pointing down the input is read at `R (p - c) + c`,
 *   `R = [[cos, -sin], [sin, cos]]`.
 * - `shearX(v)`: `x' = x + v (y - cy)` (PIL's `(1, v, 0, 0, 1, 0)` affine, centered); `shearY`
 *   likewise with the axes swapped. `v` is the shear coefficient (the tangent of the angle).
 * - `translateX(v)`, `translateY(v)`: by `v` pixels, truncated to whole pixels (as torchvision
 *   does), so the shifted pixels keep their values exactly.
 */
import type { FloatArray } from '../../kernels/backend.js';
import { sampleAt, type ImageGeometry, type Interpolation } from '../image.js';
import type { ImageOp } from './image-op.js';

/** Output `(x, y)` reads the input at `[a b; c d] (p - center) + center + (tx, ty)`. */
function warp(src: FloatArray, dst: FloatArray, g: ImageGeometry, a: number, b: number, c: number, d: number, tx: number, ty: number, interpolation: Interpolation): void {
  const cy = (g.height - 1) / 2;
  const cx = (g.width - 1) / 2;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const u = x - cx;
      const v = y - cy;
      const sx = a * u + b * v + cx + tx;
      const sy = c * u + d * v + cy + ty;
      const p = (y * g.width + x) * g.channels;
      for (let ch = 0; ch < g.channels; ch++) dst[p + ch] = sampleAt(src, 0, g, ch, sy, sx, interpolation);
    }
  }
}

export const ROTATE: ImageOp = {
  name: 'rotate',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, degrees, interpolation) {
    const t = (degrees * Math.PI) / 180;
    const cos = Math.cos(t);
    const sin = Math.sin(t);
    warp(src, dst, g, cos, -sin, sin, cos, 0, 0, interpolation);
  },
};

export const SHEAR_X: ImageOp = {
  name: 'shearX',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, v, interpolation) {
    warp(src, dst, g, 1, v, 0, 1, 0, 0, interpolation);
  },
};

export const SHEAR_Y: ImageOp = {
  name: 'shearY',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, v, interpolation) {
    warp(src, dst, g, 1, 0, v, 1, 0, 0, interpolation);
  },
};

export const TRANSLATE_X: ImageOp = {
  name: 'translateX',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, pixels) {
    warp(src, dst, g, 1, 0, 0, 1, -Math.trunc(pixels), 0, 'nearest');
  },
};

export const TRANSLATE_Y: ImageOp = {
  name: 'translateY',
  colourOnly: false,
  signed: true,
  apply(src, dst, g, pixels) {
    warp(src, dst, g, 1, 0, 0, 1, 0, -Math.trunc(pixels), 'nearest');
  },
};
