/**
 * A model folder's weight files, read with fs. A manifest path must name a file inside the
 * folder: `../`, absolute paths (refused by the manifest check) and symbolic links that lead out
 * of the folder are refused before anything is read.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { ModelFileError } from '../../errors.js';
import { pathInsideFolder, type WeightFiles } from '../weights.js';

/** The weight files of the manifest paths, relative to `dir`. */
export function weightFilesIn(dir: string): WeightFiles {
  let folder: Promise<string> | null = null;
  /** The real path of `location`, checked to be inside the real path of `dir`. */
  const inside = async (location: string): Promise<string> => {
    folder ??= realpath(dir).catch(() => dir);
    const [root, real] = await Promise.all([folder, realpath(location).catch((err: NodeJS.ErrnoException) => Promise.reject(fileError(location, err)))]);
    const rel = relative(root, real);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new ModelFileError(`${location}: leads outside the model folder ${dir} (to ${real}); weight files must be inside it`);
    return real;
  };
  return {
    locate(path) {
      if (!pathInsideFolder(path)) throw new ModelFileError(`${join(dir, 'model.json')}: weight path ${JSON.stringify(path)} leaves the model folder`);
      return join(dir, path);
    },
    async size(location) {
      return (await stat(await inside(location))).size;
    },
    async read(location) {
      const real = await inside(location);
      try {
        return await readFile(real);
      } catch (err) {
        throw fileError(location, err as NodeJS.ErrnoException);
      }
    },
  };
}

function fileError(path: string, err: NodeJS.ErrnoException): ModelFileError {
  return new ModelFileError(err.code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read (${err.code ?? err.message})`);
}
