/**
 * The user's own data in the playground, in headless Chromium: colour PNGs dropped on the page
 * train in colour (the convnet's input is [height, width, 3]) and show in colour; a dropped CSV
 * (scikit-learn's iris table) trains as a table; the class names fill the prediction panel; the
 * drawing pad is offered for digit data only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { startPlayground } from './node/playground-server.js';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.js';
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
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  await page.goto(server.url);
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
  const colour = (await page.evaluate('window.noisenetResult')) as { dataset: { classes: string[]; inputSize: number }; runs: { model: { layers: { className: string; config: { shape?: number[] } }[] } }[] };
  assert.deepEqual([colour.dataset.classes, colour.dataset.inputSize, colour.runs.length], [['blue', 'red'], 12 * 12 * 3, 2]);
  assert.deepEqual(colour.runs[0]!.model.layers[0]!.config.shape, [12, 12, 3], 'the model takes colour images');
  assert.equal(await canvasHasColour(page, 'seen-baseline'), true, 'the images the networks saw are drawn in colour');
  await page.click('#sample');
  await page.waitForFunction(() => /validation image 1,/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.equal(await canvasHasColour(page, 'sample-image'), true, 'the validation image is shown in colour');
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), ['blue', 'red']);

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
