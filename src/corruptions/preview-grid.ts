/**
 * The preview grid of `noisenet corrupt`: one row per version of the same samples (the clean
 * images first, then each corruption in order), one column per sample, cells apart by a gap.
 */
import { ShapeError } from '../errors.js';
import type { ImageShape } from './corrupt-images.js';

/** Pixels between cells, and their grey level. */
export const PREVIEW_GAP = 2;
export const PREVIEW_GAP_VALUE = 128;

/** A grid picture: bytes, row-major, channels last. */
export interface PreviewGrid {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Uint8Array;
}

/** The size of a grid of `rows` x `columns` cells of `shape`. */
export function previewSize(rows: number, columns: number, shape: ImageShape): { width: number; height: number } {
  return { width: columns * shape.width + (columns + 1) * PREVIEW_GAP, height: rows * shape.height + (rows + 1) * PREVIEW_GAP };
}

/**
 * Lays out `rows[r][c]` (each an image of `shape`, values in [0, 1]) as a grid picture.
 * @throws ShapeError for rows of different lengths or images of another size.
 */
export function previewGrid(rows: readonly (readonly Float32Array[])[], shape: ImageShape): PreviewGrid {
  const columns = rows[0]?.length ?? 0;
  if (rows.length === 0 || columns === 0) throw new ShapeError('preview: at least one row of one image expected');
  const { width, height } = previewSize(rows.length, columns, shape);
  const channels = shape.channels;
  const data = new Uint8Array(width * height * channels).fill(PREVIEW_GAP_VALUE);
  const cell = shape.height * shape.width * channels;
  rows.forEach((row, r) => {
    if (row.length !== columns) throw new ShapeError(`preview: row ${r} has ${row.length} images, row 0 has ${columns}`);
    row.forEach((image, c) => {
      if (image.length !== cell) throw new ShapeError(`preview: image ${c} of row ${r} has ${image.length} values, ${cell} expected`);
      const top = PREVIEW_GAP + r * (shape.height + PREVIEW_GAP);
      const left = PREVIEW_GAP + c * (shape.width + PREVIEW_GAP);
      for (let y = 0; y < shape.height; y++) {
        for (let x = 0; x < shape.width; x++) {
          for (let k = 0; k < channels; k++) {
            const v = image[(y * shape.width + x) * channels + k]!;
            data[((top + y) * width + left + x) * channels + k] = Math.round(Math.min(Math.max(v, 0), 1) * 255);
          }
        }
      }
    });
  });
  return { width, height, channels, data };
}
