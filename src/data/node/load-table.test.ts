import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pythonSkip, runPython } from '../../testing/python-reference.js';
import { loadData } from './load-data.js';

const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
const skip = existsSync(SKLEARN_DATA) ? pythonSkip(['sklearn']) : `${SKLEARN_DATA} not installed (Debian's python3-sklearn)`;

/** scikit-learn's own reading of one of its tables: data, target, target names. */
function sklearnTable(loader: string): { data: number[][]; target: number[]; names: string[]; features: string[] } {
  const script = `import json, sys, sklearn.datasets as d
b = getattr(d, sys.argv[1])()
print(json.dumps({'data': b.data.tolist(), 'target': b.target.tolist(), 'names': list(map(str, b.target_names)), 'features': list(map(str, b.feature_names))}))`;
  return JSON.parse(runPython(['sklearn'], script, [loader]));
}

for (const [file, loader, classes] of [
  ['breast_cancer.csv', 'load_breast_cancer', ['malignant', 'benign']],
  ['wine_data.csv', 'load_wine', ['class_0', 'class_1', 'class_2']],
  ['iris.csv', 'load_iris', ['setosa', 'versicolor', 'virginica']],
] as const) {
  test(`scikit-learn's ${file}, read as it is, equals what scikit-learn's ${loader} reads`, { skip }, async () => {
    const ref = sklearnTable(loader);
    const d = await loadData(join(SKLEARN_DATA, file));
    assert.deepEqual(d.classes, classes);
    assert.deepEqual(d.classes, ref.names);
    assert.equal(d.train.count, ref.data.length);
    assert.deepEqual(d.sampleShape, [ref.data[0]!.length]);
    assert.deepEqual([...d.train.y], ref.target);
    const expected = Float32Array.from(ref.data.flat());
    assert.deepEqual(d.train.x, expected);
    assert.equal(d.test, null);
  });
}

test("scikit-learn's Boston table (a count line, then a quoted header) reads as a regression with task auto", { skip: existsSync(join(SKLEARN_DATA, 'boston_house_prices.csv')) ? false : 'no boston_house_prices.csv' }, async () => {
  const d = await loadData(join(SKLEARN_DATA, 'boston_house_prices.csv'), { task: 'auto' });
  assert.equal(d.task, 'regression');
  assert.equal(d.train.count, 506);
  assert.deepEqual(d.featureNames?.slice(0, 3), ['CRIM', 'ZN', 'INDUS']);
  assert.deepEqual([...d.train.x.subarray(0, 3)], [Math.fround(0.00632), 18, Math.fround(2.31)]);
  assert.equal(d.train.y[0], 24);
});

