/** Own data dropped on the playground: a table, IDX files or images by class (colour kept), and a clear error for anything else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../data/idx.js';
import { DataFileError } from '../errors.js';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { arraysFromFile, classOfPath, datasetFromIdxFiles, datasetFromImages, droppedKind, hasColour, imageFolderFromDropped, imageFoldersOfDropped, inkFromRgba, isImageFolder, isTableFile, playgroundDataFromImages, rgbFromRgba, tableFromFile, targetOfText, type DecodedImage, type DroppedSource } from './custom-data.js';
import { loadData } from '../data/node/load-data.js';
import { loadedDataDigest } from '../data/loaded-data-record.js';
import { fashionFolderName, skipWithoutFashion, writeFashionFolder } from '../testing/fashion-folder.js';
import { ownDataOfPage, playgroundConfig } from './session.js';
import { pythonSkip, runPython } from '../testing/python-reference.js';
import { DEFAULT_SETTINGS } from './settings.js';
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
  // Rows are numbered as the file's lines, blank lines counted.
  const blank = new TextEncoder().encode('a,b,y\n1,2,x\n\n3,,y\n');
  assert.throws(() => read(blank), { name: 'DataFileError', message: "t.csv: row 4, column 'b': empty cell" });
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

test('loose images and IDX files given on the page are recorded (kind, shape, classes, counts, SHA-256) without a data path the command could read; the built-in datasets are not', async () => {
  const img = (i: number): DecodedImage => ({ path: `${i % 2 ? 'cat' : 'dog'}_${i}.png`, width: 4, height: 4, pixels: new Uint8Array(16).fill(i) });
  const grey = playgroundDataFromImages(Array.from({ length: 20 }, (_, i) => img(i)));
  const own = await ownDataOfPage(grey);
  assert.equal(own.data, undefined);
  assert.deepEqual([own.record?.kind, own.record?.sampleShape, own.record?.classes, own.record?.trainCount, own.record?.testCount], ['images', [4, 4, 1], ['cat', 'dog'], 16, 4]);
  assert.match(own.record?.sha256 ?? '', /^[0-9a-f]{64}$/);
  const idx = await ownDataOfPage(await datasetFromIdxFiles([{ path: 'x-images', bytes: images(50) }, { path: 'x-labels', bytes: labels(50) }]));
  assert.deepEqual([idx.data, idx.record?.kind, idx.record?.trainCount], [undefined, 'idx', 40]);
  assert.deepEqual(await ownDataOfPage({ ...grey, name: 'mnist-mini' } as PlaygroundData), {});
});

/** The files under `dir`, as a page gets them when the folder is dropped: paths from the folder's own name. */
async function droppedFolder(dir: string): Promise<DroppedSource[]> {
  const out: DroppedSource[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const e of await readdir(at, { withFileTypes: true })) {
      const full = join(at, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push({ path: relative(join(dir, '..'), full), read: () => readFile(full) });
    }
  };
  await walk(dir);
  return out;
}

test('a dropped folder of class folders is read as --data DIR reads it: its test/ split validates, the folder names are the classes, the same SHA-256', { skip: skipWithoutFashion }, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-play-folder-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'fashion');
  const { labels } = await writeFashionFolder(dir, 200, 100);
  const dropped = await droppedFolder(dir);
  assert.equal(isImageFolder(dropped.map((f) => f.path)), true);
  const page = await imageFolderFromDropped(dropped);
  assert.ok(isOwnData(page));
  const cli = await loadData(dir);
  const names = [...new Set(labels)].map(fashionFolderName).sort();
  assert.deepEqual([page.loaded.classes, page.loaded.sampleShape, page.loaded.train.count, page.loaded.test?.count, page.loaded.validationSplit], [names, [28, 28, 1], 200, 100, undefined]);
  assert.equal(await loadedDataDigest(page.loaded), await loadedDataDigest(cli), 'the same pixels and labels as the command reads');
  assert.match(describeData(page), /^own images: 200 training and 100 validation images of 28x28, 10 classes \(Ankle boot, Bag, Coat, .*; images fashion\)\. .*validated on its own test split\.$/);
  const own = await ownDataOfPage(page);
  assert.deepEqual([own.data, own.record?.sha256], [{ path: 'fashion' }, await loadedDataDigest(cli)]);
  assert.deepEqual([own.record?.kind, own.record?.classes, own.record?.trainCount, own.record?.testCount], ['images', names, 200, 100]);
  const config = playgroundConfig({ ...DEFAULT_SETTINGS, trainSize: 100 }, page.name, { train: 200, validation: 100 }, 'multiclass', own.data);
  assert.deepEqual([config.dataset, config.data], ['own', own.data], 'recorded as noisenet compare --data records it');
});

