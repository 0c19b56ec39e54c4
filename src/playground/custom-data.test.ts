/** Own data dropped on the playground: a table, IDX files or images by class (colour kept), and a clear error for anything else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../data/idx.js';
import { DataFileError } from '../errors.js';
import { classOfPath, datasetFromIdxFiles, datasetFromImages, droppedKind, hasColour, inkFromRgba, isTableFile, playgroundDataFromImages, rgbFromRgba, tableFromFile, targetOfText, type DecodedImage } from './custom-data.js';
import { describeData, isOwnData, taskOfData, type PlaygroundData } from './playground-data.js';
import type { PlaygroundTask } from './settings.js';

const images = (n: number, side = 8): Uint8Array => encodeIdx([n, side, side], Uint8Array.from({ length: n * side * side }, (_, i) => i % 251));
const labels = (n: number, k = 3): Uint8Array => encodeIdx([n], Uint8Array.from({ length: n }, (_, i) => i % k));
const rejects = async (p: Promise<unknown> | (() => unknown), message: string | RegExp): Promise<void> => {
  const run = typeof p === 'function' ? Promise.resolve().then(p) : p;
  await assert.rejects(run, (e: Error) => e instanceof DataFileError && (typeof message === 'string' ? e.message === message : message.test(e.message)));
};

test('one IDX images file and its labels become a dataset split by class; a train and a test pair are kept as given', async () => {
  const one = await datasetFromIdxFiles([{ path: 'x-images.gz', bytes: gzipSync(images(50)) }, { path: 'x-labels', bytes: labels(50) }]);
  assert.deepEqual([one.train.count, one.test.count, one.classes, one.train.height], [40, 10, ['0', '1', '2'], 8]);
  const pair = await datasetFromIdxFiles([
    { path: 'd/train-images', bytes: images(30) },
    { path: 'd/t10k-images', bytes: images(12) },
    { path: 'd/train-labels', bytes: labels(30, 4) },
    { path: 'd/t10k-labels', bytes: labels(12, 4) },
  ]);
  assert.deepEqual([pair.train.count, pair.test.count, pair.classes.length], [30, 12, 4]);
});

test('files that are not IDX or images, mixtures, odd counts and mismatched pairs are named', async () => {
  await rejects(() => droppedKind([{ path: 'a/notes.txt', bytes: new TextEncoder().encode('hello') }]), 'a/notes.txt: not an IDX file or an image (PNG, JPEG, GIF, BMP, WebP)');
  await rejects(() => droppedKind([{ path: 'i', bytes: images(2) }, { path: 'p.png', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1) }]), 'own data: give IDX files or images, not both (i is IDX, p.png an image)');
  assert.equal(droppedKind([{ path: 'i.gz', bytes: gzipSync(images(2)) }]), 'idx');
  await rejects(datasetFromIdxFiles([{ path: 'i', bytes: images(5) }]), 'own data: give one IDX images file and one labels file, or a training and a test pair, received 1 images and 0 labels files');
  await rejects(datasetFromIdxFiles([{ path: 'i', bytes: images(5) }, { path: 'l', bytes: labels(4) }]), 'l: 4 labels, but i has 5 images');
  await rejects(datasetFromIdxFiles([{ path: 'broken.gz', bytes: gzipSync(images(5)).subarray(0, 30) }, { path: 'l', bytes: labels(5) }]), /^broken\.gz: truncated gzip data/);
});

test('images are labelled by folder or name prefix, must share one size, and light backgrounds are inverted', () => {
  assert.deepEqual(['digits/7/a.png', '3_x.png', 'cat-1.jpg', 'plain.png'].map(classOfPath), ['7', '3', 'cat', null]);
  const img = (path: string, w = 4, h = 4): DecodedImage => ({ path, width: w, height: h, pixels: new Uint8Array(w * h).fill(9) });
  const all = Array.from({ length: 20 }, (_, i) => img(`set/${i % 2 === 0 ? '10' : '2'}/${i}.png`));
  const d = datasetFromImages(all);
  assert.deepEqual([d.classes, d.train.count, d.test.count, d.train.width], [['2', '10'], 16, 4, 4]);
  assert.throws(() => datasetFromImages([...all, img('set/2/big.png', 5, 4)]), { name: 'DataFileError', message: 'own data: images of mixed sizes: set/10/0.png is 4x4, set/2/big.png is 5x4 (all must have one size)' });
  assert.throws(() => datasetFromImages(all.map((a) => ({ ...a, path: 'x/1/a.png' }))), { message: 'own data: the images are all of one class (1); give at least two' });
  assert.throws(() => datasetFromImages([img('plain.png')]), { message: 'plain.png: no class: put the images in one folder per class (3/a.png) or start their names with the class (3_a.png)' });
  const white = Uint8Array.from({ length: 9 * 4 }, (_, i) => (i % 4 === 3 ? 255 : i < 16 || i >= 20 ? 250 : 10)); // dark centre pixel on white
  assert.deepEqual([...inkFromRgba(white, 3, 3)], [5, 5, 5, 5, 245, 5, 5, 5, 5]);
  const clear = Uint8Array.from({ length: 4 * 4 }, (_, i) => (i === 7 ? 200 : i % 4 === 3 ? 0 : 0));
  assert.deepEqual([...inkFromRgba(clear, 2, 2)], [0, 200, 0, 0]);
});

const IRIS = '/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv';

test('a dropped CSV trains as a table: target the last column by default or the one typed, class names kept, 20% of each class held out', async () => {
  const { readFile } = await import('node:fs/promises');
  const bytes = new Uint8Array(await readFile(IRIS));
  const iris = tableFromFile({ path: 'data/iris.csv', bytes });
  assert.ok(isOwnData(iris));
  assert.deepEqual([iris.name, iris.loaded.sampleShape, iris.loaded.classes, iris.loaded.train.count, iris.loaded.test?.count], ['iris.csv', [4], ['setosa', 'versicolor', 'virginica'], 120, 30]);
  assert.deepEqual([targetOfText(''), targetOfText(' 0 '), targetOfText('-1'), targetOfText('species')], [undefined, 0, -1, 'species']);
  const csv = new TextEncoder().encode(`a,b,kind\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2 ? 'cat' : 'dog'}`).join('\n')}\n`);
  const byName = tableFromFile({ path: 'pets.csv', bytes: csv }, 'b');
  assert.ok(isOwnData(byName));
  assert.deepEqual([byName.loaded.classes, byName.loaded.featureNames], [['0', '1', '2'], ['a', 'kind=cat', 'kind=dog']]);
  assert.throws(() => tableFromFile({ path: 'pets.csv', bytes: csv }, 'colour'), { name: 'DataFileError', message: "pets.csv: target column 'colour' not found; the columns are 'a', 'b', 'kind'" });
  assert.deepEqual(['x.csv', 'y.TSV', 'z.png', 'csv', 'd.csv.gz', 'e.png.gz'].map(isTableFile), [true, true, false, false, true, false]);
});

test('a table is read as its target says: a continuous one as a regression, two classes as yes/no (auto), or the task chosen', () => {
  const rows = (target: (i: number) => string): Uint8Array => new TextEncoder().encode(`a,b,y\n${Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 5},${target(i)}`).join('\n')}\n`);
  const values = rows((i) => (i * 1.5 + 0.25).toFixed(2));
  const yesNo = rows((i) => (i % 3 ? 'yes' : 'no'));
  const three = rows((i) => String(i % 3));
  const read = (bytes: Uint8Array, task?: PlaygroundTask): PlaygroundData => tableFromFile({ path: 't.csv', bytes }, undefined, 42, task);
  assert.deepEqual([taskOfData(read(values)), taskOfData(read(yesNo)), taskOfData(read(three))], ['regression', 'binary', 'multiclass']);
  assert.deepEqual([taskOfData(read(yesNo, 'classification')), taskOfData(read(three, 'regression')), taskOfData(read(yesNo, 'binary'))], ['multiclass', 'regression', 'binary']);
  assert.match(describeData(read(values)), /^t\.csv: 24 training and 6 validation rows of 2 features, a continuous target, trained as a regression \(table t\.csv\)\.$/);
  assert.match(describeData(read(yesNo)), /2 classes \(no, yes; a yes\/no target, trained as binary; table t\.csv\)/);
  assert.throws(() => read(three, 'binary'), { name: 'DataFileError', message: 't.csv: the binary task takes a target of two classes; this one has 3 (0, 1, 2): choose classification' });
  assert.throws(() => read(values, 'classification'), /t\.csv: target column 'y' has 30 distinct numeric values, not all integers: it looks like a regression target/);
  assert.throws(() => read(rows((i) => (i % 2 ? 'x' : 'y')), 'regression'), /row 2, column 'y': non-numeric value "y" in a regression target/);
});

test('colour images stay colour ([height, width, 3], the bytes as decoded); grey ones stay grey ink', () => {
  const rgba = Uint8Array.from({ length: 4 * 4 }, (_, i) => [10, 20, 30, 255][i % 4]!);
  assert.deepEqual(rgbFromRgba(rgba, 2, 2), { rgb: Uint8Array.of(10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30), alpha: false });
  assert.equal(rgbFromRgba(Uint8Array.of(1, 2, 3, 254), 1, 1).alpha, true);
  assert.deepEqual([hasColour(Uint8Array.of(5, 5, 5, 7, 7, 7)), hasColour(Uint8Array.of(5, 5, 5, 7, 8, 7))], [false, true]);
  const img = (i: number, colour: boolean): DecodedImage => {
    const rgb = Uint8Array.from({ length: 4 * 4 * 3 }, (_, k) => (colour ? (k % 3 === i % 2 ? 200 : 10) : 50));
    return { path: `set/${i % 2 === 0 ? 'red' : 'green'}/${i}.png`, width: 4, height: 4, pixels: new Uint8Array(16).fill(9), rgb, alpha: i === 3 };
  };
  const colour = playgroundDataFromImages(Array.from({ length: 20 }, (_, i) => img(i, true)));
  assert.ok(isOwnData(colour));
  const { loaded } = colour;
  assert.deepEqual([loaded.sampleShape, loaded.classes, loaded.train.count, loaded.test?.count, loaded.xScale], [[4, 4, 3], ['green', 'red'], 16, 4, 1 / 255]);
  assert.deepEqual([...loaded.train.x.subarray(0, 3)], loaded.train.y[0] === 1 ? [200, 10, 10] : [10, 200, 10], 'the first pixel keeps its colour');
  assert.deepEqual(loaded.warnings, ['the transparency of 1 images was dropped (e.g. set/green/3.png)']);
  const grey = playgroundDataFromImages(Array.from({ length: 20 }, (_, i) => img(i, false)));
  assert.ok(!isOwnData(grey));
  assert.deepEqual([grey.train.width, grey.train.images[0]], [4, 9]);
});