test('a CSV written by Python with a header and class names as text: the target by name, classes sorted, a stratified validation split', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-table-'));
  try {
    const path = join(dir, 'cancer.csv');
    runPython(['sklearn'], `import csv, sys, sklearn.datasets as d
b = d.load_breast_cancer()
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['diagnosis'] + list(b.feature_names))
    for row, t in zip(b.data, b.target):
        w.writerow([b.target_names[t]] + [repr(float(v)) for v in row])`, [path]);
    const d = await loadData(path, { target: 'diagnosis', valSplit: 0.2, seed: 3 });
    assert.deepEqual(d.classes, ['benign', 'malignant']);
    assert.equal(d.featureNames?.[0], 'mean radius');
    assert.equal(d.train.count + d.test!.count, 569);
    assert.equal(d.test!.count, 114);
    assert.deepEqual(d.validationSplit, { fraction: 0.2, seed: 3, stratified: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadData names the row of a table error by its line in the file, blank lines counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-table-'));
  try {
    const path = join(dir, 'gap.csv');
    writeFileSync(path, 'a,b,kind\n1,2,x\n\n3,4,y\n5,,x\n');
    await assert.rejects(loadData(path), { name: 'DataFileError', message: `${path}: row 5, column 'b': empty cell` });
    writeFileSync(path, 'a,b,kind\n1,2,x\n3,4,kind\n');
    await assert.rejects(loadData(path, { exclude: ['kind'] }), { name: 'DataFileError', message: `${path}: 'kind' is the target column; the features/exclude lists name feature columns only` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('paths are checked: missing, a folder where a table is needed, an unknown file type', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-table-'));
  try {
    await assert.rejects(loadData(join(dir, 'nope.csv')), (e: Error) => e.name === 'DataFileError' && e.message === `${join(dir, 'nope.csv')}: no such file or folder`);
    await assert.rejects(loadData(dir, { kind: 'table' }), { message: `${dir}: is a folder, expected a CSV or TSV file` });
    writeFileSync(join(dir, 'x.xlsx'), 'x');
    await assert.rejects(loadData(join(dir, 'x.xlsx')), /x\.xlsx: unknown data file type/);
    writeFileSync(join(dir, 'ok.tsv'), 'a\tb\n1\tx\n2\ty\n');
    await assert.rejects(loadData(join(dir, 'ok.tsv'), { kind: 'images' }), { message: `${join(dir, 'ok.tsv')}: is a file, expected a folder (one sub-folder of images per class)` });
    assert.deepEqual((await loadData(join(dir, 'ok.tsv'))).classes, ['x', 'y']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("scikit-learn's digits.csv.gz (gzipped, no header) loads as a table equal to what Python's gzip and csv read: 1797 rows, 64 features, 10 classes", { skip: existsSync(join(SKLEARN_DATA, 'digits.csv.gz')) ? pythonSkip([]) : 'no digits.csv.gz' }, async () => {
  const path = join(SKLEARN_DATA, 'digits.csv.gz');
  const ref = JSON.parse(runPython([], `import csv, gzip, json, sys
with gzip.open(sys.argv[1], 'rt') as f:
    rows = [[float(v) for v in r] for r in csv.reader(f) if r]
print(json.dumps({'x': [r[:-1] for r in rows], 'y': [int(r[-1]) for r in rows]}))`, [path])) as { x: number[][]; y: number[] };
  const d = await loadData(path);
  assert.equal(d.train.count, 1797);
  assert.deepEqual(d.sampleShape, [64]);
  assert.deepEqual(d.classes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(ref.x.length, 1797);
  assert.deepEqual(d.train.x, Float32Array.from(ref.x.flat()));
  assert.deepEqual([...d.train.y], ref.y);
});

test('a .tsv.gz reads with tabs, as its .tsv does; a gzipped table that inflates past maxBytes (a gzip bomb) or is truncated is refused in one line naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-table-gz-'));
  try {
    const text = 'a\tb\tkind\n1\t2\tx\n3\t4\ty\n5\t6\tx\n';
    writeFileSync(join(dir, 't.tsv'), text);
    writeFileSync(join(dir, 't.tsv.gz'), gzipSync(text));
    const plain = await loadData(join(dir, 't.tsv'));
    const gz = await loadData(join(dir, 't.tsv.gz'));
    assert.deepEqual(gz.train, plain.train);
    assert.deepEqual(gz.featureNames, ['a', 'b']);

    // 64 MiB of a repeated row squeezed into a few hundred kilobytes, read with a ceiling of 1 MiB.
    const bomb = join(dir, 'bomb.csv.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(64 * 2 ** 20, '1,2,x\n')));
    await assert.rejects(loadData(bomb, { maxBytes: 2 ** 20 }), (e: Error) => {
      assert.equal(e.name, 'DataFileError');
      assert.ok(e.message.startsWith(`${bomb}: `), e.message);
      assert.match(e.message, /: gzip data inflates to more than the limit of 1048576 bytes \(stopped at \d+\): refused \(the loader's maxBytes option\)$/);
      assert.ok(Number(/stopped at (\d+)/.exec(e.message)![1]) < 20 * 2 ** 20, 'stops within a slice of the ceiling');
      return true;
    });
    const truncated = join(dir, 'cut.csv.gz');
    const whole = gzipSync(text.repeat(50));
    writeFileSync(truncated, whole.subarray(0, whole.length - 20));
    await assert.rejects(loadData(truncated), (e: Error) => e.name === 'DataFileError' && e.message.startsWith(`${truncated}: `) && /gzip data/.test(e.message) && !e.message.includes('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
