import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DataFileError, InvalidArgumentError } from '../errors.js';
import { encodeIdx, parseIdx } from './idx.js';

const dims = [3, 2, 2];
const pixels = Uint8Array.from({ length: 12 }, (_, i) => i * 20);

/** Asserts `fn` throws a DataFileError whose message starts with the file name and matches `problem`. */
function assertFileError(fn: () => unknown, where: string, problem: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof DataFileError, `expected DataFileError, got ${String(err)}`);
    assert.ok(err.message.startsWith(`${where}: `), err.message);
    assert.match(err.message, problem);
    assert.ok(!err.message.includes('\n'), 'message is one line');
    return true;
  });
}

test('parseIdx reads an uncompressed unsigned-byte file', () => {
  const idx = parseIdx(encodeIdx(dims, pixels), 'raw.idx');
  assert.equal(idx.type, 0x08);
  assert.deepEqual(idx.dims, dims);
  assert.deepEqual(idx.data, pixels);
});

test('parseIdx detects gzip by its magic and gunzips', () => {
  const gz = encodeIdx(dims, pixels, { gzip: true });
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
  const idx = parseIdx(gz, 'file.gz');
  assert.deepEqual(idx.dims, dims);
  assert.deepEqual(idx.data, pixels);
});

test('parseIdx rejects a truncated gzip stream, naming the file', () => {
  const gz = encodeIdx(dims, pixels, { gzip: true });
  assertFileError(() => parseIdx(gz.subarray(0, gz.length - 12), 'cut.gz'), 'cut.gz', /truncated gzip/);
});

test('parseIdx rejects a corrupt gzip stream, naming the file', () => {
  const gz = encodeIdx(dims, pixels, { gzip: true }).slice();
  gz.fill(0xff, 10, 20);
  assertFileError(() => parseIdx(gz, 'bad.gz'), 'bad.gz', /corrupt gzip|truncated gzip/);
  const crc = encodeIdx(dims, pixels, { gzip: true }).slice();
  crc[crc.length - 6]! ^= 0xff;
  assertFileError(() => parseIdx(crc, 'crc.gz'), 'crc.gz', /corrupt gzip/);
});

test('parseIdx rejects a magic that does not start with 00 00', () => {
  const bytes = encodeIdx(dims, pixels);
  bytes[0] = 0x12;
  assertFileError(() => parseIdx(bytes, 'x.idx'), 'x.idx', /magic must start with 00 00, found 12 00/);
  assertFileError(() => parseIdx(new Uint8Array([0, 0]), 'short.idx'), 'short.idx', /shorter than the 4-byte magic/);
});

test('parseIdx rejects type bytes other than 08 (unsigned byte)', () => {
  const bytes = encodeIdx(dims, pixels);
  bytes[2] = 0x0d; // float
  assertFileError(() => parseIdx(bytes, 'f.idx'), 'f.idx', /unsupported IDX type byte 0d, expected 08/);
});

test('parseIdx rejects dimension counts outside 1..4', () => {
  const zero = new Uint8Array([0, 0, 8, 0]);
  assertFileError(() => parseIdx(zero, 'z.idx'), 'z.idx', /dimension count must be 1 to 4, found 0/);
  const five = new Uint8Array([0, 0, 8, 5, ...new Array(20).fill(0)]);
  assertFileError(() => parseIdx(five, 'five.idx'), 'five.idx', /found 5/);
  assertFileError(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'h.idx'), 'h.idx', /truncated IDX header/);
});

test('parseIdx rejects truncated data with expected and found byte counts', () => {
  const bytes = encodeIdx(dims, pixels);
  assertFileError(() => parseIdx(bytes.subarray(0, bytes.length - 5), 't.idx'), 't.idx', /truncated IDX data: dims \[3, 2, 2\] need 12 data bytes, found 7/);
  const gz = new Uint8Array(gzipSync(bytes.subarray(0, bytes.length - 1)));
  assertFileError(() => parseIdx(gz, 't.gz'), 't.gz', /need 12 data bytes, found 11/);
});

test('parseIdx rejects trailing bytes after the data', () => {
  const bytes = new Uint8Array([...encodeIdx(dims, pixels), 1, 2, 3]);
  assertFileError(() => parseIdx(bytes, 'long.idx'), 'long.idx', /trailing bytes after IDX data: .* need 12 data bytes, found 15/);
});

test('encodeIdx validates its arguments', () => {
  assert.throws(() => encodeIdx([2, 2], new Uint8Array(3)), InvalidArgumentError);
  assert.throws(() => encodeIdx([], new Uint8Array(0)), InvalidArgumentError);
  assert.throws(() => encodeIdx([1, 1, 1, 1, 1], new Uint8Array(1)), InvalidArgumentError);
});
