/**
 * A model folder's weight files, read with fs. A manifest path must name a regular file inside
 * the folder: `../`, absolute paths (refused by the manifest check), symbolic links that lead
 * out of the folder, FIFOs and devices are refused before anything is read.
 */
import { join } from 'node:path';
import { ModelFileError } from '../../errors.js';
import { DEFAULT_MAX_WEIGHT_BYTES, pathInsideFolder, type WeightFiles } from '../weights.js';
import { readRegularFile, regularFileInside } from './regular-file.js';

/** The weight files of the manifest paths, relative to `dir`; none read is larger than `maxBytes`. */
export function weightFilesIn(dir: string, maxBytes = DEFAULT_MAX_WEIGHT_BYTES): WeightFiles {
  return {
    locate(path) {
      if (!pathInsideFolder(path)) throw new ModelFileError(`${join(dir, 'model.json')}: weight path ${JSON.stringify(path)} leaves the model folder`);
      return join(dir, path);
    },
    async size(location) {
      return (await regularFileInside(location, dir, 'weight files')).size;
    },
    read(location) {
      return readRegularFile(location, dir, maxBytes, 'weights (maxBytes)', 'weight files');
    },
  };
}
