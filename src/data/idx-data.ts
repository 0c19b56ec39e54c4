/**
 * A dataset from decoded IDX files of any image shape: images `[count, height, width]` (grey) or
 * `[count, height, width, channels]` (channels 1 or 3, colour packed channels last), labels
 * `[count]`; the test pair is optional. Classes are the label values 0 to the largest.
 */
import { DataFileError } from '../errors.js';
import type { IdxFile } from './idx.js';
import type { DataSplit, LoadedData } from './loaded-data.js';

/** The decoded files, with the names their messages use. */
export interface IdxPair {
  readonly images: IdxFile;
  readonly labels: IdxFile;
  readonly imagesName: string;
  readonly labelsName: string;
}

/**
 * The dataset of a training pair and, when given, a test pair.
 * @param where the folder's name, for the dataset's source.
 * @throws DataFileError naming the file for a wrong rank, a channel count other than 1 or 3,
 *   counts that differ, or test images of another shape than the training ones.
 */
export function idxData(train: IdxPair, test: IdxPair | null, where: string, classNames?: readonly string[]): LoadedData {
  const shape = imageShape(train);
  if (test && imageShape(test).join() !== shape.join()) {
    throw new DataFileError(`${test.imagesName}: images of shape [${imageShape(test).join(', ')}], but ${train.imagesName} has [${shape.join(', ')}]`);
  }
  const split = (p: IdxPair): DataSplit => {
    if (p.labels.dims.length !== 1) throw new DataFileError(`${p.labelsName}: labels must have 1 dimension [count], found [${p.labels.dims.join(', ')}]`);
    if (p.labels.dims[0] !== p.images.dims[0]) throw new DataFileError(`${p.labelsName}: ${p.labels.dims[0]} labels, but ${p.imagesName} has ${p.images.dims[0]} images`);
    return { x: p.images.data, y: Int32Array.from(p.labels.data), count: p.images.dims[0]! };
  };
  const trainSplit = split(train);
  const testSplit = test ? split(test) : null;
  let top = 0;
  for (const s of [trainSplit, ...(testSplit ? [testSplit] : [])]) for (const v of s.y) top = Math.max(top, v + 1);
  if (top < 2) throw new DataFileError(`${train.labelsName}: one class only (0); classification needs at least 2`);
  const classes = classNames ?? Array.from({ length: top }, (_, i) => String(i));
  if (classes.length < top) throw new DataFileError(`${train.labelsName}: labels go up to ${top - 1}, but ${classes.length} class names are given`);
  return {
    kind: 'idx',
    source: `idx ${where}`,
    task: 'classification',
    sampleShape: shape,
    xScale: 1 / 255,
    classes,
    train: trainSplit,
    test: testSplit,
    preprocessing: ['pixels read as value / 255'],
    warnings: [],
  };
}

/** `[height, width, channels]` of a pair's images. */
function imageShape(p: IdxPair): [number, number, number] {
  const d = p.images.dims;
  if (d.length === 3) return [d[1]!, d[2]!, 1];
  if (d.length === 4 && (d[3] === 1 || d[3] === 3)) return [d[1]!, d[2]!, d[3]!];
  throw new DataFileError(`${p.imagesName}: images must have dimensions [count, height, width] or [count, height, width, channels] with 1 or 3 channels, found [${d.join(', ')}]`);
}
