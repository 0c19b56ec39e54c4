/**
 * The size a PNG or JPEG file declares, read from its header without decoding any pixel: PNG's
 * IHDR chunk, JPEG's start-of-frame segment. Used to refuse huge images before allocating them.
 */
import { DataFileError } from '../errors.js';

/** What an image's header declares. */
export interface ImageHeader {
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
  /** Colour components: PNG 1 (grey), 2 (grey + alpha), 3 (RGB), 4 (RGBA), palette 3; JPEG 1, 3 or 4 (CMYK). */
  readonly components: number;
}

/** Default ceiling on an image's pixels: 50 megapixels. */
export const MAX_IMAGE_PIXELS = 50_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image format of `bytes` from its magic, or null when it is neither PNG nor JPEG. */
export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * The header of a PNG or JPEG image.
 * @throws DataFileError naming `where` when the bytes are neither, or the header is truncated or corrupt.
 */
export function readImageHeader(bytes: Uint8Array, where: string): ImageHeader {
  const format = imageFormat(bytes);
  if (format === null) throw new DataFileError(`${where}: not a PNG or JPEG image (unknown magic bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (format === 'png') {
    if (bytes.length < 33 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new DataFileError(`${where}: truncated or corrupt PNG header (no IHDR chunk)`);
    const colorType = bytes[25]!;
    const components = ({ 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
    if (components === undefined) throw new DataFileError(`${where}: corrupt PNG header: colour type ${colorType}`);
    return { format, width: view.getUint32(16), height: view.getUint32(20), components };
  }
  for (let p = 2; p + 4 <= bytes.length; ) {
    if (bytes[p] !== 0xff) throw new DataFileError(`${where}: corrupt JPEG: expected a marker at byte ${p}`);
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = view.getUint16(p + 2);
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (p + 10 > bytes.length) break;
      return { format, height: view.getUint16(p + 5), width: view.getUint16(p + 7), components: bytes[p + 9]! };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or the scan before any frame header
    p += 2 + length;
  }
  throw new DataFileError(`${where}: truncated or corrupt JPEG header (no start-of-frame segment)`);
}

/**
 * `readImageHeader`, refusing an image of more than `maxPixels` pixels or of zero size.
 * @throws DataFileError naming `where` and the declared size.
 */
export function checkImageHeader(bytes: Uint8Array, where: string, maxPixels = MAX_IMAGE_PIXELS): ImageHeader {
  const header = readImageHeader(bytes, where);
  if (header.width === 0 || header.height === 0) throw new DataFileError(`${where}: ${header.format.toUpperCase()} header declares an empty ${header.height}x${header.width} image`);
  if (header.width * header.height > maxPixels) {
    throw new DataFileError(`${where}: ${header.format.toUpperCase()} header declares ${header.height}x${header.width} pixels, more than the limit of ${maxPixels} (the loader's maxPixels option); refused without decoding`);
  }
  return header;
}