test('a table and class folders without a test split hold out 20% as --val-split 0.2 does (seed 42): the same SHA-256 as the command', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-play-split-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const iris = tableFromFile({ path: 'iris.csv', bytes: new Uint8Array(await readFile(IRIS)) });
  assert.ok(isOwnData(iris));
  const cli = await loadData(IRIS, { valSplit: 0.2, seed: 42 });
  assert.equal(await loadedDataDigest(iris.loaded), await loadedDataDigest(cli));
  assert.deepEqual((await ownDataOfPage(iris)).data, { path: 'iris.csv', valSplit: 0.2, task: 'classification' });
  const { writeFile, mkdir } = await import('node:fs/promises');
  const { encodePng } = await import('../data/encode-png.js');
  for (const cls of ['blue', 'red']) {
    await mkdir(join(root, 'colours', cls), { recursive: true });
    for (let i = 0; i < 10; i++) await writeFile(join(root, 'colours', cls, `${i}.png`), encodePng(Uint8Array.from({ length: 4 * 4 * 3 }, (_, k) => (k * 7 + i * (cls === 'red' ? 3 : 5)) % 256), 4, 4, 3));
  }
  const page = await imageFolderFromDropped(await droppedFolder(join(root, 'colours')));
  assert.ok(isOwnData(page));
  assert.deepEqual([page.loaded.sampleShape, page.loaded.train.count, page.loaded.test?.count], [[4, 4, 3], 16, 4]);
  assert.equal(await loadedDataDigest(page.loaded), await loadedDataDigest(await loadData(join(root, 'colours'), { valSplit: 0.2, seed: 42 })));
  // A grey image among colour ones: read in colour, as --channels 3 reads the folder, said and recorded.
  const { grayPng } = await import('../testing/png.js');
  await writeFile(join(root, 'colours', 'red', '9.png'), grayPng(4, 4, new Uint8Array(16).fill(77)));
  await assert.rejects(loadData(join(root, 'colours'), { valSplit: 0.2, seed: 42 }), /mixed channel counts/);
  const mixed = await imageFolderFromDropped(await droppedFolder(join(root, 'colours')));
  assert.ok(isOwnData(mixed));
  assert.deepEqual([mixed.loaded.sampleShape, mixed.channels, mixed.loaded.preprocessing], [[4, 4, 3], 3, ['pixels read as value / 255', '1 image converted to RGB (grey repeated)']]);
  assert.equal(await loadedDataDigest(mixed.loaded), await loadedDataDigest(await loadData(join(root, 'colours'), { channels: 3, valSplit: 0.2, seed: 42 })));
  assert.deepEqual((await ownDataOfPage(mixed)).data, { path: 'colours', channels: 3, valSplit: 0.2 });
});

