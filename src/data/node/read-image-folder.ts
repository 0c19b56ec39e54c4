/** The class folders of an image folder on disk, for `imageFolderDataset`. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFileError } from '../../errors.js';
import type { ImageClassFolder } from '../image-folder.js';

/** Names of the split sub-folders: `train/`, and `test/` or `validation/`. */
export const TRAIN_FOLDER = 'train';
export const TEST_FOLDERS = ['test', 'validation', 'val'] as const;

/**
 * The class folders under `dir`: `dir/<class>/` when it has no `train/` folder, else
 * `dir/train/<class>/` and `dir/test/<class>/` (or `validation/`, `val/`). Files directly in a
 * folder of class folders are ignored; hidden entries (`.DS_Store`) too.
 * @throws DataFileError naming the folder when it has no class folder.
 */
export async function readImageFolder(dir: string): Promise<ImageClassFolder[]> {
  const top = await subfolders(dir);
  if (top.includes(TRAIN_FOLDER)) {
    const test = TEST_FOLDERS.find((t) => top.includes(t));
    return [...(await classFolders(join(dir, TRAIN_FOLDER), 'train')), ...(test ? await classFolders(join(dir, test), 'test') : [])];
  }
  const split = TEST_FOLDERS.find((t) => top.includes(t));
  if (split && (await subfolders(join(dir, split))).length > 0) {
    throw new DataFileError(`${dir}: a ${split}/ folder of class folders but no ${TRAIN_FOLDER}/ folder: there is no training split; give ${join(dir, split)} itself to read its class folders as a dataset, or put training images in ${TRAIN_FOLDER}/<class>/ beside it`);
  }
  return classFolders(dir, 'train');
}

async function classFolders(dir: string, split: 'train' | 'test'): Promise<ImageClassFolder[]> {
  const names = await subfolders(dir);
  if (names.length === 0) throw new DataFileError(`${dir}: no class folders: expected one sub-folder of images per class`);
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      const entries = await readdir(path, { withFileTypes: true });
      const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => ({ name: e.name, read: () => readFile(join(path, e.name)) }));
      return { split, name, path, files };
    }),
  );
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}
