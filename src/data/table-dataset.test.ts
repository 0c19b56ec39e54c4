import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFileError } from '../errors.js';
import { parseCsv } from './csv.js';
import { tableDataset, type TableOptions } from './table-dataset.js';
import { withValidationSplit } from './validation-split.js';

const table = (text: string, options: TableOptions = {}, delimiter?: string) => tableDataset(parseCsv(text, 't.csv', delimiter === undefined ? {} : { delimiter }).rows, 't.csv', options);
const refuses = (text: string, pattern: RegExp, options: TableOptions = {}) => assert.throws(() => table(text, options), (e: Error) => e instanceof DataFileError && pattern.test(e.message) && !e.message.includes('\n'));

test('a header is detected, the target is the last column, string labels become sorted class indices', () => {
  const d = table('a,b,kind\n1,2,dog\n3,4,cat\n5,6,dog\n');
  assert.deepEqual(d.sampleShape, [2]);
  assert.deepEqual(d.classes, ['cat', 'dog']);
  assert.deepEqual([...d.train.y], [1, 0, 1]);
  assert.deepEqual([...d.train.x], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(d.featureNames, ['a', 'b']);
  assert.equal(d.task, 'classification');
});

test('the delimiter is detected among comma, semicolon, tab and bar; quoted fields and CRLF are read', () => {
  for (const sep of [',', ';', '\t', '|']) {
    const d = table(['x' + sep + 'y', '1.5' + sep + 'a', '2' + sep + 'b', '3' + sep + 'a'].join('\r\n'));
    assert.deepEqual([...d.train.x], [1.5, 2, 3], `delimiter ${JSON.stringify(sep)}`);
    assert.deepEqual(d.classes, ['a', 'b']);
  }
  const quoted = table('"name, with comma",label\r\n"1","""yes"""\r\n2,"no ""really"""\r\n');
  assert.deepEqual(quoted.featureNames, ['name, with comma']);
  assert.deepEqual(quoted.classes, ['"yes"', 'no "really"'].sort());
});

test('without a header, columns are numbered and a target is chosen by index; numeric labels sort as numbers', () => {
  const d = table('10,1,9\n20,2,10\n30,3,9\n', { target: 0 });
  assert.deepEqual(d.classes, ['10', '20', '30']);
  const e = table('1,9\n2,10\n3,9\n4,100\n');
  assert.deepEqual(e.classes, ['9', '10', '100']);
  assert.deepEqual([...e.train.y], [0, 1, 0, 2]);
});

test('non-numeric feature columns are one-hot encoded with their categories recorded', () => {
  const d = table('colour,size,y\nred,1,a\nblue,2,b\nred,3,a\ngreen,4,b\n');
  assert.deepEqual(d.categorical, [{ name: 'colour', categories: ['blue', 'green', 'red'] }]);
  assert.deepEqual(d.featureNames, ['colour=blue', 'colour=green', 'colour=red', 'size']);
  assert.deepEqual([...d.train.x.subarray(0, 8)], [0, 0, 1, 1, 1, 0, 0, 2]);
});

test('features are chosen or excluded by name or index', () => {
  const text = 'id,a,b,y\n1,2,3,p\n2,5,6,q\n';
  assert.deepEqual(table(text, { exclude: ['id'] }).featureNames, ['a', 'b']);
  assert.deepEqual(table(text, { features: [2, 'a'] }).featureNames, ['b', 'a']);
  assert.deepEqual(table(text, { target: 'a', exclude: [0] }).featureNames, ['b', 'y=p', 'y=q']);
});

test('a continuous target is a regression with task regression or auto, and refused as classes', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `${i},${(i * 0.37).toFixed(2)}`).join('\n');
  const d = table(`x,price\n${rows}`, { task: 'auto' });
  assert.equal(d.task, 'regression');
  assert.deepEqual(d.classes, []);
  assert.ok(Math.abs(d.train.y[3]! - 1.11) < 1e-6);
  const split = withValidationSplit(d, 0.25, 1);
  assert.deepEqual([split.train.count, split.test!.count, split.validationSplit!.stratified], [150, 50, false], 'a regression is shuffled and cut');
  refuses(`x,price\n${rows}`, /t\.csv: target column 'price' has 200 distinct numeric values, not all integers: it looks like a regression target/);
});

