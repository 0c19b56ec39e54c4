/**
 * The anti-aliased line of the published line corruptions, drawn in the coordinates of a
 * 28 x 28 image: pixel column j of a `width`-wide image sits at 27 j / (width - 1), so on
 * 28 x 28 images the frame and the pixels coincide and other sizes get the same picture.
 */

/** The frame's side: the published lines are drawn on 28 x 28 images. */
export const FRAME = 28;

/** Where pixel `index` of `length` sits in the frame. */
export function frameCoordinate(index: number, length: number): number {
  return length > 1 ? (index * (FRAME - 1)) / (length - 1) : 0;
}

/**
 * Adds to `mask` (a `height * width` plane) the line from (column c0, row r0) to (c1, r1), frame
 * coordinates: `1 + log(1 - d / 2.3)` (clipped to [0, 1]) at vertical distance d from it, on the
 * columns from floor(c0) up to, not including, ceil(c1) (Python's slice rules, as published: a
 * negative bound counts from the frame's right edge). A vertical line (c0 = c1) draws nothing.
 */
export function lineOnto(mask: Float64Array, height: number, width: number, c0: number, r0: number, c1: number, r1: number): void {
  if (c1 === c0) return;
  const slope = (r1 - r0) / (c1 - c0);
  const sliceBound = (b: number): number => (b < 0 ? Math.max(FRAME + b, 0) : b);
  const left = sliceBound(Math.floor(c0));
  const right = sliceBound(Math.ceil(c1));
  for (let x = 0; x < width; x++) {
    const cc = frameCoordinate(x, width);
    if (cc < left || cc >= right) continue;
    const row = slope * (cc - c0) + r0;
    for (let y = 0; y < height; y++) {
      const distance = Math.min(Math.abs(frameCoordinate(y, height) - row), 2.3 - 1e-10);
      const v = Math.log(1 - distance / 2.3) + 1;
      if (v > 0) mask[y * width + x]! += Math.min(v, 1);
    }
  }
}

/** `image + mask` on every channel (the values are clipped by the caller). */
export function addMask(data: Float32Array, mask: Float64Array, channels: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! + mask[Math.floor(i / channels)]!;
  return out;
}
