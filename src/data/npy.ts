/**
 * NumPy's `.npy` format (numpy.lib.format, versions 1 to 3): the magic `\x93NUMPY`, a version,
 * a little-endian header length (2 bytes in version 1, 4 after), an ASCII Python dict
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (n, 28, 28), }`, then the raw array in C
 * order. Reads the little-endian (and byte-sized) numeric and boolean dtypes; refuses Fortran
 * order, object and structured arrays, and data whose size disagrees with the header.
 */
import { DataFileError } from '../errors.js';

/** The dtypes read, by NumPy's `descr` without its byte-order character. */
const DTYPES = {
  f4: { name: 'float32', bytes: 4, array: Float32Array },
  f8: { name: 'float64', bytes: 8, array: Float64Array },
  u1: { name: 'uint8', bytes: 1, array: Uint8Array },
  i1: { name: 'int8', bytes: 1, array: Int8Array },
  i2: { name: 'int16', bytes: 2, array: Int16Array },
  u2: { name: 'uint16', bytes: 2, array: Uint16Array },
  i4: { name: 'int32', bytes: 4, array: Int32Array },
  u4: { name: 'uint32', bytes: 4, array: Uint32Array },
  i8: { name: 'int64', bytes: 8, array: BigInt64Array },
  u8: { name: 'uint64', bytes: 8, array: BigUint64Array },
  b1: { name: 'bool', bytes: 1, array: Uint8Array },
} as const;

/** A dtype name: `float32`, `int64`, `bool`, ... */
export type NpyDtype = (typeof DTYPES)[keyof typeof DTYPES]['name'];

/** The typed array an `.npy` array is read into (bool as 0/1 bytes, 64-bit integers as bigints). */
export type NpyData = Float32Array | Float64Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/** A decoded `.npy` array. */
export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** The values, C order (row-major), a copy aligned for its type. */
  readonly data: NpyData;
}

/** Default ceiling on the data bytes a header may declare: 1 GiB, as for IDX files. */
export const MAX_NPY_BYTES = 2 ** 30;

/** What the header declares, before any data is read. */
export interface NpyHeader {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** Bytes of the magic, the version, the length and the dict. */
  readonly headerBytes: number;
  /** Bytes of data the header declares. */
  readonly dataBytes: number;
}

/**
 * Reads an `.npy` header from the first bytes of a file.
 * @throws DataFileError naming `where` for a bad magic, an unreadable dict, Fortran order, an
 *   object, structured, big-endian or unknown dtype, or more than `maxBytes` of data declared.
 */
export function parseNpyHeader(bytes: Uint8Array, where: string, maxBytes = MAX_NPY_BYTES): NpyHeader {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) throw new DataFileError(`${where}: not an .npy file: it does not start with the magic \\x93NUMPY`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new DataFileError(`${where}: .npy format version ${major}.${bytes[7]} is not supported (1 to 3 are)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start) throw new DataFileError(`${where}: truncated .npy header`);
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (bytes.length < start + length) throw new DataFileError(`${where}: truncated .npy header: it declares ${length} bytes, the file has ${bytes.length - start}`);
  const dict = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + length));
  const descr = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(dict)?.[2];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(dict)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined) {
    const structured = /['"]descr['"]\s*:\s*\[/.test(dict);
    throw new DataFileError(`${where}: ${structured ? 'structured (record) arrays are not supported; save one plain numeric array per name' : `unreadable .npy header ${JSON.stringify(dict.trim())}`}`);
  }
  if (fortran === undefined || shapeText === undefined) throw new DataFileError(`${where}: unreadable .npy header ${JSON.stringify(dict.trim())}`);
  if (fortran === 'True') throw new DataFileError(`${where}: Fortran-order array; save it in C order (numpy.ascontiguousarray) first`);
  const order = descr[0]!;
  const code = descr.slice(1) as keyof typeof DTYPES;
  if (code === ('O' as never)) throw new DataFileError(`${where}: object array (dtype '${descr}'); save numbers, e.g. arr.astype('float32')`);
  const type = DTYPES[code];
  if (type === undefined) throw new DataFileError(`${where}: dtype '${descr}' is not supported; expected one of ${Object.values(DTYPES).map((d) => d.name).join(', ')}`);
  if (order === '>' && type.bytes > 1) throw new DataFileError(`${where}: big-endian dtype '${descr}'; save it little-endian (arr.astype('<${code}'))`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new DataFileError(`${where}: bad shape (${shapeText}) in the .npy header`);
  const dataBytes = shape.reduce((a, b) => a * b, 1) * type.bytes;
  if (dataBytes > maxBytes) throw new DataFileError(`${where}: shape (${shape.join(', ')}) of ${type.name} declares ${dataBytes} data bytes, more than the limit of ${maxBytes} (the loader's maxBytes option)`);
  return { dtype: type.name, shape, headerBytes: start + length, dataBytes };
}

/**
 * Decodes an `.npy` file.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError naming `where` for anything {@link parseNpyHeader} refuses, or data
 *   shorter or longer than the header declares.
 */
export function parseNpy(input: Uint8Array | ArrayBuffer, where: string, maxBytes = MAX_NPY_BYTES): NpyArray {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const header = parseNpyHeader(bytes, where, maxBytes);
  const found = bytes.length - header.headerBytes;
  if (found !== header.dataBytes) {
    const problem = found < header.dataBytes ? 'truncated .npy data' : 'trailing bytes after the .npy data';
    throw new DataFileError(`${where}: ${problem}: shape (${header.shape.join(', ')}) of ${header.dtype} needs ${header.dataBytes} bytes, found ${found}`);
  }
  const type = Object.values(DTYPES).find((d) => d.name === header.dtype)!;
  const copy = new Uint8Array(header.dataBytes); // aligned for the typed array (and a copy even of a Node Buffer)
  copy.set(bytes.subarray(header.headerBytes));
  return { dtype: header.dtype, shape: header.shape, data: new type.array(copy.buffer, 0, header.dataBytes / type.bytes) };
}

/** The values of `array` as float32 (64-bit integers through Number). */
export function npyToFloat32(array: NpyArray): Float32Array {
  const d = array.data;
  if (d instanceof Float32Array) return d;
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Float32Array.from(d, (v) => Number(v));
  return Float32Array.from(d);
}