test('bad tables are refused in one line naming the file, the row and the column', () => {
  refuses('a,b,y\n1,2,p\n3,q\n', /^t\.csv: row 3 has 2 fields, expected 3 as the header has$/);
  refuses('a,b,y\n1,2,p\n3,,q\n', /^t\.csv: row 3, column 'b': empty cell$/);
  const many = Array.from({ length: 30 }, (_, i) => `${i},1,${i % 2 ? 'p' : 'q'}`).join('\n');
  refuses(`a,b,y\n${many}\nx7,1,p\n`, /^t\.csv: row 32, column 'a': non-numeric value "x7" in a numeric column$/);
  refuses('a,y\n1,p\n2,p\n', /^t\.csv: target column 'y' has one class only \("p"\)/);
  refuses('a,b,y\n1,2,p\n', /^t\.csv: target column 'label' not found; the columns are 'a', 'b', 'y'$/, { target: 'label' });
  const labels = Array.from({ length: 10000 }, (_, i) => `${i % 7},${i}`).join('\n');
  refuses(`a,y\n${labels}`, /target column 'y' has 10000 distinct numeric values: it looks like a regression target, not classes/);
  const names = Array.from({ length: 10000 }, (_, i) => `${i % 7},id${i}`).join('\n');
  refuses(`a,y\n${names}`, /^t\.csv: target column 'y' has 10000 distinct labels, more than the 100 classes a target may have; a column of identifiers or free text is likely the wrong target: name the target column$/);
  assert.throws(() => table(`a,y\n${names}`), (e: Error) => !/regression/.test(e.message), 'text labels are not offered a regression');
  assert.throws(() => parseCsv('', 'empty.csv'), /^DataFileError: empty\.csv: no rows/);
  assert.throws(() => parseCsv('a,b\n"1,2\n', 'q.csv'), /^DataFileError: q\.csv: row \d+: .*quote/i);
});

test('row numbers in errors are the file\'s line numbers: blank lines and quoted line breaks count', () => {
  const lined = (text: string, options: TableOptions = {}) => {
    const { rows, lines } = parseCsv(text, 't.csv');
    return tableDataset(rows, 't.csv', { ...options, lines });
  };
  const refusesLined = (text: string, pattern: RegExp, options: TableOptions = {}) => assert.throws(() => lined(text, options), (e: Error) => e instanceof DataFileError && pattern.test(e.message));
  assert.deepEqual(parseCsv('a,y\n\n1,p\n  \n"x\ny",q\n2,p\n', 't.csv').lines, [1, 3, 5, 7]);
  refusesLined('a,b,y\n1,2,p\n\n3,4,q\n5,,p\n', /^t\.csv: row 5, column 'b': empty cell$/);
  refusesLined('a,b,y\r\n1,2,p\r\n\r\n\r\n3,q\r\n', /^t\.csv: row 5 has 2 fields, expected 3 as the header has$/);
  refusesLined('a,b,y\n"1\n",2,p\n3,x,q\n4,5,p\n6,7,q\n8,9,p\n1,2,q\n3,4,p\n5,6,q\n7,8,p\n9,1,q\n2,3,p\n', /^t\.csv: row 4, column 'b': non-numeric value "x"/);
  refusesLined('x,price\n1,2.5\n\n2,cheap\n', /^t\.csv: row 4, column 'price': non-numeric value "cheap" in a regression target$/, { task: 'regression' });
  const columns = { featureNames: ['a'] };
  refusesLined('a,y\n1,p\n\nz,q\n', /^t\.csv: row 4, column "a": expected a number, found "z"$/, { columns });
  assert.throws(() => parseCsv('a,b\n\n1,2\n"3,4\n', 'q.csv'), /^DataFileError: q\.csv: row 4: .*quote/i);
  assert.deepEqual(parseCsv('a;b\n\n1;2\n', 't.csv').rows, [['a', 'b'], ['1', '2']], 'a blank line does not upset the delimiter');
});