test('dropped image paths are class folders, with train/ and test/ or not, under one top folder or not; other layouts are named', () => {
  const src = (path: string): DroppedSource => ({ path, read: async () => new Uint8Array(0) });
  const shape = (paths: string[]): unknown => {
    const { folders, top } = imageFoldersOfDropped(paths.map(src));
    return [top, folders.map((f) => `${f.split} ${f.name} ${f.path} ${f.files.map((x) => x.name).join(',')}`)];
  };
  assert.deepEqual(shape(['cat/a.png', 'dog/b.png', 'cat/c.png']), ['', ['train cat cat a.png,c.png', 'train dog dog b.png']]);
  assert.deepEqual(shape(['pets/cat/a.png', 'pets/dog/b.png']), ['pets', ['train cat pets/cat a.png', 'train dog pets/dog b.png']]);
  assert.deepEqual(shape(['p/train/cat/a.png', 'p/test/cat/b.png', 'p/train/dog/c.png', 'p/validation/dog/d.png']), ['p', ['train cat p/train/cat a.png', 'test cat p/test/cat b.png', 'train dog p/train/dog c.png', 'test dog p/validation/dog d.png']]);
  assert.deepEqual(shape(['train/cat/a.png', 'test/cat/b.png']), ['', ['train cat train/cat a.png', 'test cat test/cat b.png']]);
  assert.throws(() => imageFoldersOfDropped(['p/test/cat/a.png', 'p/test/dog/b.png'].map(src)), { name: 'DataFileError', message: 'p/test: a test/ folder of class folders but no train/ folder beside it: give train/<class>/ images too, or the class folders of test/ alone' });
  assert.throws(() => imageFoldersOfDropped(['p/train/cat/a.png', 'p/notes/x.png'].map(src)), { name: 'DataFileError', message: 'p/notes/x.png: expected p/train/<class>/<image> or p/test/<class>/<image>: one folder per class' });
  assert.throws(() => imageFoldersOfDropped(['p/cat/a.png', 'p/cat/deeper/b.png'].map(src)), { name: 'DataFileError', message: 'p/cat/deeper/b.png: expected p/<class>/<image>: one folder per class' });
  assert.deepEqual([isImageFolder(['a/b.png']), isImageFolder(['b.png', 'a/c.png']), isImageFolder(['mnist/train-images-idx3-ubyte.gz'])], [true, false, false]);
});

test('an .npz written by NumPy is read as --data FILE.npz reads it: byte images, feature rows with a continuous target, and other shapes refused by name', { skip: pythonSkip(['numpy']) }, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-play-npz-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  runPython(['numpy'], `
import sys, numpy as np
r = np.random.default_rng(1)
d = sys.argv[1]
np.savez(d + '/images.npz', x_train=r.integers(0, 256, (30, 5, 5), dtype=np.uint8), y_train=np.arange(30) % 3)
np.savez_compressed(d + '/rows.npz', x_train=r.normal(size=(40, 3)).astype(np.float32), y_train=r.normal(size=40), x_test=r.normal(size=(10, 3)).astype(np.float32), y_test=r.normal(size=10))
np.savez(d + '/odd.npz', x_train=r.normal(size=(20, 4, 4)).astype(np.float32), y_train=np.arange(20) % 2)
`, [root]);
  const read = async (name: string): Promise<PlaygroundData> => arraysFromFile({ path: `some/${name}`, bytes: new Uint8Array(await readFile(join(root, name))) });
  const images = await read('images.npz');
  assert.ok(isOwnData(images));
  assert.deepEqual([images.name, images.path, images.loaded.kind, images.loaded.sampleShape, images.loaded.classes, images.loaded.train.count, images.loaded.test?.count], ['images.npz', 'images.npz', 'arrays', [5, 5, 1], ['0', '1', '2'], 24, 6]);
  assert.equal(await loadedDataDigest(images.loaded), await loadedDataDigest(await loadData(join(root, 'images.npz'), { valSplit: 0.2, seed: 42 })));
  const rows = await read('rows.npz');
  assert.deepEqual([taskOfData(rows), isOwnData(rows) && rows.loaded.sampleShape, isOwnData(rows) && rows.loaded.test?.count], ['regression', [3], 10]);
  await rejects(read('odd.npz'), 'odd.npz: samples of shape [4, 4]: the playground takes feature rows [count, features], byte images [count, height, width] or images [count, height, width, channels]');
});
