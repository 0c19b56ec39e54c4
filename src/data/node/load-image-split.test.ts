import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataFileError } from '../../errors.js';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../idx.js';
import { readIdxFile } from './idx-file.js';
import { loadImageSplit } from './load-image-split.js';

const dir = mkdtempSync(join(tmpdir(), 'noisenet-split-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, dims: number[], data: Uint8Array, gzip = false): string {
  const path = join(dir, name);
  const raw = encodeIdx(dims, data);
  writeFileSync(path, gzip ? gzipSync(raw) : raw);
  return path;
}

const images = Uint8Array.from({ length: 4 * 3 * 2 }, (_, i) => i);

async function assertRejectsFile(promise: Promise<unknown>, path: string, problem: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof DataFileError, String(err));
    assert.ok(err.message.startsWith(`${path}: `), err.message);
    assert.match(err.message, problem);
    return true;
  });
}

test('loadImageSplit reads images and labels from raw and gzip files', async () => {
  const split = await loadImageSplit(write('i.gz', [4, 3, 2], images, true), write('l', [4], new Uint8Array([0, 9, 3, 3])));
  assert.equal(split.count, 4);
  assert.equal(split.height, 3);
  assert.equal(split.width, 2);
  assert.deepEqual(split.images, images);
  assert.deepEqual(split.labels, new Uint8Array([0, 9, 3, 3]));
});

test('loadImageSplit rejects image and label counts that differ', async () => {
  const labels = write('l3', [3], new Uint8Array([1, 2, 3]));
  await assertRejectsFile(loadImageSplit(write('i4', [4, 3, 2], images), labels), labels, /3 labels, but .*i4 has 4 images/);
});

test('loadImageSplit rejects label 10 out of range, naming its index and value', async () => {
  const labels = write('l10', [4], new Uint8Array([0, 1, 10, 11]));
  await assertRejectsFile(loadImageSplit(write('i', [4, 3, 2], images), labels), labels, /label at index 2 is 10, expected a class index below 10/);
});

test('loadImageSplit rejects files of the wrong rank', async () => {
  const flat = write('flat', [24], images);
  await assertRejectsFile(loadImageSplit(flat, write('l4', [4], new Uint8Array(4))), flat, /images must have 3 dimensions .* found \[24\]/);
  const labels2d = write('l2d', [4, 1], new Uint8Array(4));
  await assertRejectsFile(loadImageSplit(write('i', [4, 3, 2], images), labels2d), labels2d, /labels must have 1 dimension/);
});

test('readIdxFile names a missing file', async () => {
  const missing = join(dir, 'nope.gz');
  await assertRejectsFile(readIdxFile(missing), missing, /file not found/);
});
