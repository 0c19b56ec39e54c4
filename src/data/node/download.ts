/** Fetches a data file from a list of mirrors into place, verified by checksum, or uses the cached copy. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { DownloadError, invalid } from '../../errors.js';
import { OfflineError } from '../offline-error.js';
import { type Checksum, fileMatches, hashFile } from './checksum.js';

/** Progress of one download, reported once at the start (`received` 0) and after every chunk. */
export interface DownloadProgress {
  /** The file's base name, e.g. `train-images-idx3-ubyte.gz`. */
  readonly file: string;
  readonly url: string;
  readonly received: number;
  /** Expected size: the `bytes` option, else the Content-Length header, else undefined. */
  readonly total: number | undefined;
}

/** Options of {@link ensureFile}. */
export interface EnsureFileOptions {
  /** Full URLs of the file (http or https), tried in order until one gives the right bytes. */
  readonly urls: readonly string[];
  /** Where the file must end up. Its folder is created if needed. */
  readonly dest: string;
  /** The digest the file must have, both the cached copy and a fresh download. */
  readonly checksum: Checksum;
  /** Expected size in bytes, used for progress and in mismatch messages. */
  readonly bytes?: number;
  /** Called as bytes arrive; the caller decides how often to show it. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Appended to the message of an {@link OfflineError}: how to provide the file without network. */
  readonly offlineHint?: string;
  /** Give up on a mirror after this long without data (default 30,000 ms). */
  readonly idleTimeoutMs?: number;
}

/** What {@link ensureFile} did. */
export interface EnsureFileResult {
  readonly path: string;
  /** The mirror the file came from, or undefined when the cached copy was used. */
  readonly url: string | undefined;
}

/**
 * Makes sure `dest` holds the file with the expected checksum. A cached copy that matches is used
 * without any network access; otherwise the mirrors are tried in order. Each download goes to
 * `dest.tmp-<pid>-<random>`, is verified, then renamed into place; the temporary file is removed
 * whatever happens.
 * @throws DownloadError when a mirror delivered bytes with the wrong checksum and no mirror gave
 *   the right ones (names the file, expected and actual digest).
 * @throws OfflineError (a DownloadError with `offline: true`) when no mirror could be reached or
 *   all answered with an HTTP error; the message ends with `offlineHint`.
 */
export async function ensureFile(options: EnsureFileOptions): Promise<EnsureFileResult> {
  const { urls, dest, checksum } = options;
  if (urls.length === 0) throw invalid('ensureFile', 'urls', 'a non-empty list', urls);
  if (await fileMatches(dest, checksum)) return { path: dest, url: undefined };
  const file = basename(dest);
  await writable(file, dest, () => mkdir(dirname(dest), { recursive: true }));
  const failures: string[] = [];
  let mismatch: string | undefined;
  for (const url of urls) {
    const tmp = `${dest}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const received = await writable(file, dest, () => downloadTo(url, tmp, file, options));
      const actual = await hashFile(tmp, checksum.algorithm);
      if (actual === checksum.digest.toLowerCase()) {
        await writable(file, dest, () => rename(tmp, dest));
        return { path: dest, url };
      }
      const size = options.bytes === undefined ? `${received} bytes` : `${received} bytes, expected ${options.bytes}`;
      mismatch = `${file}: checksum mismatch for the download from ${url}: ${checksum.algorithm} expected ${checksum.digest}, actual ${actual} (${size})`;
    } catch (err) {
      if (!(err instanceof MirrorFailure)) throw err;
      failures.push(`${url}: ${err.message}`);
    } finally {
      await rm(tmp, { force: true });
    }
  }
  if (mismatch !== undefined) throw new DownloadError(mismatch);
  const hint = options.offlineHint ?? `to work offline, place the file at ${dest}`;
  throw new OfflineError(`could not download ${file} (${failures.join('; ')}); ${hint}`);
}

/** A mirror that could not be reached or did not deliver: the next one is tried. */
class MirrorFailure extends Error {}

/** Streams `url` into `tmp`, returns the number of bytes written. */
async function downloadTo(url: string, tmp: string, file: string, options: EnsureFileOptions): Promise<number> {
  const idle = options.idleTimeoutMs ?? 30_000;
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), idle);
  const handle = await open(tmp, 'w');
  try {
    const response = await fromMirror(() => fetch(url, { signal: abort.signal }), idle);
    if (!response.ok || response.body === null) {
      throw new MirrorFailure(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const header = Number(response.headers.get('content-length') ?? NaN);
    const total = options.bytes ?? (Number.isFinite(header) ? header : undefined);
    let received = 0;
    options.onProgress?.({ file, url, received, total });
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await fromMirror(() => reader.read(), idle);
      if (done) break;
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), idle);
      await handle.write(value);
      received += value.length;
      options.onProgress?.({ file, url, received, total });
    }
    return received;
  } finally {
    clearTimeout(timer);
    abort.abort();
    await handle.close();
  }
}

/** Runs a network step, turning its failure into a one-line {@link MirrorFailure}. */
async function fromMirror<T>(step: () => Promise<T>, idleMs: number): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'AbortError') throw new MirrorFailure(`no data for ${idleMs / 1000} s`);
    throw new MirrorFailure(e.cause?.code ?? e.cause?.message ?? e.message);
  }
}

/** Runs a step that writes near `dest`, turning a file-system failure into a DownloadError. */
async function writable<T>(file: string, dest: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof MirrorFailure || typeof e.syscall !== 'string') throw err;
    throw new DownloadError(`${file}: cannot write ${dirname(dest)} (${e.code ?? e.message})`);
  }
}
