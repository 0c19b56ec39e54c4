/** Reading IDX files from disk (Node). */
import { open } from 'node:fs/promises';
import { DataFileError } from '../../errors.js';
import { type IdxFile, type IdxParseOptions, MAX_IDX_BYTES, parseIdxAsync } from '../idx.js';

/**
 * Reads and decodes one IDX file (raw or gzip); see {@link parseIdxAsync}. A file larger than
 * the header plus `maxBytes` is refused before it is read.
 * @throws DataFileError naming the path when the file is missing, unreadable or invalid.
 */
export async function readIdxFile(path: string, options: IdxParseOptions = {}): Promise<IdxFile> {
  const maxBytes = options.maxBytes ?? MAX_IDX_BYTES;
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      // The largest valid file: a 4-dimension header and maxBytes, plus gzip's framing (0.1% is ample).
      if (size > maxBytes * 1.001 + 4096) {
        throw new DataFileError(`${path}: ${size} bytes, more than an IDX file of at most ${maxBytes} data bytes can be (the loader's maxBytes option)`);
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? (err as Error).message})`;
    throw new DataFileError(`${path}: ${problem}`);
  }
  return parseIdxAsync(bytes, path, options);
}
