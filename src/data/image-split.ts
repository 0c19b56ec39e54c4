/** Image splits and datasets from decoded IDX files or from their bytes (web-standard, no file access). */
import { DataFileError } from '../errors.js';
import type { IdxDatasetSpec } from './datasets/idx-spec.js';
import { type IdxFile, type IdxParseOptions, parseIdxAsync } from './idx.js';
import type { Dataset, ImageSplit } from './types.js';

/** Names of the two files, for error messages. */
export interface SplitFileNames {
  readonly images: string;
  readonly labels: string;
}

/**
 * One split from a decoded images file and labels file.
 * @param images dims `[count, height, width]`.
 * @param labels dims `[count]`.
 * @param numClasses every label must be below this (default 10).
 * @param names the files' names, put at the start of error messages.
 * @throws DataFileError naming the file when the ranks are wrong, the counts differ, or a label
 *   is out of range (the first bad index and value are named).
 */
export function imageSplitFromIdx(images: IdxFile, labels: IdxFile, numClasses = 10, names: SplitFileNames = { images: 'images', labels: 'labels' }): ImageSplit {
  if (images.dims.length !== 3) {
    throw new DataFileError(`${names.images}: images must have 3 dimensions [count, height, width], found [${images.dims.join(', ')}]`);
  }
  if (labels.dims.length !== 1) {
    throw new DataFileError(`${names.labels}: labels must have 1 dimension [count], found [${labels.dims.join(', ')}]`);
  }
  const [count, height, width] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) {
    throw new DataFileError(`${names.labels}: ${labels.dims[0]} labels, but ${names.images} has ${count} images`);
  }
  const bad = labels.data.findIndex((label) => label >= numClasses);
  if (bad >= 0) {
    throw new DataFileError(`${names.labels}: label at index ${bad} is ${labels.data[bad]}, expected a class index below ${numClasses}`);
  }
  return { images: images.data, labels: labels.data, count, height, width };
}

/** One split from the bytes of an images file and a labels file (raw or gzip). See {@link imageSplitFromIdx}. */
export async function parseImageSplit(
  images: Uint8Array | ArrayBuffer,
  labels: Uint8Array | ArrayBuffer,
  numClasses = 10,
  names: SplitFileNames = { images: 'images', labels: 'labels' },
  options: IdxParseOptions = {},
): Promise<ImageSplit> {
  const [i, l] = await Promise.all([parseIdxAsync(images, names.images, options), parseIdxAsync(labels, names.labels, options)]);
  return imageSplitFromIdx(i, l, numClasses, names);
}

/** The bytes of a four-file IDX dataset's files, e.g. fetched in a browser. */
export interface IdxDatasetBytes {
  readonly trainImages: Uint8Array | ArrayBuffer;
  readonly trainLabels: Uint8Array | ArrayBuffer;
  readonly testImages: Uint8Array | ArrayBuffer;
  readonly testLabels: Uint8Array | ArrayBuffer;
}

/**
 * A dataset such as `MNIST` or `FASHION_MNIST` from the bytes of its four files (raw or gzip),
 * validated as IDX; checksums are the caller's business. Error messages name the published files.
 * @param source the Dataset's `source`, default `bytes`.
 */
export async function idxDatasetFromBytes(spec: IdxDatasetSpec, files: IdxDatasetBytes, source = 'bytes'): Promise<Dataset> {
  const n = spec.classes.length;
  const f = spec.files;
  const [train, test] = await Promise.all([
    parseImageSplit(files.trainImages, files.trainLabels, n, { images: f.trainImages.name, labels: f.trainLabels.name }),
    parseImageSplit(files.testImages, files.testLabels, n, { images: f.testImages.name, labels: f.testLabels.name }),
  ]);
  return { name: spec.name, classes: spec.classes, train, test, source };
}
