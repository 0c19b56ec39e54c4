/**
 * The own-data browser adapter in a real browser: headless Chromium imports the browser build
 * (dist/browser/noisenet.js, its decoders bundled) and loads a folder of PNG and JPEG images by
 * class and a CSV `File` (plain and gzipped); the pixels and values equal what Node reads from the same bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { launchChromium, skipWithoutChromium } from '../../testing/chromium.js';
import { type FileLike, loadDataFromFiles } from './load-files.js';

const BUNDLE = fileURLToPath(new URL('../../browser/noisenet.js', import.meta.url));

/** The files of a folder `shapes/<class>/<file>`: colour PNGs and JPEGs, as base64. */
function folder(): { path: string; b64: string }[] {
  const pixels = (seed: number) => Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 29 + seed * 61) % 256);
  const rgba = (seed: number) => Uint8Array.from({ length: 5 * 4 * 4 }, (_, i) => (i % 4 === 3 ? 255 : pixels(seed)[Math.floor(i / 4) * 3 + (i % 4)]!));
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (let k = 0; k < 3; k++) {
    files.push({ path: `shapes/circle/${k}.png`, bytes: encodePng({ width: 5, height: 4, channels: 3, depth: 8, data: pixels(k) }) });
    files.push({ path: `shapes/square/${k}.jpg`, bytes: new Uint8Array(jpeg.encode({ width: 5, height: 4, data: rgba(10 + k) }, 90).data) });
  }
  return files.map((f) => ({ path: f.path, b64: Buffer.from(f.bytes).toString('base64') }));
}

const CSV = 'a;b;label\n1.5;2;yes\n3;4.25;no\n5;6;yes\n';

test('in Chromium, the browser build loads a picked folder of PNG and JPEG images and a CSV File, plain and gzipped, as Node does', { skip: skipWithoutChromium, timeout: 120_000 }, async (t) => {
  const bundle = await readFile(BUNDLE);
  const server = createServer((req, res) => {
    if (req.url === '/noisenet.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (req.url === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>own data</title>');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
  const files = folder();
  const inPage = await page.evaluate(
    async ({ files, csv, csvGz }) => {
      const nn = await import('/noisenet.js' as string);
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const picked = files.map((f) => {
        const file = new File([bytes(f.b64)], f.path.split('/').at(-1)!);
        return { name: file.name, webkitRelativePath: f.path, arrayBuffer: () => file.arrayBuffer() };
      });
      const images = await nn.loadDataFromFiles(picked);
      const table = await nn.loadDataFromFiles([new File([csv], 'table.csv')]);
      const gzipped = await nn.loadDataFromFiles([new File([bytes(csvGz)], 'table.csv.gz')]);
      return { gzX: Array.from(gzipped.train.x as Float32Array), classes: images.classes, shape: images.sampleShape, x: Array.from(images.train.x as Uint8Array), y: Array.from(images.train.y as Int32Array), tableX: Array.from(table.train.x as Float32Array), tableClasses: table.classes };
    },
    { files, csv: CSV, csvGz: gzipSync(CSV).toString('base64') },
  );
  const asFile = (path: string, b: Uint8Array): FileLike => ({ name: path.split('/').at(-1)!, webkitRelativePath: path, arrayBuffer: async () => new Uint8Array(b).buffer });
  const node = await loadDataFromFiles(files.map((f) => asFile(f.path, Buffer.from(f.b64, 'base64'))));
  const nodeTable = await loadDataFromFiles([asFile('table.csv', new TextEncoder().encode(CSV))]);
  assert.deepEqual(inPage.classes, ['circle', 'square']);
  assert.deepEqual(inPage.shape, [4, 5, 3]);
  assert.deepEqual(inPage.x, Array.from(node.train.x));
  assert.deepEqual(inPage.y, [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(inPage.tableX, Array.from(nodeTable.train.x));
  assert.deepEqual(inPage.tableClasses, ['no', 'yes']);
  assert.deepEqual(inPage.gzX, Array.from(nodeTable.train.x));
});
