/**
 * Writes a set of files into a folder so that none is ever seen half-written: each goes to a
 * temporary name in the same folder (`<name>.tmp-<pid>-<random>`), then all are renamed into
 * place. On any failure every temporary file is removed and a ModelFileError names the path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelFileError } from '../../errors.js';

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
  const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const pending = new Set<string>();
  try {
    for (const file of files) {
      const tmp = join(dir, file.name + suffix);
      pending.add(tmp);
      await step(join(dir, file.name), () => writeFile(tmp, file.data));
    }
    for (const file of files) {
      const tmp = join(dir, file.name + suffix);
      await step(join(dir, file.name), () => rename(tmp, join(dir, file.name)));
      pending.delete(tmp);
    }
  } finally {
    await Promise.all([...pending].map((tmp) => rm(tmp, { force: true }).catch(() => undefined)));
  }
}

/** Runs a file-system step, turning its failure into a one-line ModelFileError. */
async function step<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ModelFileError(`${path}: cannot write (${e.code ?? e.message})`);
  }
}
