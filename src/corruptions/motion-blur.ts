/** Motion blur: each pixel averages the pixels behind it along a random direction (ImageMagick's motion blur). */
import { defineCorruption } from './corruption.js';
import { perChannel } from './image-ops.js';

/** [radius, sigma] of ImageMagick's MotionBlurImage. */
type MotionLevel = readonly [number, number];

export const MOTION_BLUR = defineCorruption<MotionLevel>({
  name: 'motion_blur',
  summary: 'one-sided Gaussian blur along a random direction in [-45, 45] degrees',
  details:
    "As ImageMagick's MotionBlurImage, which the published code calls: a kernel of 2 ceil(radius) + 1 taps, tap i weighted exp(-i^2 / (2 sigma^2)) (normalised), " +
    'reading the pixel i steps away along the angle (rounded to whole pixels), edge pixels repeated outside the image. ' +
    'Colour images: every channel alike. Radius and sigma scale with min(height, width) / 28.',
  levels: [[10, 3], [15, 5], [15, 8], [15, 12], [20, 15]],
  benchmarkSeverity: 1,
  describeLevel: ([radius, sigma]) => `radius = ${radius}, sigma = ${sigma}`,
  apply(image, [radius0, sigma0], { rng, scale }) {
    const { height, width } = image;
    const radius = radius0 * scale;
    const sigma = sigma0 * scale;
    const angle = (rng.uniform() * 90 - 45) * (Math.PI / 180);
    const taps = 2 * Math.ceil(radius) + 1;
    const weights = new Float64Array(taps);
    const dx = new Int32Array(taps);
    const dy = new Int32Array(taps);
    let sum = 0;
    // The direction as ImageMagick computes it (so that ties at half a pixel round alike).
    const px = taps * Math.sin(angle);
    const py = taps * Math.cos(angle);
    const length = Math.hypot(px, py);
    for (let i = 0; i < taps; i++) {
      weights[i] = Math.exp(-(i * i) / (2 * sigma * sigma));
      sum += weights[i]!;
      dx[i] = Math.ceil((i * py) / length - 0.5);
      dy[i] = Math.ceil((i * px) / length - 0.5);
    }
    for (let i = 0; i < taps; i++) weights[i]! /= sum;
    return perChannel(image, (plane) => {
      const out = new Float64Array(plane.length);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let v = 0;
          for (let i = 0; i < taps; i++) {
            const xx = Math.min(Math.max(x + dx[i]!, 0), width - 1);
            const yy = Math.min(Math.max(y + dy[i]!, 0), height - 1);
            v += weights[i]! * plane[yy * width + xx]!;
          }
          out[y * width + x] = v;
        }
      }
      return out;
    });
  },
});
