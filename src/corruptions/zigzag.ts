/** Zigzag: a white zigzag line across the image at a random height and slant. */
import { defineCorruption } from './corruption.js';
import { addMask, lineOnto } from './line-mask.js';

export const ZIGZAG = defineCorruption<null>({
  name: 'zigzag',
  summary: 'a white zigzag from column 2 to 25 at a random row and slant',
  details:
    'In 28 x 28 coordinates: a zigzag of teeth 2 long and 2 high along the line from (2, r0) to (25, r1), r0 uniform in [0, 26] and r1 - r0 in [-5, 4], ' +
    'its end point placed as the published code places it; each segment drawn as the dotted line is (2.3 pixels wide, fading), added and clipped in turn. ' +
    'No severity. Colour images: white, on every channel. Other sizes: the same zigzag, scaled.',
  levels: null,
  apply(image, _level, { rng }) {
    const { height, width, channels, data } = image;
    const a = 2;
    const b = 2;
    const c0 = 2;
    const c1 = 25;
    const r0 = rng.int(27);
    const r1 = r0 + rng.int(10) - 5;
    const theta = Math.atan((r1 - r0) / (c1 - c0));
    const d = (c1 - c0) / Math.cos(theta);
    const points: [number, number][] = [[0, 0]];
    let ri = 0;
    const teeth = Math.floor((d - a) / (2 * a)) + 1;
    for (let i = 0; i < teeth; i++) {
      ri = (i % 2 === 0 ? 1 : -1) * b;
      points.push([(2 * i + 1) * a, ri]);
    }
    const lastFull = 2 * a * Math.floor(d / (2 * a));
    if (d !== lastFull) points.push([d, ri / (2 * (d - lastFull))]);
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const turned = points.map(([c, r]): [number, number] => [cos * c - sin * r + c0, sin * c + cos * r + r0]);
    // The published code adds each segment and clips in turn; the segments being >= 0, clipping the sum once is the same.
    const mask = new Float64Array(height * width);
    for (let i = 1; i < turned.length; i++) {
      const segment = new Float64Array(height * width);
      lineOnto(segment, height, width, turned[i - 1]![0], turned[i - 1]![1], turned[i]![0], turned[i]![1]);
      for (let p = 0; p < mask.length; p++) mask[p]! += segment[p]!;
    }
    return addMask(data, mask, channels);
  },
});
