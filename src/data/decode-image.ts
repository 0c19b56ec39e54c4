/**
 * PNG and JPEG decoding in pure JavaScript (fast-png, jpeg-js), the same in Node and browsers.
 * Grey images stay one channel and colour ones three; an alpha channel is dropped (and said).
 * The header's size is checked before any pixel is decoded.
 */
import { convertIndexedToRgb, decode as decodePngBytes } from 'fast-png';
import jpeg from 'jpeg-js';
import { DataFileError } from '../errors.js';
import { MAX_IMAGE_PIXELS, checkImageHeader } from './image-header.js';

/** A decoded image: `height * width * channels` bytes, row-major, channels last. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 (grey) or 3 (RGB). */
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
  /** The file had an alpha channel (or PNG transparency), dropped here. */
  readonly alphaDropped: boolean;
}

/** Options of {@link decodeImage}. */
export interface DecodeImageOptions {
  /** Refuse images of more pixels than this, from the header (default 50 million). */
  readonly maxPixels?: number;
}

/**
 * Decodes a PNG or JPEG image. 16-bit PNG samples are rounded to 8 bits, palette images become
 * RGB, CMYK JPEGs are refused.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError naming `where` for an unknown format, a header over `maxPixels`, or
 *   corrupt or truncated data.
 */
export function decodeImage(input: Uint8Array | ArrayBuffer, where: string, options: DecodeImageOptions = {}): DecodedImage {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const header = checkImageHeader(bytes, where, options.maxPixels ?? MAX_IMAGE_PIXELS);
  try {
    return header.format === 'png' ? decodePng(bytes, where) : decodeJpeg(bytes, where, header.components);
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    // Decoders' messages may end mid-sentence ("Error while decompressing the data:"): trimmed.
    const clean = message.replace(/\s+/g, ' ').trim().replace(/[\s:;,.-]+$/, '');
    throw new DataFileError(`${where}: undecodable ${header.format.toUpperCase()}${clean ? ` (${clean})` : ''}`);
  }
}

function decodePng(bytes: Uint8Array, where: string): DecodedImage {
  const png = decodePngBytes(bytes);
  const { width, height } = png;
  let data: Uint8Array;
  let channels = png.channels;
  if (png.palette) {
    data = Uint8Array.from(convertIndexedToRgb(png));
    channels = data.length / (width * height);
  } else if (png.depth === 16) {
    data = Uint8Array.from(png.data, (v) => Math.round(v / 257));
  } else if (png.depth < 8) {
    const top = 2 ** png.depth - 1;
    data = Uint8Array.from(png.data, (v) => Math.round((v * 255) / top));
  } else {
    data = png.data instanceof Uint8Array ? png.data : Uint8Array.from(png.data);
  }
  if (data.length !== width * height * channels) throw new DataFileError(`${where}: undecodable PNG: ${data.length} samples for ${height}x${width}x${channels}`);
  const alpha = channels === 2 || channels === 4;
  return { width, height, channels: alpha ? ((channels - 1) as 1 | 3) : (channels as 1 | 3), data: alpha ? dropAlpha(data, channels) : data, alphaDropped: alpha || png.transparency !== undefined };
}

function decodeJpeg(bytes: Uint8Array, where: string, components: number): DecodedImage {
  if (components !== 1 && components !== 3) throw new DataFileError(`${where}: JPEG with ${components} components (CMYK?); grey (1) and colour (3) are read`);
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: 1000, maxMemoryUsageInMB: 4096 });
  const { width, height } = image;
  if (components === 3) return { width, height, channels: 3, data: image.data, alphaDropped: false };
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = image.data[3 * i]!;
  return { width, height, channels: 1, data: grey, alphaDropped: false };
}

/** The first `channels - 1` samples of every pixel. */
function dropAlpha(data: Uint8Array, channels: number): Uint8Array {
  const keep = channels - 1;
  const pixels = data.length / channels;
  const out = new Uint8Array(pixels * keep);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < keep; c++) out[p * keep + c] = data[p * channels + c]!;
  return out;
}
