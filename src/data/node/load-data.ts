/**
 * The user's own data from a path: a CSV or TSV file, an `.npz` file, a folder of class
 * folders (with or without `train/` and `test/`), or a folder of IDX files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFileError, invalid } from '../../errors.js';
import { checkOptionKeys } from '../../schema/option-keys.js';
import { type ArrayNames, arraysDataset } from '../arrays-dataset.js';
import { type IdxPair, idxData } from '../idx-data.js';
import { type ImageFolderOptions, imageFolderDataset } from '../image-folder.js';
import type { DataKind, LoadedData } from '../loaded-data.js';
import { parseNpz } from '../npz.js';
import { type TableOptions, tableDataset } from '../table-dataset.js';
import { isTableFileName, readTableFile } from '../table-file.js';
import { withValidationSplit } from '../validation-split.js';
import { readIdxFile } from './idx-file.js';
import { readImageFolder } from './read-image-folder.js';

/** Options of {@link loadData}: those of each source, and the validation split. */
export interface LoadDataOptions extends TableOptions, ImageFolderOptions, Omit<ArrayNames, 'task' | 'classes'> {
  /** What the path holds; detected when omitted (a `.csv`/`.tsv`/`.txt` file, or one of them gzipped as `.csv.gz`, is a table, an `.npz` file arrays, a folder of IDX files IDX, any other folder images). */
  readonly kind?: DataKind;
  /** Tables: the field delimiter, detected when omitted. */
  readonly delimiter?: string;
  /** Class names (arrays and IDX files; tables and image folders name their own). */
  readonly classes?: readonly string[];
  /** Hold out this share of the training samples as `test` when the data has no test split (stratified by class). */
  readonly valSplit?: number;
  /** Seed of the validation split; default 0. */
  readonly seed?: number;
  /** Arrays and IDX files: refuse more data bytes than this (default 1 GiB); gzipped tables: refuse one that inflates to more (default 512 MiB). */
  readonly maxBytes?: number;
}

const OPTION_KEYS = ['header', 'target', 'features', 'exclude', 'task', 'maxClasses', 'columns', 'size', 'resize', 'channels', 'maxPixels', 'minClasses', 'x', 'y', 'xTest', 'yTest', 'kind', 'delimiter', 'classes', 'valSplit', 'seed', 'maxBytes'] satisfies (keyof LoadDataOptions)[];

/**
 * Reads a dataset from `path`, then, when it has no test split and `valSplit` is given, holds
 * out a seeded, stratified validation split.
 * @throws DataFileError naming the path (and the row and column, the image or the array) when
 *   the path is missing, is a file where a folder is needed or the reverse, or its content is refused.
 */
export async function loadData(path: string, options: LoadDataOptions = {}): Promise<LoadedData> {
  checkOptionKeys('loadData', options, OPTION_KEYS);
  if (options.valSplit !== undefined && !(options.valSplit > 0 && options.valSplit < 1)) throw invalid('loadData', 'valSplit', 'a number between 0 and 1 (exclusive)', options.valSplit);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new DataFileError(`${path}: ${err.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${err.code ?? err.message})`}`);
  });
  const kind = options.kind ?? (info.isDirectory() ? ((await idxFiles(path)) ? 'idx' : 'images') : fileKind(path));
  const folderKind = kind === 'images' || kind === 'idx';
  if (folderKind && !info.isDirectory()) throw new DataFileError(`${path}: is a file, expected a folder (${kind === 'images' ? 'one sub-folder of images per class' : 'IDX files'})`);
  if (!folderKind && info.isDirectory()) throw new DataFileError(`${path}: is a folder, expected a ${kind === 'table' ? 'CSV or TSV' : '.npz'} file`);
  const data = await read(path, kind, options);
  return options.valSplit === undefined ? data : withValidationSplit(data, options.valSplit, options.seed ?? 0);
}

async function read(path: string, kind: DataKind, o: LoadDataOptions): Promise<LoadedData> {
  const pick = <K extends keyof LoadDataOptions>(keys: K[]): Pick<LoadDataOptions, K> => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Pick<LoadDataOptions, K>;
  switch (kind) {
    case 'table': {
      const { rows, lines } = readTableFile(await readFile(path), path, { delimiter: o.delimiter, maxBytes: o.maxBytes });
      return tableDataset(rows, path, { ...pick(['header', 'target', 'features', 'exclude', 'task', 'maxClasses', 'minClasses', 'columns']), lines });
    }
    case 'arrays': {
      const arrays = parseNpz(await readFile(path), path, o.maxBytes);
      return arraysDataset(arrays, path, { ...pick(['x', 'y', 'xTest', 'yTest', 'classes']), ...(o.task === undefined || o.task === 'auto' ? {} : { task: o.task }) });
    }
    case 'images':
      return imageFolderDataset(await readImageFolder(path), path, pick(['size', 'resize', 'channels', 'maxPixels', 'minClasses']));
    case 'idx':
      return readIdxFolder(path, o);
    default:
      throw invalid('loadData', 'kind', "'table', 'images', 'arrays' or 'idx'", kind);
  }
}

function fileKind(path: string): DataKind {
  const lower = path.toLowerCase();
  if (isTableFileName(lower)) return 'table';
  if (lower.endsWith('.npz')) return 'arrays';
  if (lower.endsWith('.npy')) throw new DataFileError(`${path}: an .npy file holds one array; save the samples and the targets together with numpy.savez('data.npz', x_train=x, y_train=y)`);
  throw new DataFileError(`${path}: unknown data file type: expected a .csv, .tsv or .txt table (or one gzipped: .csv.gz), an .npz file, or a folder`);
}

/** The IDX files of a folder: `train-images...`/`train-labels...`, and `t10k-` or `test-` ones when there are; null when there is no training pair. */
async function idxFiles(dir: string): Promise<{ train: [string, string]; test: [string, string] | null } | null> {
  const names = (await readdir(dir)).sort();
  const find = (prefixes: string[], what: string): string | undefined => names.find((n) => prefixes.some((p) => n.startsWith(`${p}-${what}`)) && /-idx\d-ubyte(\.gz)?$/.test(n));
  const trainImages = find(['train'], 'images');
  const trainLabels = find(['train'], 'labels');
  if (!trainImages || !trainLabels) return null;
  const testImages = find(['t10k', 'test'], 'images');
  const testLabels = find(['t10k', 'test'], 'labels');
  const abs = (n: string): string => join(dir, n);
  return { train: [abs(trainImages), abs(trainLabels)], test: testImages && testLabels ? [abs(testImages), abs(testLabels)] : null };
}

async function readIdxFolder(dir: string, o: LoadDataOptions): Promise<LoadedData> {
  const files = await idxFiles(dir);
  if (!files) throw new DataFileError(`${dir}: no IDX training pair (train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])`);
  const opts = o.maxBytes === undefined ? {} : { maxBytes: o.maxBytes };
  const pair = async ([images, labels]: [string, string]): Promise<IdxPair> => ({ images: await readIdxFile(images, opts), labels: await readIdxFile(labels, opts), imagesName: images, labelsName: labels });
  return idxData(await pair(files.train), files.test ? await pair(files.test) : null, dir, o.classes);
}
