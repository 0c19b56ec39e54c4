/**
 * The playground with what goes wrong, in headless Chromium: a server without the isolation
 * headers (one thread, said plainly), a link with unknown and out-of-range settings, dropped
 * files that are not data, images of mixed sizes, a model of another architecture, a folder of one
 * class, an undecodable image, a ragged table and an empty file. Each gets a
 * message naming the problem, and the page stays usable with nothing half-applied.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startPlayground } from './node/playground-server.js';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.js';
import { grayPng } from '../testing/png.js';
import { buildModel } from '../models/model-spec.js';
import { MODEL_PRESETS, presetSpec } from '../models/presets.js';
import { modelArtifacts } from '../io/model-artifacts.js';
import { modelNames } from './settings.js';

const stateIs = async (page: Page, states: string[], timeout = 180_000): Promise<string> => {
  await page.waitForFunction((s) => s.includes((globalThis as any).document.body.dataset.state), states, { timeout });
  return (await page.evaluate('document.body.dataset.state')) as string;
};
const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).textContent()) ?? '';

/** A 28x28 digit-like image: a bar whose position depends on the class. */
function digitPng(cls: number, i: number, side = 28): Uint8Array {
  const px = new Uint8Array(side * side);
  for (let y = 4; y < side - 4; y++) for (let x = 0; x < 3; x++) px[y * side + ((cls * 5 + x + (i % 3)) % side)] = 255;
  return grayPng(side, side, px);
}

test('without the isolation headers the page trains on one thread and says why', { skip: skipWithoutChromium, timeout: 240_000 }, async (t) => {
  const requests: string[] = [];
  const server = await startPlayground({ isolation: false, fashionDir: null, onRequest: (method, path) => void requests.push(`${method} ${path}`) });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(m.text()) : undefined));
  await page.goto(`${server.url}#train=300&epochs=1&autorun=1`);
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  assert.equal(await page.evaluate('crossOriginIsolated'), false);
  assert.equal(await page.evaluate('window.noisenetPlatform.threads'), 1);
  assert.match(await text(page, '#threads'), /^Training runs on one thread: the page is not cross-origin isolated, so it has no shared memory for threads \(its server must send Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp\)\.$/);
  assert.ok(requests.includes('GET /kernels-unshared.wasm'));
  assert.deepEqual(problems, []);
});

