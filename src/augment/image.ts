/**
 * Image augmentations: each sample is an image of `height x width` pixels with `channels`
 * values per pixel, channels last (`channels = sampleSize / (height * width)`, 1 for MNIST).
 * The shape comes from the augmentation's `shape` option or from fit's `imageShape`; data that
 * is not images is refused before training with a one-line error. Pixels are resampled in
 * plain TypeScript (the kernel contract has no resampling kernel); outside the image reads 0.
 */
import type { FloatArray } from '../kernels/backend.js';
import { RandomAugmentation, type AugmentSetup } from '../parts/augmentation.js';
import { InvalidArgumentError, ShapeError, invalid } from '../errors.js';
import { custom } from '../schema/fields.js';

export type Interpolation = 'bilinear' | 'nearest';
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest'];

/** An image's geometry. */
export interface ImageGeometry {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Validates a `[height, width]` option. */
export function checkImageShape(where: string, shape: unknown): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw invalid(where, 'shape', 'two positive integers [height, width]', shape);
  }
  return [shape[0], shape[1]];
}

export abstract class ImageAugmentation extends RandomAugmentation {
  private geometry: ImageGeometry | null = null;

  constructor(readonly shape: [number, number] | undefined) {
    super();
  }

  override setup(info: AugmentSetup): void {
    const shape = this.shape ?? info.imageShape;
    if (!shape) {
      throw new InvalidArgumentError(`${this.name}: needs images: pass imageShape [height, width] to fit or shape to ${this.name}; the inputs have ${info.sampleSize} values per sample`);
    }
    const [height, width] = checkImageShape(this.name, shape);
    const channels = info.sampleSize / (height * width);
    if (!Number.isInteger(channels) || channels < 1) {
      throw new ShapeError(`${this.name}: images of ${height}x${width} pixels need a multiple of ${height * width} values per sample, the inputs have ${info.sampleSize}`);
    }
    this.geometry = { height, width, channels };
  }

  /** The geometry found by `setup` (from `shape` alone when `setup` was not called). */
  protected image(sampleSize: number): ImageGeometry {
    if (!this.geometry) this.setup({ sampleSize, outputs: 0 });
    return this.geometry!;
  }

  protected shapeConfig(): { shape?: [number, number] } {
    return this.shape ? { shape: [...this.shape] } : {};
  }
}

/**
 * Value of channel `ch` of the image at `off` at the real position (`y`, `x`), by bilinear or
 * nearest interpolation; 0 outside. At integer positions bilinear returns the pixel exactly.
 */
export function sampleAt(src: FloatArray, off: number, g: ImageGeometry, ch: number, y: number, x: number, interpolation: Interpolation): number {
  if (interpolation === 'nearest') return pixel(src, off, g, ch, Math.round(y), Math.round(x));
  const y0 = Math.floor(y);
  const x0 = Math.floor(x);
  const fy = y - y0;
  const fx = x - x0;
  const top = fx === 0 ? pixel(src, off, g, ch, y0, x0) : (1 - fx) * pixel(src, off, g, ch, y0, x0) + fx * pixel(src, off, g, ch, y0, x0 + 1);
  if (fy === 0) return top;
  const bottom = fx === 0 ? pixel(src, off, g, ch, y0 + 1, x0) : (1 - fx) * pixel(src, off, g, ch, y0 + 1, x0) + fx * pixel(src, off, g, ch, y0 + 1, x0 + 1);
  return (1 - fy) * top + fy * bottom;
}

/** Pixel `(y, x)`, channel `ch`, of the image at `off`; 0 outside the image. */
function pixel(src: FloatArray, off: number, g: ImageGeometry, ch: number, y: number, x: number): number {
  return y >= 0 && y < g.height && x >= 0 && x < g.width ? src[off + (y * g.width + x) * g.channels + ch]! : 0;
}

/** The `shape` option of image augmentations: `[height, width]`, default fit's `imageShape`. */
export const IMAGE_SHAPE = custom("[height, width] of the images; default fit's imageShape", 'two positive integers [height, width]', (where, _path, value) => checkImageShape(where, value));