test('the target named among the features or the excluded columns is refused naming it', () => {
  const text = 'CRIM,ZN,MEDV\n1,2,3.5\n4,5,6.5\n';
  refuses(text, /^t\.csv: 'MEDV' is the target column; the features\/exclude lists name feature columns only$/, { features: ['CRIM', 'MEDV'], task: 'regression' });
  refuses(text, /^t\.csv: 'MEDV' is the target column; the features\/exclude lists name feature columns only$/, { exclude: [-1], task: 'regression' });
  refuses('a,b,species\n1,2,p\n3,4,q\n', /^t\.csv: 'species' is the target column/, { exclude: ['species'] });
});

test('a table read as one column (its fields separated by spaces) is refused saying so, with a word on the delimiter', () => {
  refuses('Chins Situps Jumps\n5 162 60\n2 110 60\n', /^t\.csv: one column only \('Chins Situps Jumps'\): a table needs a target and at least one feature column; .*give the delimiter$/);
  refuses('a,b,y\n1,2,p\n3,4,q\n', /^t\.csv: no feature column left besides the target 'y'$/, { exclude: ['a', 'b'] });
});

test('a validation split is seeded, stratified and recorded', () => {
  const rows = Array.from({ length: 100 }, (_, i) => `${i},${i < 80 ? 'a' : 'b'}`).join('\n');
  const d = withValidationSplit(table(`x,y\n${rows}`), 0.25, 7);
  assert.equal(d.test!.count, 25);
  assert.equal(d.train.count, 75);
  assert.equal([...d.test!.y].filter((v) => v === 1).length, 5, 'class b keeps its 20%');
  assert.deepEqual(d.validationSplit, { fraction: 0.25, seed: 7, stratified: true });
  assert.deepEqual([...withValidationSplit(table(`x,y\n${rows}`), 0.25, 7).test!.x], [...d.test!.x], 'same seed, same split');
  const seen = new Set([...d.train.x, ...d.test!.x]);
  assert.equal(seen.size, 100, 'every sample on one side');
});

test('columns recorded at training encode a new table as the training one was: fewer categories, columns in another order, an unknown category refused naming the row and column', () => {
  const trained = table('size,colour,weight,kind\n1,red,2,a\n2,green,3,b\n3,blue,4,a\n4,red,5,b\n');
  assert.deepEqual(trained.featureNames, ['size', 'colour=blue', 'colour=green', 'colour=red', 'weight']);
  const columns = { featureNames: trained.featureNames!, categorical: trained.categorical! };
  // No green row, the columns reordered: the same five features, green's always 0.
  const d = table('weight,colour,size,kind\n7,blue,8,b\n9,red,10,a\n', { columns });
  assert.deepEqual(d.featureNames, trained.featureNames);
  assert.deepEqual(d.categorical, trained.categorical);
  assert.deepEqual(d.sampleShape, [5]);
  assert.deepEqual([...d.train.x], [8, 1, 0, 0, 7, 10, 0, 0, 1, 9]);
  assert.deepEqual(d.classes, ['a', 'b']);
  assert.deepEqual([...d.train.y], [1, 0]);
  // Without the recorded columns the same rows would give four features.
  assert.deepEqual(table('weight,colour,size,kind\n7,blue,8,b\n9,red,10,a\n').sampleShape, [4]);
  refuses('size,colour,weight,kind\n1,red,2,a\n2,purple,3,b\n', /^t\.csv: row 3, column "colour": category "purple" was not seen in training \(known: blue, green, red\)$/, { columns });
  refuses('size,colour,weight,kind\n1,red,x,a\n2,red,3,b\n', /^t\.csv: row 2, column "weight": expected a number, found "x"$/, { columns });
  refuses('size,weight,kind\n1,2,a\n2,3,b\n', /^t\.csv: no column "colour"; the model takes the columns size, colour, \.\.\. \(found size, weight, kind\)$/, { columns });
  refuses('size,colour,kind,weight\n1,red,a,2\n2,red,b,3\n', /^t\.csv: the target column 'weight' is one of the model's feature columns; name the target column$/, { columns });
  assert.deepEqual([...table('size,colour,kind,weight\n1,red,a,2\n2,red,b,3\n', { columns, target: 'kind' }).train.y], [0, 1]);
});
