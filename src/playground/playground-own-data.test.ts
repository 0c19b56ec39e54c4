/**
 * The user's own data in the playground, in headless Chromium: colour PNGs dropped on the page
 * train in colour (the convnet's input is [height, width, 3]) and show in colour; a dropped CSV
 * (scikit-learn's iris table) trains as a table; the class names fill the prediction panel; the
 * drawing pad is offered for digit data only. A picked folder of real Fashion-MNIST PNGs with
 * train/ and test/ validates on its test split; an .npz trains; a table with a text column is
 * one-hot encoded, as a CSV and as a TSV; results.json records the data as `compare --data` does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fashionFolderName, skipWithoutFashion, writeFashionFolder } from '../testing/fashion-folder.js';
import { pythonSkip, runPython } from '../testing/python-reference.js';
import { loadData } from '../data/node/load-data.js';
import { loadedDataDigest } from '../data/loaded-data-record.js';
import { buildReportHtml } from '../report/index.js';
import type { ExperimentResults } from '../experiments/results.js';
import type { Page } from 'playwright-core';
import { openPlaygroundPage } from '../testing/playground-page.js';
import { skipWithoutChromium } from '../testing/chromium.js';
import { encodePng } from '../data/encode-png.js';

const IRIS = '/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv';

const stateIs = async (page: Page, states: string[], timeout = 180_000): Promise<string> => {
  await page.waitForFunction((s) => s.includes((globalThis as any).document.body.dataset.state), states, { timeout });
  return (await page.evaluate('document.body.dataset.state')) as string;
};
const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).textContent()) ?? '';

/** A 12x12 colour image of its class: mostly red or mostly blue, with a little variation. */
function colourPng(cls: 'red' | 'blue', i: number): Uint8Array {
  const px = new Uint8Array(12 * 12 * 3);
  for (let p = 0; p < 144; p++) {
    const v = 150 + ((p * 7 + i * 13) % 100);
    px.set(cls === 'red' ? [v, 30, 40] : [20, 60, v], 3 * p);
  }
  return encodePng(px, 12, 12, 3);
}

