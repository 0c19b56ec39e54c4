/**
 * The user's own data from files a page was given (an `<input type="file">`, with
 * `webkitdirectory` for folders, or a drop): a CSV or TSV table, an `.npz` file, or the images
 * of a folder of class folders (with or without `train/` and `test/`). The same pure-JavaScript
 * decoders as in Node read them, so a folder gives the same pixels in a page as on disk.
 */
import { DataFileError } from '../../errors.js';
import { type ArrayNames, arraysDataset } from '../arrays-dataset.js';
import { type ImageClassFolder, type ImageFolderOptions, imageFolderDataset } from '../image-folder.js';
import type { LoadedData } from '../loaded-data.js';
import { parseNpz } from '../npz.js';
import { type TableOptions, tableDataset } from '../table-dataset.js';
import { isTableFileName, readTableFile } from '../table-file.js';
import { withValidationSplit } from '../validation-split.js';

/** What the adapter needs of a `File`: its name, its path in a picked folder, its bytes. */
export interface FileLike {
  readonly name: string;
  /** `top/class/image.png` for files of a picked folder; empty or absent for single files. */
  readonly webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Options of {@link loadDataFromFiles}. */
export interface FilesDataOptions extends TableOptions, ImageFolderOptions, Omit<ArrayNames, 'task'> {
  /** Tables: the field delimiter, detected when omitted. */
  readonly delimiter?: string;
  /** Gzipped tables: refuse one that inflates to more bytes than this (default 512 MiB). */
  readonly maxBytes?: number;
  /** Hold out this share of the training samples when the data has no test split. */
  readonly valSplit?: number;
  /** Seed of the validation split; default 0. */
  readonly seed?: number;
}

/**
 * One `.csv`/`.tsv`/`.txt` file (or one of them gzipped, `.csv.gz`) as a table, one `.npz` file as arrays, or the files of a folder
 * (their `webkitRelativePath`s) as images by class.
 * @throws DataFileError naming the file for anything the loaders refuse.
 */
export async function loadDataFromFiles(files: Iterable<FileLike> | ArrayLike<FileLike>, options: FilesDataOptions = {}): Promise<LoadedData> {
  const list = Array.from(files as ArrayLike<FileLike>);
  if (list.length === 0) throw new DataFileError('no files given');
  const first = list[0]!;
  const lower = first.name.toLowerCase();
  let data: LoadedData;
  if (list.length === 1 && isTableFileName(lower)) {
    const { rows, lines } = readTableFile(new Uint8Array(await first.arrayBuffer()), first.name, { delimiter: options.delimiter, maxBytes: options.maxBytes });
    data = tableDataset(rows, first.name, { ...pick(options, ['header', 'target', 'features', 'exclude', 'task', 'maxClasses', 'columns']), lines });
  } else if (list.length === 1 && lower.endsWith('.npz')) {
    data = arraysDataset(parseNpz(new Uint8Array(await first.arrayBuffer()), first.name), first.name, pick(options, ['x', 'y', 'xTest', 'yTest', 'classes']));
  } else {
    const { folders, top } = imageFoldersFromFiles(list);
    data = await imageFolderDataset(folders, top, pick(options, ['size', 'resize', 'channels', 'maxPixels']));
  }
  return options.valSplit === undefined ? data : withValidationSplit(data, options.valSplit, options.seed ?? 0);
}

/**
 * The class folders of a picked folder's files, by their `webkitRelativePath`:
 * `top/<class>/<file>`, or `top/train/<class>/<file>` and `top/test/<class>/<file>` (or
 * `validation/`, `val/`). Hidden files are left out.
 * @throws DataFileError when a file has no folder path, the files lie in no class folder, or
 *   they hold a `test/` (`validation/`, `val/`) split but no `train/` one.
 */
export function imageFoldersFromFiles(files: readonly FileLike[]): { folders: ImageClassFolder[]; top: string } {
  const parts = files.map((f) => {
    const path = f.webkitRelativePath || f.name;
    return { file: f, segments: path.split('/') };
  });
  const top = parts[0]!.segments.length > 1 ? parts[0]!.segments[0]! : '';
  const split = parts.some((p) => p.segments.length === 4 && p.segments[1] === 'train');
  const testOnly = split ? undefined : parts.find((p) => p.segments.length === 4 && ['test', 'validation', 'val'].includes(p.segments[1]!));
  if (testOnly) {
    const [folder, sub] = testOnly.segments;
    throw new DataFileError(`${folder}: a ${sub}/ folder of class folders but no train/ folder: there is no training split; pick ${folder}/${sub}/ itself to read its class folders as a dataset, or put training images in train/<class>/ beside it`);
  }
  const folders = new Map<string, { split: 'train' | 'test'; name: string; path: string; files: FileLike[] }>();
  for (const { file, segments } of parts) {
    if (segments.at(-1)!.startsWith('.')) continue;
    const depth = split ? 4 : 3;
    if (segments.length !== depth) {
      throw new DataFileError(`${segments.join('/')}: expected ${split ? 'top/train/<class>/<image>' : 'top/<class>/<image>'} (pick the folder that holds the class folders)`);
    }
    const which = split ? (segments[1] === 'train' ? 'train' : ['test', 'validation', 'val'].includes(segments[1]!) ? 'test' : null) : 'train';
    if (which === null) continue;
    const name = segments[depth - 2]!;
    const path = segments.slice(0, depth - 1).join('/');
    const folder = folders.get(path) ?? { split: which, name, path, files: [] };
    folder.files.push(file);
    folders.set(path, folder);
  }
  return {
    top,
    folders: [...folders.values()].map((f) => ({ ...f, files: f.files.map((file) => ({ name: file.name, read: async () => new Uint8Array(await file.arrayBuffer()) })) })),
  };
}

function pick<O extends object, K extends keyof O>(o: O, keys: K[]): Pick<O, K> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Pick<O, K>;
}
