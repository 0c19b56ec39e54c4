/** Reads an images file and a labels file (IDX) into one {@link ImageSplit}. */
import { DataFileError } from '../errors.js';
import { readIdxFile } from './idx.js';
import type { ImageSplit } from './types.js';

/**
 * Loads one split from two IDX files (raw or gzip).
 * @param imagesPath an IDX file of dims `[count, height, width]`.
 * @param labelsPath an IDX file of dims `[count]`.
 * @param numClasses every label must be below this (default 10).
 * @throws DataFileError naming the file when either file is invalid, the ranks are wrong,
 *   the counts differ, or a label is out of range (the first bad index and value are named).
 */
export async function loadImageSplit(imagesPath: string, labelsPath: string, numClasses = 10): Promise<ImageSplit> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (images.dims.length !== 3) {
    throw new DataFileError(`${imagesPath}: images must have 3 dimensions [count, height, width], found [${images.dims.join(', ')}]`);
  }
  if (labels.dims.length !== 1) {
    throw new DataFileError(`${labelsPath}: labels must have 1 dimension [count], found [${labels.dims.join(', ')}]`);
  }
  const [count, height, width] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) {
    throw new DataFileError(`${labelsPath}: ${labels.dims[0]} labels, but ${imagesPath} has ${count} images`);
  }
  const bad = labels.data.findIndex((label) => label >= numClasses);
  if (bad >= 0) {
    throw new DataFileError(`${labelsPath}: label at index ${bad} is ${labels.data[bad]}, expected a class index below ${numClasses}`);
  }
  return { images: images.data, labels: labels.data, count, height, width };
}