test('bad links, files and models get a message naming the problem; the page stays usable and nothing is half-applied', { skip: skipWithoutChromium, timeout: 300_000 }, async (t) => {
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-own-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const page = await browser.newPage();
  await page.goto(`${server.url}#epochs=1000&colour=red&noise=gaussian:stddev=0.2`);
  assert.equal(await stateIs(page, ['ready']), 'ready');
  const message = await text(page, '#message');
  assert.match(message, /^The link's settings were not used: settings: unknown setting 'colour' \(known: .+\); epochs must be an integer from 1 to 200, received 1000\. The defaults are shown instead\.$/);
  assert.equal(await page.inputValue('#epochs'), '20', 'the defaults, all of them');
  assert.equal(await page.inputValue('#noise-1-stddev'), '0.3', 'not the link\'s noise either');
  assert.equal(await page.isEnabled('#train'), true);
  assert.deepEqual(await page.locator('#model option').evaluateAll((os) => os.map((o) => (o as any).value)), modelNames(), 'every preset is offered, the convnet too');
  // The menu shows names only (long labels are cut on a phone); the chosen preset's layers are spelled out under it.
  assert.equal(await text(page, '#model-note'), MODEL_PRESETS['mlp']!.summary);
  await page.selectOption('#model', 'convnet');
  assert.equal(await text(page, '#model-note'), MODEL_PRESETS['convnet']!.summary);
  await page.selectOption('#model', 'mlp');

  // A good link opened in the same tab (only the hash changes): its settings are shown, as in a new page.
  await page.goto(`${server.url}#train=1000&epochs=3&seed=7&noise=dropout:rate=0.25@hidden`);
  await page.waitForFunction(() => (globalThis as any).document.getElementById('epochs')?.value === '3', null, { timeout: 30_000 });
  assert.equal(await stateIs(page, ['ready']), 'ready');
  assert.deepEqual([await page.inputValue('#trainSize'), await page.inputValue('#seed'), await page.inputValue('#noise-1-rate')], ['1000', '7', '0.25']);
  assert.equal(await page.isHidden('#message'), true, 'the earlier link\'s message is gone');
  const mnistStatus = await text(page, '#data-status');
  assert.match(mnistStatus, /^mnist-mini: 8000 training and 2000 validation images of 28x28, 10 classes/);

  // Files that are not data, picked and dropped.
  await page.selectOption('#dataset', 'custom');
  await page.setInputFiles('#own-files', [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not data') }]);
  await page.waitForFunction(() => /notes\.txt/.test((globalThis as any).document.getElementById('message').textContent));
  assert.equal(await text(page, '#message'), 'Your files cannot be used: notes.txt: not an IDX file or an image (PNG, JPEG, GIF, BMP, WebP)');
  const drop = await page.evaluateHandle(() => {
    const dt = new (globalThis as any).DataTransfer();
    dt.items.add(new (globalThis as any).File(['{"a": 1}'], 'data.json', { type: 'application/json' }));
    return dt;
  });
  await page.dispatchEvent('body', 'drop', { dataTransfer: drop });
  await page.waitForFunction(() => /data\.json/.test((globalThis as any).document.getElementById('message').textContent));
  assert.equal(await text(page, '#message'), 'Your files cannot be used: data.json: not an IDX file or an image (PNG, JPEG, GIF, BMP, WebP)');
  await page.setInputFiles('#own-files', [
    { name: '3_a.png', mimeType: 'image/png', buffer: Buffer.from(digitPng(3, 0)) },
    { name: '4_b.png', mimeType: 'image/png', buffer: Buffer.from(digitPng(4, 0, 32)) },
  ]);
  await page.waitForFunction(() => /mixed sizes/.test((globalThis as any).document.getElementById('message').textContent));
  assert.equal(await text(page, '#message'), 'Your files cannot be used: own data: images of mixed sizes: 3_a.png is 28x28, 4_b.png is 32x32 (all must have one size)');

  // A folder of images, one subfolder per class: it becomes the data; too large a training set typed is named.
  for (const cls of [3, 7]) {
    await mkdir(join(dir, 'digits', String(cls)), { recursive: true });
    for (let i = 0; i < 15; i++) await writeFile(join(dir, 'digits', String(cls), `${i}.png`), digitPng(cls, i));
  }
  await page.setInputFiles('#own-folder', join(dir, 'digits'));
  await page.waitForFunction(() => /^own images/.test((globalThis as any).document.getElementById('data-status').textContent));
  assert.match(await text(page, '#data-status'), /^own images: 24 training and 6 validation images of 28x28, 2 classes/);
  assert.equal(await page.isHidden('#message'), true, 'the message is gone once the data is good');
  assert.equal(await page.inputValue('#trainSize'), '24', 'the training size is cut to the data');
  // The same images picked as loose files named by class (decoded by the browser): a training size typed beyond them is named.
  await page.evaluate(() => ((globalThis as any).document.getElementById('own-status').textContent = ''));
  await page.setInputFiles('#own-files', [3, 7].flatMap((cls) => Array.from({ length: 15 }, (_, i) => ({ name: `${cls}_${i}.png`, mimeType: 'image/png', buffer: Buffer.from(digitPng(cls, i)) }))));
  await page.waitForFunction(() => /^Read 30 images/.test((globalThis as any).document.getElementById('own-status').textContent));
  assert.match(await text(page, '#data-status'), /^own images: 24 training and 6 validation images of 28x28, 2 classes/);
  await page.fill('#trainSize', '1000');
  await page.click('#train');
  assert.equal(await stateIs(page, ['error', 'done']), 'error');
  assert.equal(await text(page, '#message'), 'Error while training: config: trainSize: must be at most 24 (the training samples of own images), received 1000');
  await page.fill('#trainSize', '24');
  await page.fill('#epochs', '2');
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  const result = (await page.evaluate('window.noisenetResult')) as { dataset: { name: string; classes: string[]; data: { kind: string; classes: string[]; trainCount: number; testCount: number; sha256: string } }; runs: unknown[] };
  assert.deepEqual([result.dataset.name, result.dataset.classes, result.runs.length], ['own images', ['3', '7'], 2]);
  const { kind, classes, trainCount, testCount, sha256 } = result.dataset.data;
  assert.deepEqual([kind, classes, trainCount, testCount, /^[0-9a-f]{64}$/.test(sha256)], ['images', ['3', '7'], 24, 6, true], 'the images given are recorded');

  // A model of another architecture: refused, the trained model stays.
  const robustnessBefore = await page.locator('#chart-robustness').innerHTML();
  const other = buildModel(presetSpec('mlp', { inputShape: [784], classes: 10, hidden: [16] }));
  const { json, weights } = modelArtifacts(other, 'other.weights.bin');
  await page.setInputFiles('#load-files', [
    { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) },
    { name: 'other.weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(weights) },
  ]);
  await page.waitForFunction(() => /another architecture/.test((globalThis as any).document.getElementById('load-status').textContent));
  assert.match(await text(page, '#load-status'), /^Error while loading the model: other\.json: a model of another architecture \(784 → 16 → 10, .+\); this playground's model is 784 → 128 → 64 → 2 \(.+\)$/);
  assert.equal(await page.locator('#chart-robustness').innerHTML(), robustnessBefore, 'nothing changed');
  assert.equal(await page.isEnabled('#train'), true);

  // Bad data: a folder of one class, an undecodable image, a ragged table, an empty file. Each is named; the data in use stays.
  const inUse = await text(page, '#data-status');
  const refused = async (give: () => Promise<void>, message: string | RegExp): Promise<void> => {
    await page.evaluate(() => ((globalThis as any).document.getElementById('message').textContent = ''));
    await give();
    await page.waitForFunction(() => (globalThis as any).document.getElementById('message').textContent !== '', null, { timeout: 30_000 });
    const shown = await text(page, '#message');
    if (typeof message === 'string') assert.equal(shown, message);
    else assert.match(shown, message);
    assert.equal(await text(page, '#data-status'), inUse, `the data in use stays (${shown})`);
    assert.equal(await page.isEnabled('#train'), true);
  };
  const dropped = (name: string, body: string): Promise<void> =>
    page.evaluateHandle(([n, b]) => {
      const dt = new (globalThis as any).DataTransfer();
      dt.items.add(new (globalThis as any).File([b], n, { type: 'text/csv' }));
      return dt;
    }, [name, body] as const).then((dt) => page.dispatchEvent('body', 'drop', { dataTransfer: dt }));
  await mkdir(join(dir, 'oneclass', 'cat'), { recursive: true });
  for (let i = 0; i < 3; i++) await writeFile(join(dir, 'oneclass', 'cat', `${i}.png`), digitPng(1, i));
  await refused(() => page.setInputFiles('#own-folder', join(dir, 'oneclass')), 'Your files cannot be used: oneclass: 1 class folder found, classification needs at least 2 (one sub-folder of images per class)');
  for (const cls of ['a', 'b']) {
    await mkdir(join(dir, 'broken', cls), { recursive: true });
    for (let i = 0; i < 3; i++) await writeFile(join(dir, 'broken', cls, `${i}.png`), digitPng(cls === 'a' ? 1 : 2, i));
  }
  await writeFile(join(dir, 'broken', 'b', '1.png'), digitPng(2, 1).subarray(0, 40));
  await refused(() => page.setInputFiles('#own-folder', join(dir, 'broken')), /^Your files cannot be used: broken\/b\/1\.png: undecodable PNG \(.+\)$/);
  await refused(() => dropped('ragged.csv', 'a,b,c\n1,2,3\n4,5\n'), 'Your files cannot be used: ragged.csv: row 3 has 2 fields, expected 3 as the header has');
  await refused(() => dropped('empty.csv', ''), 'Your files cannot be used: empty.csv: an empty file (0 bytes)');
  await page.click('#sample');
  await page.waitForFunction(() => /validation image 1,/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), ['3', '7'], 'the trained models still answer');
});
