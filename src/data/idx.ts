/**
 * The IDX file format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, a type
 * byte, a dimension count, one uint32 per dimension) followed by the data, row-major.
 * Only the unsigned-byte type (0x08) is supported; files may be gzip-compressed.
 *
 * Web-standard only (no Node APIs): gzip goes through `DecompressionStream`, which is
 * asynchronous, so {@link parseIdx} (synchronous) reads uncompressed bytes and
 * {@link parseIdxAsync} reads both. File access lives in `./node/`.
 */
import { checkOptionKeys } from '../schema/option-keys.js';
import { DataFileError, InvalidArgumentError, invalid } from '../errors.js';

/** The IDX type byte for unsigned bytes, the only type noisenet reads. */
export const IDX_UBYTE = 0x08;

/**
 * The default ceiling on the data an IDX header may declare: 1 GiB (2^30 bytes). MNIST's largest
 * file holds 47 MB. A header declaring more is refused before anything is inflated or allocated.
 */
export const MAX_IDX_BYTES = 2 ** 30;

/** A decoded IDX file. */
export interface IdxFile {
  /** The type byte, always {@link IDX_UBYTE} for a file that parsed. */
  readonly type: number;
  /** Size of each dimension, outermost first. */
  readonly dims: readonly number[];
  /** The data, row-major, exactly the product of `dims` bytes. */
  readonly data: Uint8Array;
}

/** Options of {@link parseIdx} and {@link parseIdxAsync}. */
export interface IdxParseOptions {
  /**
   * Refuse a file whose header declares more data bytes than this (default {@link MAX_IDX_BYTES},
   * 1 GiB). Checked from the header, before inflating or allocating the data.
   */
  readonly maxBytes?: number;
}

/** What the header says. */
interface IdxHeader {
  readonly type: number;
  readonly dims: number[];
  readonly headerBytes: number;
  readonly dataBytes: number;
}

/**
 * Decodes uncompressed IDX bytes. The result's `data` is a view into `bytes` (no copy).
 * @param bytes the file's content, a Uint8Array (a Node Buffer is one) or an ArrayBuffer.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError when the bytes are gzip-compressed (use {@link parseIdxAsync}), the magic
 *   or type byte is wrong, the dimension count is not 1 to 4, the header declares more than
 *   `maxBytes`, or the data is shorter or longer than the header says.
 * @throws InvalidArgumentError when `bytes` is not a Uint8Array or ArrayBuffer.
 */
export function parseIdx(bytes: Uint8Array | ArrayBuffer, where: string, options: IdxParseOptions = {}): IdxFile {
  const raw = asBytes('parseIdx', bytes);
  const name = asWhere('parseIdx', where);
  const maxBytes = maxBytesOf('parseIdx', options);
  if (isGzip(raw)) {
    throw new DataFileError(`${name}: gzip-compressed IDX data; parseIdx reads uncompressed bytes, use await parseIdxAsync(bytes, where) for gzip`);
  }
  const header = readHeader(raw, name, maxBytes, true)!;
  const found = raw.length - header.headerBytes;
  if (found !== header.dataBytes) throw lengthError(name, header, found);
  // A plain Uint8Array view even when `bytes` is a subclass such as Node's Buffer.
  return { type: header.type, dims: header.dims, data: new Uint8Array(raw.buffer, raw.byteOffset + header.headerBytes, header.dataBytes) };
}

/**
 * Decodes IDX bytes, gunzipping them first (with the web-standard `DecompressionStream`) when
 * they start with the gzip magic `1f 8b`; uncompressed bytes are parsed as {@link parseIdx} does.
 * Inflating stops as soon as the output passes the size the IDX header declares, so a small
 * `.gz` that inflates to gigabytes (a gzip bomb) is refused after reading a few kilobytes.
 * @throws DataFileError when the gzip stream is corrupt or truncated, inflates to more than the
 *   header declares, or for any problem {@link parseIdx} reports.
 * @throws InvalidArgumentError when `bytes` is not a Uint8Array or ArrayBuffer.
 */
