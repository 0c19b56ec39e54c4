/**
 * Writes a set of files into a folder so that none is ever seen half-written: each goes to a
 * temporary name in the same folder (`<name>.tmp-<pid>-<random>`) and is fsync'd, then all are
 * renamed into place and the folder is fsync'd. Temporary files that dead processes left in the
 * folder are removed first. On any failure this call's temporary files are removed and a
 * ModelFileError names the path.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelFileError } from '../../errors.js';
import { sweepStale, syncFolder, temporaryName, writeDurable } from './durable.js';

/** One file to write: its name inside the folder and its contents. */
export interface FileContents {
  readonly name: string;
  readonly data: string | Uint8Array;
}

/**
 * Creates `dir` if needed and writes `files` into it, renaming them into place in the order
 * given (put the file that marks the set complete, e.g. `model.json`, last).
 * @throws ModelFileError naming the path that could not be written.
 */
export async function writeFilesAtomic(dir: string, files: readonly FileContents[]): Promise<void> {
  await step(dir, () => mkdir(dir, { recursive: true }));
  await sweepStale(dir);
  const pending = new Map<string, string>();
  try {
    for (const file of files) {
      const tmp = join(dir, temporaryName(file.name));
      pending.set(file.name, tmp);
      await step(join(dir, file.name), () => writeDurable(tmp, file.data));
    }
    for (const file of files) {
      await step(join(dir, file.name), () => rename(pending.get(file.name)!, join(dir, file.name)));
      pending.delete(file.name);
    }
    await syncFolder(dir);
  } finally {
    await Promise.all([...pending.values()].map((tmp) => rm(tmp, { force: true }).catch(() => undefined)));
  }
}

/** Runs a file-system step, turning its failure into a one-line ModelFileError. */
export async function step<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ModelFileError(`${path}: cannot write (${e.code ?? e.message})`);
  }
}
