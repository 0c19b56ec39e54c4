import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../data/csv.js';
import { tableDataset } from '../data/table-dataset.js';
import { withValidationSplit } from '../data/validation-split.js';
import { describeOwnData } from './own-data.js';

test('the data line counts one feature in the singular and more in the plural', () => {
  const describe = (text: string) => describeOwnData(withValidationSplit(tableDataset(parseCsv(text, 't.csv').rows, 't.csv'), 0.5, 1));
  assert.match(describe('a,y\n1,p\n2,q\n3,p\n4,q\n'), /; 1 feature; 2 classes \(p, q\)$/);
  assert.match(describe('a,b,y\n1,2,p\n2,3,q\n3,4,p\n4,5,q\n'), /; 2 features; 2 classes \(p, q\)$/);
});
