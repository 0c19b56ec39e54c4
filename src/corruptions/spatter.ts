/** Spatter: blobs of grey mud over the image. */
import { defineCorruption } from './corruption.js';
import { blur2d } from './image-ops.js';

/** [mean, stddev, blur sigma, threshold, mask blur sigma, mud flag (unused in MNIST-C)]. */
type SpatterLevel = readonly [number, number, number, number, number, number];

/** The mud's grey level, 63 / 255. */
export const MUD = 63 / 255;

export const SPATTER = defineCorruption<SpatterLevel>({
  name: 'spatter',
  summary: 'blobs of grey mud (63/255) where a blurred Gaussian field passes a threshold',
  details:
    'A field of N(mean, stddev^2) values per pixel is blurred (sigma), values at most the threshold are cleared, the mask of those above it is blurred ' +
    '(the second sigma) and cleared below 0.8, giving weights m; each pixel becomes x (1 - m) + 63/255 m. ' +
    'Colour images: one field for all channels. The sigmas scale with min(height, width) / 28.',
  levels: [[0.65, 0.3, 4, 0.69, 0.6, 0], [0.65, 0.3, 3, 0.68, 0.6, 0], [0.65, 0.3, 2, 0.68, 0.5, 0], [0.65, 0.3, 1, 0.65, 1.5, 1], [0.67, 0.4, 1, 0.65, 1.5, 1]],
  benchmarkSeverity: 4,
  describeLevel: ([mean, stddev, sigma, threshold, maskSigma]) => `N(${mean}, ${stddev}^2), sigma ${sigma}, threshold ${threshold}, mask sigma ${maskSigma}`,
  apply(image, [mean, stddev, sigma, threshold, maskSigma], { rng, scale }) {
    const { height, width, channels, data } = image;
    const field = new Float64Array(height * width);
    for (let i = 0; i < field.length; i++) field[i] = mean + stddev * rng.normal();
    const liquid = blur2d(field, height, width, sigma * scale);
    const mask = new Float64Array(field.length);
    for (let i = 0; i < mask.length; i++) mask[i] = liquid[i]! > threshold ? 1 : 0;
    const m = blur2d(mask, height, width, maskSigma * scale);
    const out = new Float32Array(data.length);
    for (let i = 0; i < m.length; i++) {
      const w = m[i]! < 0.8 ? 0 : m[i]!;
      for (let k = 0; k < channels; k++) out[i * channels + k] = data[i * channels + k]! * (1 - w) + MUD * w;
    }
    return out;
  },
});
