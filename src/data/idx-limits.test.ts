/**
 * The IDX parser's defences: gzip bombs stop at the declared size, declared sizes beyond the
 * ceiling are refused before anything is inflated, and input that is not bytes is a typed error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DataFileError, InvalidArgumentError } from '../errors.js';
import { MAX_IDX_BYTES, encodeIdx, parseIdx, parseIdxAsync } from './idx.js';
import { gzipBomb, idxHeader } from './node/idx-fixtures.js';

function fileError(where: string, problem: RegExp): (err: unknown) => true {
  return (err: unknown) => {
    assert.ok(err instanceof DataFileError, `expected DataFileError, got ${String(err)}`);
    assert.ok(err.message.startsWith(`${where}: `), err.message);
    assert.match(err.message, problem);
    assert.ok(!err.message.includes('\n'), 'one line');
    return true;
  };
}

test('a gzip bomb (200 MB of zeros after a 7,840-byte header) is refused after inflating a few kilobytes', async () => {
  const bomb = await gzipBomb(idxHeader([10, 28, 28]), 200 * 1024 * 1024);
  assert.ok(bomb.length < 1024 * 1024, `the bomb is small: ${bomb.length} bytes`);
  const before = process.memoryUsage().arrayBuffers;
  let stoppedAt = Infinity;
  await assert.rejects(parseIdxAsync(bomb, 'bomb.gz'), (err: unknown) => {
    fileError('bomb.gz', /trailing bytes after IDX data: dims \[10, 28, 28\] need 7840 data bytes, the gzip data inflates to more \(stopped at \d+\)$/)(err);
    stoppedAt = Number(/stopped at (\d+)/.exec((err as Error).message)![1]);
    return true;
  });
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(stoppedAt < 1024 * 1024, `stopped after ${stoppedAt} data bytes`);
  assert.ok(grown < 64 * 1024 * 1024, `array buffers grew by ${grown} bytes`);
});

test('a header declaring more than the ceiling is refused before inflating, raw or gzip', async () => {
  const header = idxHeader([65536, 65536, 2]); // 8 GiB
  const problem = new RegExp(`IDX dims \\[65536, 65536, 2\\] declare 8589934592 data bytes, more than the limit of ${MAX_IDX_BYTES} \\(the loader's maxBytes option\\)$`);
  assert.throws(() => parseIdx(header, 'huge.idx'), fileError('huge.idx', problem));
  await assert.rejects(parseIdxAsync(gzipSync(header), 'huge.gz'), fileError('huge.gz', problem));
  // A bomb that declares its size honestly is refused at the header too.
  await assert.rejects(parseIdxAsync(await gzipBomb(idxHeader([2 ** 31]), 4 * 1024 * 1024), 'big.gz'), fileError('big.gz', /more than the limit/));
});

test('maxBytes lowers or raises the ceiling and is validated', async () => {
  const bytes = encodeIdx([3, 4], new Uint8Array(12).fill(7));
  assert.equal(parseIdx(bytes, 'a', { maxBytes: 12 }).data.length, 12);
  assert.throws(() => parseIdx(bytes, 'a', { maxBytes: 11 }), fileError('a', /declare 12 data bytes, more than the limit of 11/));
  await assert.rejects(parseIdxAsync(gzipSync(bytes), 'a.gz', { maxBytes: 11 }), fileError('a.gz', /more than the limit of 11/));
  for (const maxBytes of [-1, 1.5, NaN]) {
    assert.throws(() => parseIdx(bytes, 'a', { maxBytes }), InvalidArgumentError);
  }
});

test('parseIdx and parseIdxAsync accept an ArrayBuffer', async () => {
  const bytes = encodeIdx([2, 2], Uint8Array.of(1, 2, 3, 4));
  const buffer = new Uint8Array(bytes).buffer;
  assert.deepEqual(parseIdx(buffer, 'ab').data, Uint8Array.of(1, 2, 3, 4));
  const gz = gzipSync(bytes);
  const gzBuffer = new Uint8Array(gz).buffer;
  assert.deepEqual((await parseIdxAsync(gzBuffer, 'ab.gz')).dims, [2, 2]);
});

test('parseIdx given null, an array or a string throws a one-line InvalidArgumentError, not a TypeError', async () => {
  const cases: [unknown, string][] = [
    [null, 'null'],
    [undefined, 'undefined'],
    [[0, 0, 8, 1, 0, 0, 0, 0], 'an array of 8 elements'],
    [Array.from({ length: 100_000 }, () => 0), 'an array of 100000 elements'],
    ['00 00 08 01', 'a string of 11 characters'],
    [{ length: 4 }, 'an object (Object)'],
    [new Float32Array(4), 'a Float32Array'],
    [42, '42'],
  ];
  for (const [value, described] of cases) {
    const expected = `parseIdx: bytes must be a Uint8Array or an ArrayBuffer, received ${described}`;
    assert.throws(() => parseIdx(value as Uint8Array, 'x'), (err: unknown) => err instanceof InvalidArgumentError && err.message === expected, expected);
    await assert.rejects(parseIdxAsync(value as Uint8Array, 'x'), (err: unknown) => err instanceof InvalidArgumentError && err.message === expected.replace('parseIdx:', 'parseIdxAsync:'));
  }
  assert.throws(() => parseIdx(new Uint8Array(0), undefined as unknown as string), /where must be a string/);
});

test('parseIdx given gzip bytes points to parseIdxAsync', () => {
  const gz = gzipSync(encodeIdx([1], Uint8Array.of(5)));
  assert.throws(() => parseIdx(gz, 'f.gz'), fileError('f.gz', /gzip-compressed IDX data; .*parseIdxAsync/));
});
