/** Brightness: the value channel of HSV raised by c. */
import { defineCorruption } from './corruption.js';

export const BRIGHTNESS = defineCorruption<number>({
  name: 'brightness',
  summary: 'adds c to the HSV value (brightness) of every pixel, clipped at 1',
  details:
    'Each pixel goes to HSV, its value V = max over channels is raised to min(V + c, 1), and it goes back with hue and saturation kept: ' +
    'every channel is multiplied by V\' / V (a black pixel becomes grey c). On grey images (the published code goes through RGB and back) this is min(x + c, 1). Any size. Not random.',
  levels: [0.1, 0.2, 0.3, 0.4, 0.5],
  benchmarkSeverity: 5,
  describeLevel: (c) => `c = ${c}`,
  apply(image, c) {
    const { channels, data } = image;
    const out = new Float32Array(data.length);
    for (let p = 0; p < data.length; p += channels) {
      let v = 0;
      for (let k = 0; k < channels; k++) v = Math.max(v, data[p + k]!);
      const raised = Math.min(v + c, 1);
      for (let k = 0; k < channels; k++) out[p + k] = v > 0 ? (data[p + k]! * raised) / v : raised;
    }
    return out;
  },
});