/** Drops files (name and bytes) on the page's body as a person drags them in. */
async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array; type: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new (globalThis as any).DataTransfer();
    for (const f of list) dt.items.add(new (globalThis as any).File([Uint8Array.from(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, files.map((f) => ({ name: f.name, bytes: Array.from(f.bytes), type: f.type })));
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
}

/** Whether some pixel of a canvas has channels that differ. */
const canvasHasColour = (page: Page, id: string): Promise<boolean> =>
  page.evaluate((canvasId) => {
    const c = (globalThis as any).document.getElementById(canvasId);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data as Uint8ClampedArray;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return true;
    return false;
  }, id);

test('colour PNGs and a CSV dropped on the playground train as they are, with class names shown and no drawing pad', { skip: skipWithoutChromium, timeout: 300_000 }, async (t) => {
  const { page, problems } = await openPlaygroundPage(t);
  assert.equal(await stateIs(page, ['ready']), 'ready');
  assert.equal(await page.evaluate('document.body.dataset.draw'), 'digit', 'mnist-mini: a digit can be drawn');
  assert.equal(await page.isVisible('#pad'), true);

  // Colour images, dropped: 15 of each class, named by class.
  const images = (['red', 'blue'] as const).flatMap((cls) => Array.from({ length: 15 }, (_, i) => ({ name: `${cls}_${i}.png`, bytes: colourPng(cls, i), type: 'image/png' })));
  await dropFiles(page, images);
  await page.waitForFunction(() => /^own images/.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '#data-status'), /^own images: 24 training and 6 validation images of 12x12 in colour, 2 classes \(blue, red; /);
  assert.equal(await page.evaluate('document.body.dataset.draw'), 'images');
  assert.equal(await page.isHidden('#pad'), true, 'no drawing pad for own images');
  assert.equal(await text(page, '#draw-title'), '4. Try the models on validation images');
  await page.selectOption('#model', 'convnet');
  await page.fill('#epochs', '2');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const colour = (await page.evaluate('window.noisenetResult')) as { config: { data?: unknown }; dataset: { classes: string[]; inputSize: number; data: { kind: string; sampleShape: number[]; trainCount: number } }; runs: { model: { layers: { className: string; config: { shape?: number[] } }[] } }[] };
  assert.deepEqual([colour.dataset.classes, colour.dataset.inputSize, colour.runs.length], [['blue', 'red'], 12 * 12 * 3, 2]);
  assert.deepEqual([colour.dataset.data.kind, colour.dataset.data.sampleShape, colour.dataset.data.trainCount, colour.config.data], ['images', [12, 12, 3], 24, undefined], 'recorded; loose files have no path to rerun from');
  assert.deepEqual(colour.runs[0]!.model.layers[0]!.config.shape, [12, 12, 3], 'the model takes colour images');
  assert.equal(await canvasHasColour(page, 'seen-baseline'), true, 'the images the networks saw are drawn in colour');
  await page.click('#sample');
  await page.waitForFunction(() => /validation image 1,/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.equal(await canvasHasColour(page, 'sample-image'), true, 'the validation image is shown in colour');
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), ['blue', 'red']);

  // Colour images in class folders with train/ and test/, picked: read as the command reads the folder, shown in colour.
  const folder = await mkdtemp(join(tmpdir(), 'noisenet-play-colour-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  for (const [split, count] of [['train', 10], ['test', 4]] as const) {
    for (const cls of ['red', 'blue'] as const) {
      await mkdir(join(folder, 'colours', split, cls), { recursive: true });
      for (let i = 0; i < count; i++) await writeFile(join(folder, 'colours', split, cls, `${i}.png`), colourPng(cls, i + (split === 'test' ? 50 : 0)));
    }
  }
  await page.selectOption('#model', 'mlp');
  await page.setInputFiles('#own-folder', join(folder, 'colours'));
  await page.waitForFunction(() => /^own images: 20 /.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '#data-status'), /^own images: 20 training and 8 validation images of 12x12 in colour, 2 classes \(blue, red; images colours\)\..*validated on its own test split\.$/);
  await page.fill('#trainSize', '20');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const folderRun = (await page.evaluate('window.noisenetResult')) as { dataset: { inputSize: number; data: { sampleShape: number[] } } };
  assert.deepEqual([folderRun.dataset.inputSize, folderRun.dataset.data.sampleShape], [12 * 12 * 3, [12, 12, 3]]);
  assert.equal(await canvasHasColour(page, 'seen-noisy'), true, 'the images the networks saw are drawn in colour');
  await page.click('#sample');
  await page.waitForFunction(() => /validation image 1,/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.equal(await canvasHasColour(page, 'sample-image'), true, 'the validation image is shown in colour');

  // scikit-learn's iris table, dropped: the last column is the target, its class names shown.
  await page.selectOption('#model', 'mlp');
  await page.fill('#trainSize', '1000');
  await dropFiles(page, [{ name: 'iris.csv', bytes: new Uint8Array(await readFile(IRIS)), type: 'text/csv' }]);
  await page.waitForFunction(() => /^iris\.csv/.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '#data-status'), /^iris\.csv: 120 training and 30 validation rows of 4 features, 3 classes \(setosa, versicolor, virginica; /);
  assert.equal(await page.evaluate('document.body.dataset.draw'), 'table');
  assert.equal(await page.isHidden('#pad'), true, 'no drawing pad for a table');
  assert.equal(await page.inputValue('#trainSize'), '120', 'the training size is cut to the table');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const table = (await page.evaluate('window.noisenetResult')) as { dataset: { classes: string[]; inputSize: number }; runs: { history: Record<string, number[]>; model: { layers: { className: string }[] } }[] };
  assert.deepEqual([table.dataset.classes, table.dataset.inputSize], [['setosa', 'versicolor', 'virginica'], 4]);
  assert.ok(table.runs[0]!.model.layers.some((l) => l.className === 'Normalization'), 'the features are standardised by the model');
  assert.equal(table.runs[0]!.history['loss']!.length, 2);
  await page.click('#sample');
  await page.waitForFunction(() => /validation row 1,/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), ['setosa', 'versicolor', 'virginica']);
  assert.match(await text(page, '#sample-row'), /^column 0 [\d.]+, column 1 [\d.]+, column 2 [\d.]+, column 3 [\d.]+$/, 'the row tried is shown');
  assert.deepEqual(problems, []);
});

/** Clicks "Download results.json" and reads the file the page gave. */
async function downloadResults(page: Page, dir: string): Promise<ExperimentResults> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-results')]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return JSON.parse(await readFile(path, 'utf8')) as ExperimentResults;
}

