import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { encode as encodePng } from 'fast-png';
import { type FileLike, loadDataFromFiles } from './load-files.js';

const file = (path: string, bytes: Uint8Array | string): FileLike => ({
  name: path.split('/').at(-1)!,
  webkitRelativePath: path.includes('/') ? path : '',
  arrayBuffer: async () => {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  },
});
const png = (value: number) => encodePng({ width: 2, height: 2, channels: 3, depth: 8, data: new Uint8Array(12).fill(value) });

test('a picked folder of class folders (train/ and test/) loads from File objects, colour kept', async () => {
  const files = [
    file('pets/train/dog/1.png', png(10)),
    file('pets/train/cat/1.png', png(20)),
    file('pets/train/cat/2.png', png(30)),
    file('pets/test/dog/9.png', png(40)),
    file('pets/test/cat/.DS_Store', 'x'),
    file('pets/test/cat/8.png', png(50)),
  ];
  const d = await loadDataFromFiles(files);
  assert.deepEqual(d.classes, ['cat', 'dog']);
  assert.deepEqual(d.sampleShape, [2, 2, 3]);
  assert.deepEqual([...d.train.y], [0, 0, 1]);
  assert.deepEqual([d.train.x[0], d.train.x[12], d.train.x[24]], [20, 30, 10]);
  assert.deepEqual([...d.test!.y], [0, 1]);
  assert.equal(d.source, 'images pets');
});

test('a picked folder holding only a test/ split is refused: there is no training split', async () => {
  const files = [file('pets/test/dog/9.png', png(40)), file('pets/test/cat/8.png', png(50))];
  await assert.rejects(loadDataFromFiles(files), {
    name: 'DataFileError',
    message: 'pets: a test/ folder of class folders but no train/ folder: there is no training split; pick pets/test/ itself to read its class folders as a dataset, or put training images in train/<class>/ beside it',
  });
  const d = await loadDataFromFiles([file('top/test/1.png', png(1)), file('top/prod/1.png', png(2))]);
  assert.deepEqual(d.classes, ['prod', 'test'], 'a class folder that holds images may be named test');
});

test('one CSV file loads as a table, with a validation split', async () => {
  const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 2 ? 'yes' : 'no'}`).join('\n');
  const d = await loadDataFromFiles([file('t.csv', `x,label\n${rows}`)], { valSplit: 0.25, seed: 1 });
  assert.deepEqual(d.classes, ['no', 'yes']);
  assert.equal(d.test!.count, 5);
  await assert.rejects(loadDataFromFiles([file('t.csv', 'a,b\n1,x\n2,x\n')]), { name: 'DataFileError', message: "t.csv: target column 'b' has one class only (\"x\"); classification needs at least 2" });
});

test('one gzipped CSV or TSV file loads as the same table; a gzip bomb is refused naming the file', async () => {
  const text = 'x\tlabel\n' + Array.from({ length: 12 }, (_, i) => `${i}\t${i % 2 ? 'yes' : 'no'}`).join('\n');
  const plain = await loadDataFromFiles([file('t.tsv', text)]);
  const gz = await loadDataFromFiles([file('t.tsv.gz', gzipSync(text))]);
  assert.deepEqual(gz.train, plain.train);
  assert.deepEqual(gz.classes, ['no', 'yes']);
  await assert.rejects(loadDataFromFiles([file('bomb.csv.gz', gzipSync(Buffer.alloc(8 * 2 ** 20, '1,x\n')))], { maxBytes: 2 ** 20 }), {
    name: 'DataFileError',
    message: /^bomb\.csv\.gz: gzip data inflates to more than the limit of 1048576 bytes \(stopped at \d+\): refused \(the loader's maxBytes option\)$/,
  });
});
