/**
 * Corrupting many images: each image gets its own seeded stream, derived from the seed, the
 * corruption and the image's index, so a sample's corruption does not depend on which other
 * samples are corrupted with it, nor in which chunks. Results are rounded to bytes (steps of
 * 1/255), as a corrupted dataset is stored.
 */
import { Tensor } from '../tensor/tensor.js';
import { Xoshiro128, deriveSeed, mixSeed } from '../random/xoshiro.js';
import { ShapeError, invalid } from '../errors.js';
import { checkNumber } from '../validate.js';
import type { Corruption, CorruptionImage } from './corruption.js';
import { checkSeverity } from './corruption.js';
import { findCorruption } from './catalogue.js';

/** An image's size: height, width and values per pixel. */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Options of {@link corruptImages} and {@link corruptSample}. */
export interface CorruptOptions {
  /** 0 (none) to 5, or `default`: the benchmark's own severity for each corruption (the default). */
  severity?: number | 'default';
  /** Seed of the corruptions' random draws; default 0. */
  seed?: number;
  /** The images' `[height, width, channels]`, when `x` is `[count, height * width * channels]`; default from `x`'s shape. */
  imageShape?: readonly [number, number, number];
}

/**
 * The image shape of `x`'s samples: `[count, height, width, channels]`, `[count, height, width]`
 * (grey), or flat rows with `imageShape`.
 * @throws ShapeError for flat samples without `imageShape`, or an `imageShape` that does not fit.
 */
export function imageShapeOf(x: Tensor, imageShape?: readonly [number, number, number]): ImageShape {
  if (imageShape) {
    const [height, width, channels] = imageShape;
    if (height * width * channels !== x.sampleSize) throw new ShapeError(`corrupt: imageShape ${height} x ${width} x ${channels} = ${height * width * channels} values per sample, the samples have ${x.sampleSize}`);
    return { height, width, channels };
  }
  const shape = x.shape;
  if (shape.length === 4) return { height: shape[1]!, width: shape[2]!, channels: shape[3]! };
  if (shape.length === 3) return { height: shape[1]!, width: shape[2]!, channels: 1 };
  throw new ShapeError(`corrupt: images of shape [count, height, width, channels] expected, got [${shape.join(', ')}]; pass imageShape for flat samples`);
}

/** The seed of sample `index` under `corruption`. */
export function sampleSeed(seed: number, corruption: Corruption, index: number): number {
  return mixSeed(deriveSeed(seed, `corruption:${corruption.name}`), index);
}

/** Sample `index` of `x` (scaled by its scale, e.g. bytes / 255) as a float image. */
export function imageOf(x: Tensor, index: number, shape: ImageShape): CorruptionImage {
  const size = x.sampleSize;
  const data = new Float32Array(size);
  const scale = x.scale;
  const base = index * size;
  for (let i = 0; i < size; i++) data[i] = x.data[base + i]! * scale;
  return { ...shape, data };
}

/** Sample `index` of `x` corrupted, its values in [0, 1] rounded to steps of 1/255. */
export function corruptSample(x: Tensor, index: number, corruption: Corruption | string, options: CorruptOptions = {}): Float32Array {
  const c = typeof corruption === 'string' ? findCorruption(corruption) : corruption;
  const shape = imageShapeOf(x, options.imageShape);
  const seed = checkNumber('corrupt', 'seed', options.seed ?? 0, { min: 0, integer: true });
  const severity = options.severity ?? 'default';
  if (severity !== 'default') checkSeverity('corrupt', severity);
  const out = c.corrupt(imageOf(x, index, shape), severity, { rng: new Xoshiro128(sampleSeed(seed, c, index)), scale: Math.min(shape.height, shape.width) / 28 });
  for (let i = 0; i < out.length; i++) out[i] = Math.round(out[i]! * 255) / 255;
  return out;
}

/**
 * Every sample of `x` (images, values in [0, 1] after its scale) corrupted by `corruption`: a
 * byte tensor of `x`'s shape, scaled by 1/255. Deterministic for a seed; see {@link CorruptOptions}.
 * @throws InvalidArgumentError for an unknown corruption (the list given) or a severity outside 0-5;
 *   ShapeError for samples that are not images.
 */
export function corruptImages(x: Tensor, corruption: Corruption | string, options: CorruptOptions = {}): Tensor {
  const c = typeof corruption === 'string' ? findCorruption(corruption) : corruption;
  const severity = options.severity ?? 'default';
  if (severity !== 'default') checkSeverity('corrupt', severity);
  imageShapeOf(x, options.imageShape);
  if (x.count === 0) throw invalid('corruptImages', 'x', 'at least one image', 0);
  const size = x.sampleSize;
  const bytes = new Uint8Array(x.count * size);
  for (let i = 0; i < x.count; i++) {
    const sample = corruptSample(x, i, c, options);
    for (let k = 0; k < size; k++) bytes[i * size + k] = Math.round(sample[k]! * 255);
  }
  return new Tensor(bytes, [...x.shape], 1 / 255);
}
