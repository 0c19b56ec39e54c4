/**
 * A drawn digit as the network expects it, prepared the way MNIST's digits were (LeCun et al.):
 * the ink's bounding box scaled to fit a 20x20 box (for 28x28 images; in proportion for other
 * sizes) keeping its aspect ratio, then placed so that its centre of mass is at the image centre.
 */

/** Ink values below this count as background when finding the drawing's extent. */
const INK = 0.05;

/**
 * The `side` x `side` image (values in [0, 1], row-major) of a drawing given as `width` x
 * `height` ink values in [0, 1]; null when nothing is drawn.
 */
export function digitFromInk(ink: ArrayLike<number>, width: number, height: number, side = 28): Float32Array | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > INK) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const box = Math.max(1, Math.round((side * 20) / 28));
  const s = box / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * s));
  const h = Math.max(1, Math.round(bh * s));
  // Box filter: every source pixel adds to the target pixel it falls in (s < 1); nearest when enlarging.
  const small = new Float32Array(w * h);
  if (s < 1) {
    const count = new Float32Array(w * h);
    for (let y = 0; y < bh; y++) {
      const ty = Math.min(h - 1, Math.floor(y * s));
      for (let x = 0; x < bw; x++) {
        const t = ty * w + Math.min(w - 1, Math.floor(x * s));
        small[t] += ink[(y0 + y) * width + x0 + x]!;
        count[t]! += 1;
      }
    }
    for (let i = 0; i < small.length; i++) small[i] = count[i]! > 0 ? small[i]! / count[i]! : 0;
  } else {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) small[y * w + x] = ink[(y0 + Math.min(bh - 1, Math.floor(y / s))) * width + x0 + Math.min(bw - 1, Math.floor(x / s))]!;
  }
  let mass = 0, cx = 0, cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const ox = Math.round(side / 2 - (mass > 0 ? cx / mass : w / 2));
  const oy = Math.round(side / 2 - (mass > 0 ? cy / mass : h / 2));
  const out = new Float32Array(side * side);
  for (let y = 0; y < h; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= side) continue;
    for (let x = 0; x < w; x++) {
      const tx = x + ox;
      if (tx >= 0 && tx < side) out[ty * side + tx] = Math.min(1, Math.max(0, small[y * w + x]!));
    }
  }
  return out;
}