test('a picked folder of real Fashion-MNIST PNGs with train/ and test/ validates on its test split with the folder names as classes; an .npz trains; results.json records the data', { skip: skipWithoutChromium || skipWithoutFashion || pythonSkip(['numpy']), timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-play-own-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const fashion = join(dir, 'fashion');
  const { labels } = await writeFashionFolder(fashion, 200, 100);
  const names = [...new Set(labels)].map(fashionFolderName).sort();
  const { page, problems } = await openPlaygroundPage(t);
  assert.equal(await stateIs(page, ['ready']), 'ready');

  await page.selectOption('#dataset', 'custom');
  await page.setInputFiles('#own-folder', fashion);
  await page.waitForFunction(() => /^own images/.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  const status = await text(page, '#data-status');
  assert.match(status, /^own images: 200 training and 100 validation images of 28x28, 10 classes \(Ankle boot, Bag, Coat, Dress, Pullover, Sandal, Shirt, Sneaker, T-shirt-top, Trouser; images fashion\)\./);
  assert.match(status, /validated on its own test split\.$/, 'the test/ folder validates, no split is made');
  assert.equal(await page.evaluate('document.body.dataset.draw'), 'images');
  assert.equal(await page.isHidden('#pad'), true, 'no drawing pad for clothes');
  await page.fill('#trainSize', '200');
  await page.fill('#epochs', '2');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const result = (await page.evaluate('window.noisenetResult')) as ExperimentResults;
  assert.deepEqual([result.dataset.classes, result.dataset.trainCount, result.dataset.validationCount, result.dataset.inputSize], [names, 200, 100, 784]);
  await page.click('#sample');
  await page.waitForFunction(() => /validation image 1, class /.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.match(await text(page, '#probabilities caption'), new RegExp(`validation image 1, class (${names.join('|')})\\)$`));
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), names);

  // results.json, downloaded: the data recorded as noisenet compare --data records it, with its kind, counts and SHA-256.
  const sha256 = await loadedDataDigest(await loadData(fashion));
  const file = await downloadResults(page, dir);
  assert.deepEqual([file.config.dataset, file.config.data], ['own', { path: 'fashion' }]);
  const record = file.dataset.data!;
  assert.deepEqual([record.kind, record.sampleShape, record.classes, record.trainCount, record.testCount, record.validationSplit, record.sha256], ['images', [28, 28, 1], names, 200, 100, undefined, sha256]);
  const html = await buildReportHtml(file);
  assert.ok(html.includes(`sha256 ${sha256}`) && html.includes('10 classes (Ankle boot, Bag'), 'the report names the data');

  // An .npz written by NumPy (byte images, no test split): 20% of each class held out, as --val-split 0.2 does.
  const npz = join(dir, 'clothes.npz');
  runPython(['numpy'], `
import sys, gzip, numpy as np
raw = gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz').read()[16:16 + 100 * 784]
y = np.frombuffer(gzip.open('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz').read()[8:8 + 100], dtype=np.uint8).astype(np.int64)
np.savez_compressed(sys.argv[1], x_train=np.frombuffer(raw, dtype=np.uint8).reshape(100, 28, 28), y_train=y)
`, [npz]);
  await page.setInputFiles('#own-files', npz);
  await page.waitForFunction(() => /^clothes\.npz/.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '#data-status'), /^clothes\.npz: 80 training and 20 validation images of 28x28, 10 classes \(0, 1, 2, 3, 4, 5, 6, 7, 8, 9; arrays clothes\.npz/);
  assert.equal(await page.inputValue('#trainSize'), '80');
  await page.fill('#epochs', '1');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const arrays = await downloadResults(page, dir);
  const cli = await loadData(npz, { valSplit: 0.2, seed: 42 });
  assert.equal(arrays.dataset.data?.sha256, await loadedDataDigest(cli));
  assert.deepEqual([arrays.config.data, arrays.dataset.data?.kind, arrays.dataset.data?.validationSplit], [{ path: 'clothes.npz', valSplit: 0.2 }, 'arrays', { fraction: 0.2, seed: 42, stratified: true }]);
  assert.deepEqual(problems, []);
});

