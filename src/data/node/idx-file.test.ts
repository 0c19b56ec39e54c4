import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataFileError } from '../../errors.js';
import { encodeIdx } from '../idx.js';
import { readIdxFile } from './idx-file.js';
import { gzipBomb, idxHeader } from './idx-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'noisenet-idx-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('readIdxFile refuses a gzip bomb naming the file, after inflating no more than the header declares', async () => {
  const path = join(dir, 'train-images-idx3-ubyte.gz');
  writeFileSync(path, await gzipBomb(idxHeader([100, 28, 28]), 200 * 1024 * 1024));
  const before = process.memoryUsage().arrayBuffers;
  await assert.rejects(readIdxFile(path), (err: unknown) => {
    assert.ok(err instanceof DataFileError, String(err));
    assert.ok(err.message.startsWith(`${path}: trailing bytes after IDX data: dims [100, 28, 28] need 78400 data bytes`), err.message);
    const stopped = Number(/stopped at (\d+)/.exec(err.message)?.[1]);
    assert.ok(stopped < 1024 * 1024, err.message);
    return true;
  });
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < 64 * 1024 * 1024, `array buffers grew by ${grown} bytes`);
});

test('readIdxFile refuses a file larger than maxBytes allows before reading it', async () => {
  const path = join(dir, 'big.idx');
  writeFileSync(path, encodeIdx([10_000], new Uint8Array(10_000)));
  assert.equal((await readIdxFile(path)).data.length, 10_000);
  await assert.rejects(readIdxFile(path, { maxBytes: 1000 }), (err: unknown) => {
    assert.ok(err instanceof DataFileError, String(err));
    assert.equal(err.message, `${path}: 10008 bytes, more than an IDX file of at most 1000 data bytes can be (the loader's maxBytes option)`);
    return true;
  });
});
