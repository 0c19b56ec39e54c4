import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { isTableFileName, readTableFile, tableDelimiter } from './table-file.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test('table files are told by their names, gzipped ones too; a .tsv or .tsv.gz is read with tabs', () => {
  assert.deepEqual(['a.csv', 'b.TSV', 'c.txt', 'd.csv.gz', 'e.TSV.GZ', 'f.txt.gz', 'g.gz', 'h.npz', 'i.png.gz'].map(isTableFileName), [true, true, true, true, true, true, false, false, false]);
  assert.deepEqual(['a.tsv', 'b.tsv.gz', 'c.csv.gz', 'd.txt'].map(tableDelimiter), ['\t', '\t', undefined, undefined]);
});

test('a gzipped table reads as its text, over several gzip members too; bad gzip data is refused in one line naming the file', () => {
  const text = 'a,b,kind\n1,2,x\n3,4,y\n';
  assert.deepEqual(readTableFile(gzipSync(text), 't.csv.gz'), readTableFile(bytes(text), 't.csv'));
  const twoMembers = Buffer.concat([gzipSync('a,b,kind\n1,2,x\n'), gzipSync('3,4,y\n')]);
  assert.deepEqual(readTableFile(twoMembers, 't.csv.gz').rows, [['a', 'b', 'kind'], ['1', '2', 'x'], ['3', '4', 'y']]);
  assert.deepEqual(readTableFile(gzipSync('a\tb\n1\t2\n'), 't.tsv.gz').rows, [['a', 'b'], ['1', '2']]);
  assert.throws(() => readTableFile(bytes('not gzip at all'), 't.csv.gz'), (e: Error) => e.name === 'DataFileError' && /^t\.csv\.gz: corrupt gzip data \(.+\)$/.test(e.message));
  assert.throws(() => readTableFile(gzipSync(text.repeat(100)), 't.csv.gz', { maxBytes: 100 }), {
    name: 'DataFileError',
    message: /^t\.csv\.gz: gzip data inflates to more than the limit of 100 bytes \(stopped at \d+\): refused \(the loader's maxBytes option\)$/,
  });
  assert.throws(() => readTableFile(gzipSync(text), 't.csv.gz', { maxBytes: 0 }), { name: 'InvalidArgumentError' });
});
