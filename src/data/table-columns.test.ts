import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeTableColumns, recordedTableColumns } from './table-columns.js';

test("a model.json's recorded table columns are taken only when well formed (the file is untrusted)", () => {
  const good = { featureNames: ['size', 'colour=blue', 'colour=red'], categorical: [{ name: 'colour', categories: ['blue', 'red'] }] };
  assert.deepEqual(recordedTableColumns({ ...good, kind: 'table' }), good);
  assert.deepEqual(recordedTableColumns({ featureNames: ['a', 'b'] }), { featureNames: ['a', 'b'] });
  for (const bad of [null, 'x', {}, { featureNames: [] }, { featureNames: ['a', 1] }, { ...good, categorical: 'colour' }, { ...good, categorical: [{ name: 'colour', categories: [] }] }, { ...good, categorical: [{ name: 3, categories: ['blue'] }] }]) {
    assert.equal(recordedTableColumns(bad), undefined, JSON.stringify(bad));
  }
});

test('rows are encoded by column name over the recorded categories, trimmed, other columns ignored', () => {
  const columns = { featureNames: ['size', 'colour=blue', 'colour=red'], categorical: [{ name: 'colour', categories: ['blue', 'red'] }] };
  const x = encodeTableColumns(['id', 'colour', 'size'], [['a', ' red ', '3'], ['b', 'blue', '4.5']], 'n.csv', 2, columns);
  assert.deepEqual([...x], [3, 0, 1, 4.5, 1, 0]);
  assert.throws(() => encodeTableColumns(['colour', 'size'], [['red', '1'], ['red', '']], 'n.csv', 2, columns), { name: 'DataFileError', message: 'n.csv: row 3, column "size": expected a number, found ""' });
});
