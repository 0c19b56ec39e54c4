/** A model folder's weight files, read with fs. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelFileError } from '../../errors.js';
import type { WeightFiles } from '../weights.js';

/** The weight files of the manifest paths, relative to `dir`. */
export function weightFilesIn(dir: string): WeightFiles {
  return { locate: (path) => join(dir, path), read: readWeightFile };
}

async function readWeightFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read (${code ?? (err as Error).message})`);
  }
}
