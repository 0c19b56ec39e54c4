/**
 * The page's data: the datasets its folder offers (`datasets/index.json`, written by the build
 * and by `noisenet playground`), and a person's own files, picked or dropped (a CSV or TSV
 * table, an `.npz` file, a folder of class folders, IDX, or loose images decoded here with the
 * browser's image decoders, colour kept).
 */
import type { Dataset } from '../../data/types.js';
import { loadDatasetFromUrl } from '../../data/browser/load-dataset.js';
import { CONFIG_DEFAULTS } from '../../experiments/config.js';
import { DataFileError } from '../../errors.js';
import type { ColumnRef } from '../../data/table-dataset.js';
import { arraysFromFile, datasetFromIdxFiles, droppedKind, imageFolderFromDropped, inkFromRgba, isImageFolder, isNpzFile, isTableFile, playgroundDataFromImages, rgbFromRgba, tableFromFile, type DecodedImage, type DroppedFile } from '../custom-data.js';
import type { PlaygroundData } from '../playground-data.js';
import type { PlaygroundTask } from '../settings.js';

/** One entry of `datasets/index.json`. */
export interface ListedDataset {
  name: 'mnist-mini' | 'fashion-mnist';
  title: string;
  /** Folder of its files, relative to the page. */
  baseUrl: string;
}

/** Images read from own files at most (the page holds them all in memory). */
const MAX_IMAGES = 70_000;

/** The datasets the page's folder offers. */
export async function listDatasets(): Promise<ListedDataset[]> {
  const response = await fetch('datasets/index.json');
  if (!response.ok) throw new DataFileError(`datasets/index.json: cannot fetch (HTTP ${response.status})`);
  const json = (await response.json()) as { datasets?: ListedDataset[] };
  return (json.datasets ?? []).filter((d) => d.name === 'mnist-mini' || d.name === 'fashion-mnist');
}

/** Fetches and parses a listed dataset (mnist-mini split as `noisenet compare` splits it). */
export function loadListed(d: ListedDataset): Promise<Dataset> {
  const baseUrl = new URL(d.baseUrl, document.baseURI);
  return loadDatasetFromUrl(d.name, { baseUrl, seed: CONFIG_DEFAULTS.dataSeed });
}

/** A file and its path in what was dropped or picked (folders included). */
export interface GivenFile {
  file: File;
  path: string;
}

/** The files of a `<input type="file">`, with their folder paths when a folder was picked. */
export function filesOfInput(input: HTMLInputElement): GivenFile[] {
  return [...(input.files ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/** The files of a drop, folders walked. */
export async function filesOfDrop(data: DataTransfer): Promise<GivenFile[]> {
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 0) return [...data.files].map((file) => ({ file, path: file.name }));
  const out: GivenFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((ok, bad) => (entry as FileSystemFileEntry).file(ok, bad));
      out.push({ file, path: `${prefix}${entry.name}` });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, bad) => reader.readEntries(ok, bad));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

/** Decodes an image file to ink values (see `inkFromRgba`). */
async function decode(file: File, path: string): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new DataFileError(`${path}: the browser cannot decode this image`);
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new DataFileError(`${path}: no 2D canvas to read the image`);
  ctx.drawImage(bitmap, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
  return { path, width, height, pixels: inkFromRgba(data, width, height), ...rgbFromRgba(data, width, height) };
}

/**
 * The data of own files (a table's `target` column when given, read as `task` says): a table, an
 * `.npz` file, a folder of class folders (read as `noisenet train --data DIR` reads it), IDX
 * files, or loose images named by class (decoded by the browser). Everything is checked before
 * anything is used.
 */
export async function datasetOfFiles(given: readonly GivenFile[], target?: ColumnRef, task: PlaygroundTask = 'auto'): Promise<PlaygroundData> {
  const files = given.filter((g) => !g.path.split('/').some((part) => part.startsWith('.')));
  if (files.length === 0) throw new DataFileError('own data: no file was given');
  const empty = files.find((g) => g.file.size === 0);
  if (empty) throw new DataFileError(`${empty.path}: an empty file (0 bytes)`);
  const single = files.filter((g) => isTableFile(g.path) || isNpzFile(g.path));
  if (single.length > 0) {
    if (files.length > 1) throw new DataFileError(`own data: give one ${isNpzFile(single[0]!.path) ? '.npz file' : 'table'} alone (${single[0]!.path} came with ${files.length - 1} other files)`);
    const file = { path: files[0]!.path, bytes: new Uint8Array(await files[0]!.file.arrayBuffer()) };
    return isNpzFile(file.path) ? arraysFromFile(file) : tableFromFile(file, target, undefined, task);
  }
  if (files.length > MAX_IMAGES) throw new DataFileError(`own data: ${files.length} files, at most ${MAX_IMAGES}`);
  if (isImageFolder(files.map((g) => g.path))) return imageFolderFromDropped(files.map((g) => ({ path: g.path, read: () => g.file.arrayBuffer() })));
  const dropped: DroppedFile[] = await Promise.all(files.map(async (g) => ({ path: g.path, bytes: new Uint8Array(await g.file.slice(0, 16).arrayBuffer()) })));
  const kind = droppedKind(dropped);
  if (kind === 'idx') return datasetFromIdxFiles(await Promise.all(files.map(async (g) => ({ path: g.path, bytes: new Uint8Array(await g.file.arrayBuffer()) }))));
  const decoded: DecodedImage[] = [];
  for (const g of files) decoded.push(await decode(g.file, g.path));
  return playgroundDataFromImages(decoded);
}
