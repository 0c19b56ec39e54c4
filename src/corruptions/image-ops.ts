/**
 * The image operations the corruptions share, written to match the published code's library
 * calls: a Gaussian filter as scipy's `gaussian_filter` (truncated at 4 sigma, edges `nearest`
 * or `constant`), an affine warp as scikit-image's `warp` (bilinear, 0 outside), Poisson draws,
 * and per-channel planes of an image.
 */
import type { Xoshiro128 } from '../random/xoshiro.js';
import type { CorruptionImage } from './corruption.js';

/** How a filter reads outside the image: the nearest edge value, or 0. */
export type EdgeMode = 'nearest' | 'constant';

/** One channel of `image` as a `height * width` plane of doubles. */
export function planeOf(image: CorruptionImage, channel: number): Float64Array {
  const { height, width, channels, data } = image;
  const out = new Float64Array(height * width);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels + channel]!;
  return out;
}

/** Writes `plane` into channel `channel` of the interleaved `out`. */
export function putPlane(out: Float32Array, plane: ArrayLike<number>, channel: number, channels: number): void {
  for (let i = 0; i < plane.length; i++) out[i * channels + channel] = plane[i]!;
}

/** Applies `f` to every channel's plane and interleaves the results. */
export function perChannel(image: CorruptionImage, f: (plane: Float64Array) => ArrayLike<number>): Float32Array {
  const out = new Float32Array(image.data.length);
  for (let c = 0; c < image.channels; c++) putPlane(out, f(planeOf(image, c)), c, image.channels);
  return out;
}

/** The luminance of each pixel (ITU-R 709 weights, as scikit-image's `rgb2gray`); the plane itself for grey. */
export function luminance(image: CorruptionImage): Float64Array {
  if (image.channels < 3) return planeOf(image, 0);
  const { height, width, channels, data } = image;
  const out = new Float64Array(height * width);
  for (let i = 0; i < out.length; i++) out[i] = 0.2125 * data[i * channels]! + 0.7154 * data[i * channels + 1]! + 0.0721 * data[i * channels + 2]!;
  return out;
}

/** The normalised 1-D Gaussian kernel of scipy: radius `round(4 sigma)`. */
export function gaussianKernel(sigma: number, truncate = 4): Float64Array {
  const radius = Math.floor(truncate * sigma + 0.5);
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp((-0.5 * i * i) / (sigma * sigma));
    kernel[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return kernel;
}

/** Filters `plane` with a Gaussian of `sigma` along one axis (0: down the columns, 1: along the rows). */
export function blurAxis(plane: Float64Array, height: number, width: number, sigma: number, axis: 0 | 1, mode: EdgeMode = 'nearest'): Float64Array {
  if (sigma <= 0) return Float64Array.from(plane);
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const out = new Float64Array(plane.length);
  const length = axis === 0 ? height : width;
  const stride = axis === 0 ? width : 1;
  const lines = axis === 0 ? width : height;
  const lineStride = axis === 0 ? 1 : width;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStride;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) {
        let j = i + k;
        if (j < 0 || j >= length) {
          if (mode === 'constant') continue;
          j = j < 0 ? 0 : length - 1;
        }
        sum += kernel[k + radius]! * plane[base + j * stride]!;
      }
      out[base + i * stride] = sum;
    }
  }
  return out;
}

/** A Gaussian filter of `sigma` over both axes (scipy's `gaussian_filter` on a 2-D array). */
export function blur2d(plane: Float64Array, height: number, width: number, sigma: number, mode: EdgeMode = 'nearest'): Float64Array {
  return blurAxis(blurAxis(plane, height, width, sigma, 0, mode), height, width, sigma, 1, mode);
}

/**
 * An affine inverse map, as scikit-image's `AffineTransform.params`: the output pixel at column
 * x, row y reads the input at column `a1 x + a2 y + a3`, row `b1 x + b2 y + b3`.
 */
export interface InverseMap {
  readonly a1: number;
  readonly a2: number;
  readonly a3: number;
  readonly b1: number;
  readonly b2: number;
  readonly b3: number;
}

/** The inverse map with linear part `[[a1, a2], [b1, b2]]` that keeps the image's centre in place. */
export function aroundCentre(a1: number, a2: number, b1: number, b2: number, height: number, width: number): InverseMap {
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return { a1, a2, a3: cx - a1 * cx - a2 * cy, b1, b2, b3: cy - b1 * cx - b2 * cy };
}

/** Warps a plane by an inverse map with bilinear interpolation, reading 0 outside (scikit-image's `warp`, order 1, mode constant). */
export function warpPlane(plane: Float64Array, height: number, width: number, map: InverseMap): Float64Array {
  const out = new Float64Array(plane.length);
  const at = (r: number, c: number): number => (r >= 0 && r < height && c >= 0 && c < width ? plane[r * width + c]! : 0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = map.a1 * x + map.a2 * y + map.a3;
      const r = map.b1 * x + map.b2 * y + map.b3;
      const r0 = Math.floor(r);
      const c0 = Math.floor(c);
      const r1 = Math.ceil(r);
      const c1 = Math.ceil(c);
      const dr = r - r0;
      const dc = c - c0;
      const top = (1 - dc) * at(r0, c0) + dc * at(r0, c1);
      const bottom = (1 - dc) * at(r1, c0) + dc * at(r1, c1);
      out[y * width + x] = (1 - dr) * top + dr * bottom;
    }
  }
  return out;
}

/** Warps every channel of `image` by `map`. */
export function warpImage(image: CorruptionImage, map: InverseMap): Float32Array {
  return perChannel(image, (plane) => warpPlane(plane, image.height, image.width, map));
}

/** A Poisson draw of mean `lambda` (inversion: one uniform per draw; the means here are small). */
export function poisson(lambda: number, rng: Xoshiro128): number {
  if (lambda <= 0) return 0;
  const u = rng.uniform();
  let p = Math.exp(-lambda);
  let cumulative = p;
  let k = 0;
  while (u > cumulative && k < 10000) {
    k++;
    p *= lambda / k;
    cumulative += p;
    if (p === 0) break;
  }
  return k;
}

/** A random sign, -1 or 1 with equal chance. */
export function randomSign(rng: Xoshiro128): number {
  return rng.uniform() < 0.5 ? -1 : 1;
}
