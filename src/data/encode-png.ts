/** PNG encoding in pure JavaScript (fast-png), the same in Node and browsers: 8-bit grey or RGB. */
import { encode as encodePngBytes } from 'fast-png';
import { ShapeError } from '../errors.js';

/**
 * The PNG file of an 8-bit image: `height * width * channels` bytes, row-major, channels last,
 * 1 (grey) or 3 (RGB) channels.
 * @throws ShapeError when the bytes do not fill the size, or for another channel count.
 */
export function encodePng(data: Uint8Array, width: number, height: number, channels: 1 | 3): Uint8Array {
  if (channels !== 1 && channels !== 3) throw new ShapeError(`encodePng: 1 or 3 channels expected, got ${String(channels)}`);
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) throw new ShapeError(`encodePng: a positive integer size expected, got ${width} x ${height}`);
  if (data.length !== width * height * channels) throw new ShapeError(`encodePng: ${width} x ${height} x ${channels} = ${width * height * channels} bytes expected, got ${data.length}`);
  return encodePngBytes({ width, height, data, depth: 8, channels });
}