export async function parseIdxAsync(bytes: Uint8Array | ArrayBuffer, where: string, options: IdxParseOptions = {}): Promise<IdxFile> {
  const raw = asBytes('parseIdxAsync', bytes);
  const name = asWhere('parseIdxAsync', where);
  const maxBytes = maxBytesOf('parseIdxAsync', options);
  if (!isGzip(raw)) return parseIdx(raw, name, options);
  return inflateIdx(raw, name, maxBytes);
}

/**
 * Encodes unsigned bytes as an uncompressed IDX file, e.g. to generate test fixtures.
 * @param dims 1 to 4 dimension sizes; their product must equal `data.length`.
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  if (dims.length < 1 || dims.length > 4) throw invalid('encodeIdx', 'dims', 'a list of 1 to 4 sizes', dims);
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) throw invalid('encodeIdx', 'dims', 'uint32 sizes', dims);
  }
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) {
    throw invalid('encodeIdx', 'data.length', `${expected} (the product of dims)`, data.length);
  }
  const headerBytes = 4 + 4 * dims.length;
  const out = new Uint8Array(headerBytes + data.length);
  const view = new DataView(out.buffer);
  out[2] = IDX_UBYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, headerBytes);
  return out;
}

/** Whether `bytes` start with the gzip magic `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads the header from the first bytes of a file. With `complete` false (more bytes may come),
 * returns undefined when the bytes so far are a valid but unfinished header.
 */
function readHeader(raw: Uint8Array, where: string, maxBytes: number, complete: boolean): IdxHeader | undefined {
  if (raw.length >= 1 && raw[0] !== 0) throw magicError(where, raw);
  if (raw.length >= 2 && raw[1] !== 0) throw magicError(where, raw);
  if (raw.length >= 3 && raw[2] !== IDX_UBYTE) {
    throw new DataFileError(`${where}: unsupported IDX type byte ${hex(raw[2]!)}, expected 08 (unsigned byte)`);
  }
  if (raw.length < 4) {
    if (!complete) return undefined;
    throw new DataFileError(`${where}: not an IDX file: ${raw.length} bytes, shorter than the 4-byte magic`);
  }
  const rank = raw[3]!;
  if (rank < 1 || rank > 4) {
    throw new DataFileError(`${where}: IDX dimension count must be 1 to 4, found ${rank}`);
  }
  const headerBytes = 4 + 4 * rank;
  if (raw.length < headerBytes) {
    if (!complete) return undefined;
    throw new DataFileError(`${where}: truncated IDX header: ${rank} dimensions need ${headerBytes} header bytes, found ${raw.length}`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, headerBytes);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const dataBytes = dims.reduce((a, b) => a * b, 1);
  if (dataBytes > maxBytes) {
    throw new DataFileError(`${where}: IDX dims [${dims.join(', ')}] declare ${dataBytes} data bytes, more than the limit of ${maxBytes} (the loader's maxBytes option)`);
  }
  return { type: raw[2]!, dims, headerBytes, dataBytes };
}

/** Inflates a gzip IDX file, never holding more than header + declared data bytes. */
async function inflateIdx(gz: Uint8Array, where: string, maxBytes: number): Promise<IdxFile> {
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(gz);
      controller.close();
    },
  });
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = input.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  } catch (err) {
    throw new DataFileError(`${where}: cannot inflate gzip data: DecompressionStream is not available (${oneLine(err)})`);
  }
  const reader = stream.getReader();
  // Until the header is known: a small buffer; then one of at most header + data bytes.
  let out: Uint8Array = new Uint8Array(64);
  let length = 0;
  let header: IdxHeader | undefined;
  let limit = Infinity;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw gzipError(where, err);
      }
      if (chunk.done) break;
      const value = chunk.value;
      if (length + value.length > limit) {
        throw new DataFileError(
          `${where}: trailing bytes after IDX data: dims [${header!.dims.join(', ')}] need ${header!.dataBytes} data bytes, the gzip data inflates to more (stopped at ${length + value.length - header!.headerBytes})`,
        );
      }
      out = ensureCapacity(out, length + value.length, header === undefined ? Infinity : limit, gz.length);
      out.set(value, length);
      length += value.length;
      if (header === undefined) {
        header = readHeader(out.subarray(0, length), where, maxBytes, false);
        if (header !== undefined) {
          limit = header.headerBytes + header.dataBytes;
          if (length > limit) {
            throw new DataFileError(
              `${where}: trailing bytes after IDX data: dims [${header.dims.join(', ')}] need ${header.dataBytes} data bytes, the gzip data inflates to more (stopped at ${length - header.headerBytes})`,
            );
          }
        }
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  header ??= readHeader(out.subarray(0, length), where, maxBytes, true)!;
  const found = length - header.headerBytes;
  if (found !== header.dataBytes) throw lengthError(where, header, found);
  return { type: header.type, dims: header.dims, data: out.subarray(header.headerBytes, length) };
}

