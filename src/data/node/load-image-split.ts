/** Reads an images file and a labels file (IDX) into one {@link ImageSplit}. */
import type { IdxParseOptions } from '../idx.js';
import { imageSplitFromIdx } from '../image-split.js';
import type { ImageSplit } from '../types.js';
import { readIdxFile } from './idx-file.js';

/**
 * Loads one split from two IDX files (raw or gzip).
 * @param imagesPath an IDX file of dims `[count, height, width]`.
 * @param labelsPath an IDX file of dims `[count]`.
 * @param numClasses every label must be below this (default 10).
 * @throws DataFileError naming the file when either file is invalid, the ranks are wrong,
 *   the counts differ, or a label is out of range (the first bad index and value are named).
 */
export async function loadImageSplit(imagesPath: string, labelsPath: string, numClasses = 10, options: IdxParseOptions = {}): Promise<ImageSplit> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath, options), readIdxFile(labelsPath, options)]);
  return imageSplitFromIdx(images, labels, numClasses, { images: imagesPath, labels: labelsPath });
}
