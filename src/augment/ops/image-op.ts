/**
 * The contract of the image operations the augmentation policies draw from (RandAugment,
 * TrivialAugment, AugMix). An operation reads one image `src` (channels last, `h * w * c`
 * values in [0, 1] from index 0) and writes its result into `dst` (same size, never `src`),
 * given its parameter in its own unit (degrees, pixels, a threshold, a bit count, an enhance
 * amount). The policies map their magnitudes to these parameters (`./spaces.ts`).
 */
import type { FloatArray } from '../../kernels/backend.js';
import type { ImageGeometry, Interpolation } from '../image.js';

/** The names of the operations, as the papers list them (Cubuk et al. 2020, Table 1 and its appendix). */
export const OP_NAMES = [
  'identity', 'autocontrast', 'equalize', 'rotate', 'solarize', 'posterize', 'contrast', 'brightness', 'sharpness', 'color',
  'shearX', 'shearY', 'translateX', 'translateY',
] as const;

export type OpName = (typeof OP_NAMES)[number];

/** One image operation. */
export interface ImageOp {
  readonly name: OpName;
  /** Acts on colour balance, so it applies to images of 3 channels only (`color`). */
  readonly colourOnly: boolean;
  /** Its parameter may be negated (rotations, shears, shifts, enhance amounts): the policies draw the sign. */
  readonly signed: boolean;
  /** Writes the operation of parameter `v` on `src` into `dst`; `interpolation` serves the geometric ones. */
  apply(src: FloatArray, dst: FloatArray, g: ImageGeometry, v: number, interpolation: Interpolation): void;
}

/** `x` clipped to [0, 1]. */
export function clip01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** The 8-bit level of a value in [0, 1], as a float image becomes an 8-bit one: `min(255, floor(256 x))`. */
export function level8(x: number): number {
  const q = Math.floor(256 * x);
  return q < 0 ? 0 : q > 255 ? 255 : q;
}

/**
 * Grey value of pixel `p` (its first value's index): the value itself for 1 channel, ITU-R 601
 * luma `0.299 R + 0.587 G + 0.114 B` for 3 (as PIL's `convert('L')`), the mean for other counts.
 */
export function greyAt(src: FloatArray, p: number, channels: number): number {
  if (channels === 1) return src[p]!;
  if (channels === 3) return 0.299 * src[p]! + 0.587 * src[p + 1]! + 0.114 * src[p + 2]!;
  let s = 0;
  for (let ch = 0; ch < channels; ch++) s += src[p + ch]!;
  return s / channels;
}

/** Copies the image `src` into `dst`. */
export function copyImage(src: FloatArray, dst: FloatArray, g: ImageGeometry): void {
  const n = g.height * g.width * g.channels;
  for (let i = 0; i < n; i++) dst[i] = src[i]!;
}
