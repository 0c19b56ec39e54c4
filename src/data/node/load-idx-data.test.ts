import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeIdx } from '../idx.js';
import { loadData } from './load-data.js';

const root = mkdtempSync(join(tmpdir(), 'noisenet-idx-data-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(dir: string, name: string, dims: number[], data: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), encodeIdx(dims, data));
}

test('IDX images of 4 dimensions [count, height, width, 3] load as colour, and a folder with only a training pair loads', async () => {
  const dir = join(root, 'colour');
  const pixels = Uint8Array.from({ length: 6 * 4 * 5 * 3 }, (_, i) => (i * 13) % 256);
  write(dir, 'train-images-idx4-ubyte', [6, 4, 5, 3], pixels);
  write(dir, 'train-labels-idx1-ubyte', [6], Uint8Array.of(0, 1, 2, 0, 1, 2));
  const d = await loadData(dir, { classes: ['cat', 'dog', 'owl'] });
  assert.equal(d.kind, 'idx');
  assert.deepEqual(d.sampleShape, [4, 5, 3]);
  assert.deepEqual(d.classes, ['cat', 'dog', 'owl']);
  assert.deepEqual(d.train.x, pixels);
  assert.equal(d.test, null);
  const split = await loadData(dir, { valSplit: 0.5, seed: 2 });
  assert.equal(split.test!.count, 3);
  assert.deepEqual([...split.test!.y].sort(), [0, 1, 2], 'one of each class held out');
  write(dir, 't10k-images-idx3-ubyte', [2, 4, 5], new Uint8Array(40));
  write(dir, 't10k-labels-idx1-ubyte', [2], Uint8Array.of(0, 1));
  await assert.rejects(loadData(dir), { name: 'DataFileError', message: `${join(dir, 't10k-images-idx3-ubyte')}: images of shape [4, 5, 1], but ${join(dir, 'train-images-idx4-ubyte')} has [4, 5, 3]` });
});

test('IDX images with 2 channels are refused naming the file', async () => {
  const dir = join(root, 'two');
  write(dir, 'train-images-idx4-ubyte', [2, 2, 2, 2], new Uint8Array(16));
  write(dir, 'train-labels-idx1-ubyte', [2], Uint8Array.of(0, 1));
  await assert.rejects(loadData(dir), { message: `${join(dir, 'train-images-idx4-ubyte')}: images must have dimensions [count, height, width] or [count, height, width, channels] with 1 or 3 channels, found [2, 2, 2, 2]` });
});
