/**
 * The operations that read each channel's histogram (PIL's `ImageOps`, torchvision's
 * `autocontrast` and `equalize`); neither has a magnitude.
 *
 * - `autocontrast`: each channel is stretched so that its darkest value becomes 0 and its
 *   brightest 1, `(x - lo) / (hi - lo)`; a flat channel is left as it is.
 * - `equalize`: each channel's 8-bit histogram is equalized as PIL does: with `h` the
 *   histogram and `step = floor((N - h[last level present]) / 255)`, level `i` becomes
 *   `min(255, floor((step / 2 + h[0] + ... + h[i - 1]) / step))`, over 255; a channel with one
 *   level, or whose `step` is 0, is left as it is.
 */
import type { FloatArray } from '../../kernels/backend.js';
import type { ImageGeometry } from '../image.js';
import type { ImageOp } from './image-op.js';
import { copyImage, level8 } from './image-op.js';

export const AUTOCONTRAST: ImageOp = {
  name: 'autocontrast',
  colourOnly: false,
  signed: false,
  apply(src, dst, g) {
    const { channels: c } = g;
    const n = g.height * g.width * c;
    for (let ch = 0; ch < c; ch++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = ch; i < n; i += c) {
        lo = Math.min(lo, src[i]!);
        hi = Math.max(hi, src[i]!);
      }
      const scale = hi > lo ? 1 / (hi - lo) : 0;
      for (let i = ch; i < n; i += c) dst[i] = scale ? (src[i]! - lo) * scale : src[i]!;
    }
  },
};

export const EQUALIZE: ImageOp = {
  name: 'equalize',
  colourOnly: false,
  signed: false,
  apply(src, dst, g) {
    copyImage(src, dst, g);
    for (let ch = 0; ch < g.channels; ch++) equalizeChannel(src, dst, g, ch);
  },
};

const histogram = new Int32Array(256);
const lut = new Float64Array(256);

function equalizeChannel(src: FloatArray, dst: FloatArray, g: ImageGeometry, ch: number): void {
  const c = g.channels;
  const n = g.height * g.width * c;
  histogram.fill(0);
  for (let i = ch; i < n; i += c) histogram[level8(src[i]!)]!++;
  let last = 255;
  while (last > 0 && histogram[last] === 0) last--;
  let levels = 0;
  for (let i = 0; i < 256; i++) if (histogram[i]) levels++;
  const step = Math.floor((n / c - histogram[last]!) / 255);
  if (levels <= 1 || step === 0) return;
  let acc = Math.floor(step / 2);
  for (let i = 0; i < 256; i++) {
    lut[i] = Math.min(255, Math.floor(acc / step)) / 255;
    acc += histogram[i]!;
  }
  for (let i = ch; i < n; i += c) dst[i] = lut[level8(src[i]!)]!;
}
