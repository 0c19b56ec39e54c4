/**
 * Reading a file of an untrusted model folder: only a regular file inside the folder, of a
 * bounded size. A symbolic link is followed only when it stays inside the folder; a FIFO, a
 * device, a socket or a folder is refused before it is opened, and the file is opened without
 * following a link and without blocking (a FIFO swapped in meanwhile cannot hang the read), then
 * checked again on the open handle. Messages name the path and never quote the contents.
 */
import { constants } from 'node:fs';
import { lstat, open, realpath, type FileHandle } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import type { Stats } from 'node:fs';
import { ModelFileError } from '../../errors.js';

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** What a non-regular file is, for messages. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

function readError(path: string, err: NodeJS.ErrnoException): ModelFileError {
  if (err instanceof ModelFileError) return err;
  if (err.code === 'ENOENT') return new ModelFileError(`${path}: file not found`);
  if (err.code === 'ELOOP') return new ModelFileError(`${path}: is a symbolic link that changed while it was read; refused`);
  return new ModelFileError(`${path}: cannot read (${err.code ?? err.message})`);
}

/**
 * The real path of `path`, checked to be a regular file inside the real path of `folder`.
 * @throws ModelFileError: not found, a link leading outside the folder, not a regular file.
 */
export async function regularFileInside(path: string, folder: string, kind = 'the files of a model'): Promise<{ real: string; size: number }> {
  try {
    const link = await lstat(path);
    const [root, real] = await Promise.all([realpath(folder).catch(() => folder), realpath(path)]);
    const rel = relative(root, real);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      throw new ModelFileError(`${path}: leads outside the model folder ${folder} (to ${real}${link.isSymbolicLink() ? ', a symbolic link' : ''}); ${kind} must be inside it`);
    }
    const target = await lstat(real);
    if (!target.isFile()) throw new ModelFileError(`${path}: is ${kindOf(target)}, not a regular file; refused`);
    return { real, size: target.size };
  } catch (err) {
    throw readError(path, err as NodeJS.ErrnoException);
  }
}

/**
 * The contents of `path`, a regular file inside `folder` of at most `maxBytes` bytes.
 * @param what names what the limit is for, e.g. `a model.json`; `kind` names the files in messages, e.g. `weight files`.
 * @throws ModelFileError as {@link regularFileInside}, or a size over `maxBytes`.
 */
export async function readRegularFile(path: string, folder: string, maxBytes: number, what: string, kind?: string): Promise<Uint8Array> {
  const { real } = await regularFileInside(path, folder, kind);
  let handle: FileHandle | undefined;
  try {
    handle = await open(real, FLAGS);
    const s = await handle.stat();
    if (!s.isFile()) throw new ModelFileError(`${path}: is ${kindOf(s)}, not a regular file; refused`);
    if (s.size > maxBytes) throw new ModelFileError(`${path}: ${s.size} bytes, more than the ${maxBytes} allowed for ${what}`);
    // Only the size checked above is read, however the file grows meanwhile.
    const out = new Uint8Array(s.size);
    let at = 0;
    while (at < out.length) {
      const { bytesRead } = await handle.read(out, at, out.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === out.length ? out : out.subarray(0, at);
  } catch (err) {
    throw readError(path, err as NodeJS.ErrnoException);
  } finally {
    await handle?.close();
  }
}
