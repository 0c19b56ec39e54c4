/**
 * The IDX file format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, a type
 * byte, a dimension count, one uint32 per dimension) followed by the data, row-major.
 * Only the unsigned-byte type (0x08) is supported; files may be gzip-compressed.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataFileError, invalid } from '../errors.js';

/** The IDX type byte for unsigned bytes, the only type noisenet reads. */
export const IDX_UBYTE = 0x08;

/** A decoded IDX file. */
export interface IdxFile {
  /** The type byte, always {@link IDX_UBYTE} for a file that parsed. */
  readonly type: number;
  /** Size of each dimension, outermost first. */
  readonly dims: readonly number[];
  /** The data, row-major, exactly the product of `dims` bytes. */
  readonly data: Uint8Array;
}

/**
 * Decodes IDX bytes, gunzipping them first when they start with the gzip magic `1f 8b`.
 * @param bytes the file's content.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError when the gzip stream is corrupt or truncated, the magic or type byte is
 *   wrong, the dimension count is not 1 to 4, or the data is shorter or longer than the header says.
 */
export function parseIdx(bytes: Uint8Array, where: string): IdxFile {
  const raw = isGzip(bytes) ? gunzip(bytes, where) : bytes;
  if (raw.length < 4) {
    throw new DataFileError(`${where}: not an IDX file: ${raw.length} bytes, shorter than the 4-byte magic`);
  }
  if (raw[0] !== 0 || raw[1] !== 0) {
    throw new DataFileError(`${where}: not an IDX file: magic must start with 00 00, found ${hex(raw[0]!)} ${hex(raw[1]!)}`);
  }
  const type = raw[2]!;
  if (type !== IDX_UBYTE) {
    throw new DataFileError(`${where}: unsupported IDX type byte ${hex(type)}, expected 08 (unsigned byte)`);
  }
  const rank = raw[3]!;
  if (rank < 1 || rank > 4) {
    throw new DataFileError(`${where}: IDX dimension count must be 1 to 4, found ${rank}`);
  }
  const headerBytes = 4 + 4 * rank;
  if (raw.length < headerBytes) {
    throw new DataFileError(`${where}: truncated IDX header: ${rank} dimensions need ${headerBytes} header bytes, found ${raw.length}`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = raw.length - headerBytes;
  if (found !== expected) {
    const problem = found < expected ? 'truncated IDX data' : 'trailing bytes after IDX data';
    throw new DataFileError(`${where}: ${problem}: dims [${dims.join(', ')}] need ${expected} data bytes, found ${found}`);
  }
  return { type, dims, data: new Uint8Array(raw.buffer, raw.byteOffset + headerBytes, expected) };
}

/**
 * Reads and decodes one IDX file (raw or gzip).
 * @throws DataFileError naming the path when the file is missing, unreadable or invalid.
 */
export async function readIdxFile(path: string): Promise<IdxFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? (err as Error).message})`;
    throw new DataFileError(`${path}: ${problem}`);
  }
  return parseIdx(bytes, path);
}

/**
 * Encodes unsigned bytes as an IDX file, e.g. to generate test fixtures.
 * @param dims 1 to 4 dimension sizes; their product must equal `data.length`.
 * @param options `gzip: true` compresses the result.
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array, options: { gzip?: boolean } = {}): Uint8Array {
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
  return options.gzip ? new Uint8Array(gzipSync(out)) : out;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, where: string): Uint8Array {
  try {
    const out = gunzipSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_BUF_ERROR') throw new DataFileError(`${where}: truncated gzip data (${e.message})`);
    throw new DataFileError(`${where}: corrupt gzip data (${e.message})`);
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
