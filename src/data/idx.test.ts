import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DataFileError, InvalidArgumentError } from '../errors.js';
import { encodeIdx, parseIdx, parseIdxAsync } from './idx.js';

const dims = [3, 2, 2];
const pixels = Uint8Array.from({ length: 12 }, (_, i) => i * 20);

function gzipIdx(d: number[], data: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(encodeIdx(d, data)));
}

function fileErrorCheck(where: string, problem: RegExp): (err: unknown) => true {
  return (err: unknown) => {
    assert.ok(err instanceof DataFileError, `expected DataFileError, got ${String(err)}`);
    assert.ok(err.message.startsWith(`${where}: `), err.message);
    assert.match(err.message, problem);
    assert.ok(!err.message.includes('\n'), 'message is one line');
    return true;
  };
}

/** Asserts `fn` throws a DataFileError whose message starts with the file name and matches `problem`. */
function assertFileError(fn: () => unknown, where: string, problem: RegExp): void {
  assert.throws(fn, fileErrorCheck(where, problem));
}

/** The same for a promise (gzip goes through parseIdxAsync). */
async function assertRejectsFile(promise: Promise<unknown>, where: string, problem: RegExp): Promise<void> {
  await assert.rejects(promise, fileErrorCheck(where, problem));
}

test('parseIdx reads an uncompressed unsigned-byte file', () => {
  const idx = parseIdx(encodeIdx(dims, pixels), 'raw.idx');
  assert.equal(idx.type, 0x08);
  assert.deepEqual(idx.dims, dims);
  assert.deepEqual(idx.data, pixels);
});

test('parseIdxAsync detects gzip by its magic and gunzips', async () => {
  const gz = gzipIdx(dims, pixels);
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
  const idx = await parseIdxAsync(gz, 'file.gz');
  assert.deepEqual(idx.dims, dims);
  assert.deepEqual(idx.data, pixels);
});

test('parseIdxAsync rejects a truncated gzip stream, naming the file', async () => {
  const gz = gzipIdx(dims, pixels);
  await assertRejectsFile(parseIdxAsync(gz.subarray(0, gz.length - 12), 'cut.gz'), 'cut.gz', /truncated gzip/);
});

test('parseIdxAsync rejects a corrupt gzip stream, naming the file', async () => {
  const gz = gzipIdx(dims, pixels).slice();
  gz.fill(0xff, 10, 20);
  await assertRejectsFile(parseIdxAsync(gz, 'bad.gz'), 'bad.gz', /corrupt gzip|truncated gzip/);
  const crc = gzipIdx(dims, pixels).slice();
  crc[crc.length - 6]! ^= 0xff;
  await assertRejectsFile(parseIdxAsync(crc, 'crc.gz'), 'crc.gz', /corrupt gzip/);
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

test('parseIdx rejects truncated data with expected and found byte counts', async () => {
  const bytes = encodeIdx(dims, pixels);
  assertFileError(() => parseIdx(bytes.subarray(0, bytes.length - 5), 't.idx'), 't.idx', /truncated IDX data: dims \[3, 2, 2\] need 12 data bytes, found 7/);
  const gz = new Uint8Array(gzipSync(bytes.subarray(0, bytes.length - 1)));
  await assertRejectsFile(parseIdxAsync(gz, 't.gz'), 't.gz', /need 12 data bytes, found 11/);
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
