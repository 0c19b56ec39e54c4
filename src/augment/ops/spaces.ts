/**
 * The operations by name, and how each policy maps its magnitude to their parameters.
 *
 * A magnitude `m` in [0, 1] is the policy's strength over its largest (RandAugment's `M / 30`,
 * TrivialAugment's bin over 30); each space gives the parameter at `m` before the random sign:
 *
 * | op | RandAugment (Cubuk et al. 2020, torchvision's ranges) | TrivialAugment wide (Muller & Hutter 2021) |
 * |----|----|----|
 * | rotate | 30 m degrees | 135 m degrees |
 * | shearX, shearY | 0.3 m | 0.99 m |
 * | translateX, translateY | 150/331 m of the image side | m of the image side (32 px on 32 px images) |
 * | brightness, color, contrast, sharpness | factor 1 + 0.9 m | factor 1 + 0.99 m |
 * | posterize | 8 - round(4 m) bits | 8 - round(6 m) bits |
 * | solarize | threshold 256 (1 - m) / 255 | the same |
 *
 * Identity, autocontrast and equalize take no parameter. The solarize threshold is PIL's 8-bit
 * one (`256 - 256 m`) over 255, so magnitude 0 changes nothing, as in the papers' code.
 */
import type { FloatArray } from '../../kernels/backend.js';
import type { ImageGeometry, Interpolation } from '../image.js';
import type { ImageOp, OpName } from './image-op.js';
import { IDENTITY, POSTERIZE, SOLARIZE } from './pixel.js';
import { AUTOCONTRAST, EQUALIZE } from './histogram.js';
import { BRIGHTNESS, COLOR, CONTRAST, SHARPNESS } from './enhance.js';
import { ROTATE, SHEAR_X, SHEAR_Y, TRANSLATE_X, TRANSLATE_Y } from './geometric.js';

/** Every operation, by name. */
export const IMAGE_OPS: Readonly<Record<OpName, ImageOp>> = {
  identity: IDENTITY,
  autocontrast: AUTOCONTRAST,
  equalize: EQUALIZE,
  rotate: ROTATE,
  solarize: SOLARIZE,
  posterize: POSTERIZE,
  contrast: CONTRAST,
  brightness: BRIGHTNESS,
  sharpness: SHARPNESS,
  color: COLOR,
  shearX: SHEAR_X,
  shearY: SHEAR_Y,
  translateX: TRANSLATE_X,
  translateY: TRANSLATE_Y,
};

/** The largest parameters of a space (at magnitude 1). */
interface SpaceRanges {
  readonly rotate: number;
  readonly shear: number;
  /** Largest shift as a share of the image side. */
  readonly translate: number;
  readonly enhance: number;
  /** Bits taken off at magnitude 1. */
  readonly posterizeBits: number;
}

/** A policy's map from magnitude to an operation's parameter. */
export type OpSpace = (op: OpName, m: number, g: ImageGeometry) => number;

function space(r: SpaceRanges): OpSpace {
  return (op, m, g) => {
    switch (op) {
      case 'rotate':
        return r.rotate * m;
      case 'shearX':
      case 'shearY':
        return r.shear * m;
      case 'translateX':
        return r.translate * m * g.width;
      case 'translateY':
        return r.translate * m * g.height;
      case 'brightness':
      case 'color':
      case 'contrast':
      case 'sharpness':
        return r.enhance * m;
      case 'posterize':
        return 8 - Math.round(r.posterizeBits * m);
      case 'solarize':
        return (256 * (1 - m)) / 255;
      default:
        return 0;
    }
  };
}

/** RandAugment's ranges. */
export const RAND_AUGMENT_SPACE: OpSpace = space({ rotate: 30, shear: 0.3, translate: 150 / 331, enhance: 0.9, posterizeBits: 4 });

/** TrivialAugment's wide ranges. */
export const TRIVIAL_AUGMENT_SPACE: OpSpace = space({ rotate: 135, shear: 0.99, translate: 1, enhance: 0.99, posterizeBits: 6 });

/** The operations of RandAugment and TrivialAugment for images of `channels` channels: all 14 for colour images, all but `color` otherwise. */
export function policyOps(channels: number): readonly ImageOp[] {
  return Object.values(IMAGE_OPS).filter((op) => !op.colourOnly || channels === 3);
}

/**
 * Applies `op` with parameter `v` to `src`, writing `dst`; the identity for an operation that
 * needs colour on an image without it.
 */
export function applyOp(op: ImageOp, src: FloatArray, dst: FloatArray, g: ImageGeometry, v: number, interpolation: Interpolation): void {
  (op.colourOnly && g.channels !== 3 ? IDENTITY : op).apply(src, dst, g, v, interpolation);
}
