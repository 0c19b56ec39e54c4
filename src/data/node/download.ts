/** Fetches a data file from a list of mirrors into place, verified by checksum, or uses the cached copy. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { DownloadError, invalid } from '../../errors.js';
import { OfflineError } from '../offline-error.js';
import { type Checksum, hashFile } from './checksum.js';

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
  /**
   * Give up when a mirror has not answered (response headers) within this long (default
   * 3,000 ms). Like an unreachable network, this ends the attempt without trying other mirrors.
   */
  readonly connectTimeoutMs?: number;
}

/** What {@link ensureFile} did. */
export interface EnsureFileResult {
  readonly path: string;
  /** The mirror the file came from, or undefined when the cached copy was used. */
  readonly url: string | undefined;
}

/**
 * Network errors that mean the network (or the name service) is not there: the first one ends
 * the attempt, the other mirrors are not tried, so that going offline costs one failed request.
 */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/**
 * Makes sure `dest` holds the file with the expected checksum. A cached copy that matches is used
 * without any network access; otherwise the mirrors are tried in order. Each download goes to
 * `dest.tmp-<pid>-<random>`, is verified, then renamed into place; the temporary file is removed
 * whatever happens. An HTTP error or a stalled download moves on to the next mirror; an
 * unreachable network (ENOTFOUND, EAI_AGAIN, ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ENETDOWN)
 * or no answer within `connectTimeoutMs` stops at once.
 * @throws DownloadError when a mirror delivered bytes with the wrong checksum and no mirror gave
 *   the right ones (names the file, expected and actual digest), or when the cached copy fails
 *   its checksum and could not be downloaded again (names the path, expected and found digest).
 * @throws OfflineError (a DownloadError with `offline: true`) when nothing was cached and no
 *   mirror could be reached or all answered with an HTTP error; the message ends with `offlineHint`.
 */
export async function ensureFile(options: EnsureFileOptions): Promise<EnsureFileResult> {
  const { urls, dest, checksum } = options;
  if (urls.length === 0) throw invalid('ensureFile', 'urls', 'a non-empty list', urls);
  const expected = checksum.digest.toLowerCase();
  const cached = await hashFile(dest, checksum.algorithm);
  if (cached === expected) return { path: dest, url: undefined };
  const file = basename(dest);
  await writable(file, dest, () => mkdir(dirname(dest), { recursive: true }));
  const failures: string[] = [];
  let mismatch: string | undefined;
  for (const [i, url] of urls.entries()) {
    const tmp = `${dest}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const received = await writable(file, dest, () => downloadTo(url, tmp, file, options));
      const actual = await hashFile(tmp, checksum.algorithm);
      if (actual === expected) {
        await writable(file, dest, () => rename(tmp, dest));
        return { path: dest, url };
      }
      const size = options.bytes === undefined ? `${received} bytes` : `${received} bytes, expected ${options.bytes}`;
      mismatch = `${file}: checksum mismatch for the download from ${url}: ${checksum.algorithm} expected ${checksum.digest}, actual ${actual} (${size})`;
    } catch (err) {
      if (!(err instanceof MirrorFailure)) throw err;
      failures.push(`${url}: ${err.message}`);
      if (err.unreachable) {
        const rest = urls.length - i - 1;
        if (rest > 0) failures.push(`${rest === 1 ? 'the other mirror' : `the ${rest} other mirrors`} not tried`);
        break;
      }
    } finally {
      await rm(tmp, { force: true });
    }
  }
  if (mismatch !== undefined) throw new DownloadError(mismatch);
  if (cached !== undefined) {
    throw new DownloadError(
      `${dest}: the cached file fails its ${algorithmName(checksum.algorithm)} check (expected ${expected}, found ${cached}) and could not be downloaded again (${failures.join('; ')}); delete it to download it again, or replace it with a good copy`,
    );
  }
  const hint = options.offlineHint ?? `to work offline, place the file at ${dest}`;
  throw new OfflineError(`could not download ${file} (${failures.join('; ')}); ${hint}`);
}

/**
 * A mirror that did not deliver. When `unreachable` (no network, no such host, refused, no
 * answer in time) no other mirror is tried; otherwise (HTTP error, stalled body) the next one is.
 */
class MirrorFailure extends Error {
  constructor(
    message: string,
    readonly unreachable = false,
  ) {
    super(message);
  }
}

function algorithmName(algorithm: Checksum['algorithm']): string {
  return algorithm === 'sha256' ? 'SHA-256' : 'MD5';
}

/** Streams `url` into `tmp`, returns the number of bytes written. */
async function downloadTo(url: string, tmp: string, file: string, options: EnsureFileOptions): Promise<number> {
  const idle = options.idleTimeoutMs ?? 30_000;
  const connect = options.connectTimeoutMs ?? 3_000;
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), connect);
  const handle = await open(tmp, 'w');
  try {
    const response = await fromMirror(() => fetch(url, { signal: abort.signal }), () => new MirrorFailure(`no answer within ${connect / 1000} s`, true));
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), idle);
    if (!response.ok || response.body === null) {
      throw new MirrorFailure(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const header = Number(response.headers.get('content-length') ?? NaN);
    const total = options.bytes ?? (Number.isFinite(header) ? header : undefined);
    let received = 0;
    options.onProgress?.({ file, url, received, total });
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await fromMirror(() => reader.read(), () => new MirrorFailure(`no data for ${idle / 1000} s`));
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

/**
 * Runs a network step, turning its failure into a one-line {@link MirrorFailure}: `timedOut()`
 * when it was aborted by the timer, else the error's code (fetch's `TypeError: fetch failed`
 * carries it in `cause`), unreachable when the code is one of {@link UNREACHABLE}.
 */
async function fromMirror<T>(step: () => Promise<T>, timedOut: () => MirrorFailure): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw timedOut();
    const code = networkErrorCode(err);
    const e = err as Error & { cause?: { message?: string } };
    throw new MirrorFailure(code ?? e.cause?.message ?? e.message, code !== undefined && UNREACHABLE.has(code));
  }
}

/**
 * The system error code behind a failed fetch, e.g. `ECONNREFUSED`: on the error, its `cause`,
 * or the first of an AggregateError's errors (a host with several addresses).
 */
export function networkErrorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    queue.push(cause, ...(Array.isArray(errors) ? errors : []));
  }
  return undefined;
}

/** Whether a failed fetch means the network is unreachable (see {@link ensureFile}). */
export function isUnreachable(err: unknown): boolean {
  const code = networkErrorCode(err);
  return code !== undefined && UNREACHABLE.has(code);
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
