/**
 * A small reader of zip archives (as NumPy's `savez` and `savez_compressed` write them): the
 * central directory, Zip64 sizes, stored and deflated entries; and of gzip streams (a gzipped
 * CSV). Deflated data goes through fflate's streaming inflater in small slices and stops as soon
 * as the output passes the size the directory declares (or the ceiling given for gzip), so data
 * that inflates to gigabytes (a zip or gzip bomb) is refused after a few megabytes.
 * Web-standard, no Node APIs.
 */
import { Gunzip, Inflate } from 'fflate';
import { DataFileError } from '../errors.js';

/** One file of an archive. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** What the directory declares. */
  readonly size: number;
  /** Offset of the entry's local header. */
  readonly offset: number;
}

/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1032:1, so one slice gives at most ~16 MiB. */
const SLICE = 16 * 1024;

/**
 * The entries of a zip archive, from its central directory.
 * @throws DataFileError naming `where` when the end-of-directory record or an entry is missing or corrupt.
 */
export function zipEntries(bytes: Uint8Array, where: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new DataFileError(`${where}: not a zip archive (no end-of-central-directory record)`);
  let count = view.getUint16(end + 10, true);
  let dirOffset = view.getUint32(end + 16, true);
  if ((count === 0xffff || dirOffset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const z64 = Number(view.getBigUint64(end - 12, true));
    if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== 0x06064b50) throw new DataFileError(`${where}: corrupt Zip64 end record`);
    count = Number(view.getBigUint64(z64 + 32, true));
    dirOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new DataFileError(`${where}: corrupt zip central directory at entry ${k}`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let offset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // Zip64 extended information: the 8-byte sizes and offset whose 4-byte fields are 0xffffffff, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => {
          const v = Number(view.getBigUint64(q, true));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (offset === 0xffffffff) offset = next();
      }
      e += 4 + length;
    }
    if (flags & 1) throw new DataFileError(`${where}: ${name}: encrypted zip entries are not supported`);
    entries.push({ name, method, compressedSize, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The content of one entry, never more than its declared size.
 * @throws DataFileError naming the archive and the entry when its declared size is over `maxBytes`,
 *   its method is neither stored nor deflate, its data is corrupt or truncated, or it inflates to
 *   another size than the directory declares (a zip bomb stops there).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, where: string, maxBytes: number): Uint8Array {
  const name = `${where}: ${entry.name}`;
  if (entry.size > maxBytes) throw new DataFileError(`${name}: declares ${entry.size} bytes, more than the limit of ${maxBytes} (the loader's maxBytes option)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const local = entry.offset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new DataFileError(`${name}: corrupt zip local header`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new DataFileError(`${name}: truncated zip entry: ${entry.compressedSize} bytes declared, ${Math.max(0, bytes.length - start)} present`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) throw new DataFileError(`${name}: stored entry of ${entry.compressedSize} bytes declares ${entry.size}`);
    return data;
  }
  if (entry.method !== 8) throw new DataFileError(`${name}: zip compression method ${entry.method} is not supported (stored and deflate are)`);
  const out = new Uint8Array(entry.size);
  let length = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (length + chunk.length > entry.size) {
      throw new DataFileError(`${name}: inflates to more than the ${entry.size} bytes the zip directory declares (stopped at ${length + chunk.length}): refused`);
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) done = true;
  });
  pushInSlices(inflater, data, `${name}: corrupt deflate data`);
  if (!done || length !== entry.size) throw new DataFileError(`${name}: truncated deflate data: ${length} of the ${entry.size} bytes declared`);
  return out;
}

/**
 * The inflated bytes of gzip data (one member or several), never more than `maxBytes`.
 * @throws DataFileError naming `where` when the data inflates to more than `maxBytes` (a gzip
 *   bomb stops there, a slice later at most), or is corrupt or truncated.
 */
export function gunzipBounded(gz: Uint8Array, where: string, maxBytes: number): Uint8Array {
  let out = new Uint8Array(Math.min(maxBytes, Math.max(1024, gz.length * 4)));
  let length = 0;
  let done = false;
  const inflater = new Gunzip((chunk, final) => {
    if (length + chunk.length > maxBytes) {
      throw new DataFileError(`${where}: gzip data inflates to more than the limit of ${maxBytes} bytes (stopped at ${length + chunk.length}): refused (the loader's maxBytes option)`);
    }
    if (length + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(length + chunk.length, out.length * 2)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) done = true;
  });
  pushInSlices(inflater, gz, `${where}: corrupt gzip data`);
  if (!done) throw new DataFileError(`${where}: truncated gzip data: the stream ends after ${length} inflated bytes`);
  return out.subarray(0, length);
}

/**
 * Feeds `data` to `inflater` a slice at a time, so that its output callback can stop a bomb after
 * one slice. A DataFileError the callback throws passes through; any other failure is corrupt
 * data, said as `corrupt` with the inflater's reason in brackets.
 */
function pushInSlices(inflater: { push(chunk: Uint8Array, final: boolean): void }, data: Uint8Array, corrupt: string): void {
  try {
    for (let i = 0; i < data.length; i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    throw new DataFileError(`${corrupt} (${err instanceof Error ? err.message : String(err)})`);
  }
}