/**
 * `buf`, or a larger copy holding at least `needed` bytes: starting at 8 times the compressed
 * size (MNIST's files inflate 2 to 5 times), doubling, never beyond `limit`.
 */
function ensureCapacity(buf: Uint8Array, needed: number, limit: number, compressed: number): Uint8Array {
  if (needed <= buf.length) return buf;
  let size = Math.max(buf.length * 2, needed, limit === Infinity ? 0 : Math.min(limit, Math.max(64 * 1024, 8 * compressed)));
  size = Math.min(size, limit);
  const next = new Uint8Array(size);
  next.set(buf);
  return next;
}

function lengthError(where: string, header: IdxHeader, found: number): DataFileError {
  const problem = found < header.dataBytes ? 'truncated IDX data' : 'trailing bytes after IDX data';
  return new DataFileError(`${where}: ${problem}: dims [${header.dims.join(', ')}] need ${header.dataBytes} data bytes, found ${found}`);
}

function magicError(where: string, raw: Uint8Array): DataFileError {
  const found = raw.length >= 2 ? `${hex(raw[0]!)} ${hex(raw[1]!)}` : hex(raw[0]!);
  return new DataFileError(`${where}: not an IDX file: magic must start with 00 00, found ${found}`);
}

/** A DecompressionStream failure as a DataFileError: truncated, or corrupt. */
function gzipError(where: string, err: unknown): DataFileError {
  const e = err as { code?: unknown; message?: unknown };
  const message = oneLine(err);
  const truncated = e.code === 'Z_BUF_ERROR' || /unexpected end|truncat/i.test(message);
  return new DataFileError(`${where}: ${truncated ? 'truncated' : 'corrupt'} gzip data (${message})`);
}

function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, ' ').trim();
}

/** `bytes` as a Uint8Array, or an InvalidArgumentError with a one-line description of what came. */
function asBytes(where: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new InvalidArgumentError(`${where}: bytes must be a Uint8Array or an ArrayBuffer, received ${describe(bytes)}`);
}

function asWhere(fn: string, where: unknown): string {
  if (typeof where !== 'string') throw new InvalidArgumentError(`${fn}: where must be a string (the file's name), received ${describe(where)}`);
  return where;
}

function maxBytesOf(fn: string, options: IdxParseOptions): number {
  checkOptionKeys(fn, options, ['maxBytes'] satisfies (keyof IdxParseOptions)[]);
  const max = options.maxBytes ?? MAX_IDX_BYTES;
  if (!Number.isSafeInteger(max) || max < 0) throw invalid(fn, 'maxBytes', 'a non-negative integer', max);
  return max;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} elements`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'no prototype'})`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return String(value);
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
