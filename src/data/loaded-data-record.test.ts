import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.js';
import { loadedDataDigest, loadedDataRecord } from './loaded-data-record.js';
import { tableDataset } from './table-dataset.js';
import { withValidationSplit } from './validation-split.js';

const table = (text: string) => withValidationSplit(tableDataset(parseCsv(text, 't.csv').rows, 't.csv'), 0.25, 3);
const rows = (last: string) => `a,b,y\n${Array.from({ length: 11 }, (_, i) => `${i},${i * 2},${i % 2 ? 'p' : 'q'}`).join('\n')}\n${last}\n`;

test('the record of loaded data says what it is, with a content digest that follows the values', async () => {
  const d = table(rows('5,1,p'));
  const record = await loadedDataRecord(d);
  assert.deepEqual({ ...record, sha256: undefined }, {
    kind: 'table',
    source: 'table t.csv',
    task: 'classification',
    sampleShape: [2],
    classes: ['p', 'q'],
    trainCount: 9,
    testCount: 3,
    validationSplit: { fraction: 0.25, seed: 3, stratified: true },
    featureNames: ['a', 'b'],
    preprocessing: [],
    sha256: undefined,
  });
  assert.match(record.sha256, /^[0-9a-f]{64}$/);
  assert.equal(await loadedDataDigest(table(rows('5,1,p'))), record.sha256, 'the same data, the same digest');
  assert.notEqual(await loadedDataDigest(table(rows('5,2,p'))), record.sha256, 'one value changed, another digest');
});