test('a table with a text feature and text classes is one-hot encoded as the command encodes it, as a CSV and as a TSV', { skip: skipWithoutChromium, timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-play-table-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const colours = ['red', 'green', 'blue'];
  const kinds = ['cat', 'dog', 'fish'];
  const rows = Array.from({ length: 30 }, (_, i) => [String(1 + (i % 7) * 0.5), colours[(i * 2) % 3]!, kinds[i % 3]!]);
  const csv = `weight,colour,kind\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  await writeFile(join(dir, 'pets.csv'), csv);
  const { page, problems } = await openPlaygroundPage(t);
  assert.equal(await stateIs(page, ['ready']), 'ready');
  await page.fill('#trainSize', '1000');
  await dropFiles(page, [{ name: 'pets.csv', bytes: new TextEncoder().encode(csv), type: 'text/csv' }]);
  await page.waitForFunction(() => /^pets\.csv/.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '#data-status'), /^pets\.csv: 24 training and 6 validation rows of 4 features, 3 classes \(cat, dog, fish; table pets\.csv\)\.$/);
  await page.fill('#epochs', '2');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const result = (await page.evaluate('window.noisenetResult')) as ExperimentResults;
  const cli = await loadData(join(dir, 'pets.csv'), { valSplit: 0.2, seed: 42 });
  assert.deepEqual(cli.featureNames, ['weight', 'colour=blue', 'colour=green', 'colour=red']);
  assert.deepEqual([result.dataset.classes, result.dataset.inputSize, result.dataset.data?.featureNames, result.dataset.data?.categorical, result.dataset.data?.sha256], [kinds, 4, cli.featureNames, [{ name: 'colour', categories: ['blue', 'green', 'red'] }], await loadedDataDigest(cli)]);
  await page.click('#sample');
  await page.waitForFunction(() => /validation row 1, class /.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.match(await text(page, '#sample-row'), /^weight [\d.]+, colour=blue [01], colour=green [01], colour=red [01]$/, 'the row tried, its one-hot columns named');
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), kinds);

  // The same table tab-separated (.tsv): the same data.
  await dropFiles(page, [{ name: 'pets.tsv', bytes: new TextEncoder().encode(csv.replace(/,/g, '\t')), type: 'text/tab-separated-values' }]);
  await page.waitForFunction(() => /^pets\.tsv/.test((globalThis as any).document.getElementById('data-status').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '#data-status'), /^pets\.tsv: 24 training and 6 validation rows of 4 features, 3 classes \(cat, dog, fish; table pets\.tsv\)\.$/);
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const tsv = (await page.evaluate('window.noisenetResult')) as ExperimentResults;
  assert.deepEqual([tsv.dataset.data?.featureNames, tsv.dataset.data?.sha256, tsv.config.data], [cli.featureNames, await loadedDataDigest(cli), { path: 'pets.tsv', valSplit: 0.2, task: 'classification' }]);
  assert.deepEqual(problems, []);
});
