/**
 * Bilinear resizing of byte images with half-pixel centres and no antialiasing, the way
 * `tf.image.resize(method='bilinear')` (and so Keras' `image_dataset_from_directory`) resizes:
 * output pixel `i` samples the input at `(i + 0.5) * in / out - 0.5`, clamped to the edges.
 */

/** The name {@link resizeBilinear} is recorded under in a dataset's preprocessing. */
export const RESIZE_METHOD = 'bilinear (half-pixel centres, no antialiasing)';

/**
 * `data` (`height * width * channels` bytes, channels last) resized to `outHeight x outWidth`,
 * rounded to the nearest byte. The same size gives a copy.
 */
export function resizeBilinear(data: Uint8Array, height: number, width: number, channels: number, outHeight: number, outWidth: number): Uint8Array {
  const out = new Uint8Array(outHeight * outWidth * channels);
  const ys = axis(height, outHeight);
  const xs = axis(width, outWidth);
  for (let i = 0; i < outHeight; i++) {
    const { lo: y0, hi: y1, t: ty } = ys[i]!;
    for (let j = 0; j < outWidth; j++) {
      const { lo: x0, hi: x1, t: tx } = xs[j]!;
      for (let c = 0; c < channels; c++) {
        const at = (y: number, x: number): number => data[(y * width + x) * channels + c]!;
        const top = at(y0, x0) + (at(y0, x1) - at(y0, x0)) * tx;
        const bottom = at(y1, x0) + (at(y1, x1) - at(y1, x0)) * tx;
        out[(i * outWidth + j) * channels + c] = Math.round(top + (bottom - top) * ty);
      }
    }
  }
  return out;
}

/** For each output index: the two input indices around its sample point and the weight of the second. */
function axis(size: number, outSize: number): { lo: number; hi: number; t: number }[] {
  return Array.from({ length: outSize }, (_, i) => {
    const at = Math.min(Math.max((i + 0.5) * (size / outSize) - 0.5, 0), size - 1);
    const lo = Math.floor(at);
    return { lo, hi: Math.min(lo + 1, size - 1), t: at - lo };
  });
}
