/**
 * The data module's core in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven
 * by playwright-core) imports the compiled src/data/index.js from a server on 127.0.0.1 and parses
 * IDX files, raw and gzip (the browser's own DecompressionStream), a gzip bomb, corrupt gzip and a
 * whole dataset from bytes. Skipped, with the reason, when Chromium is not installed.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from './idx.js';
import { gzipBomb, idxHeader } from './node/idx-fixtures.js';
import type * as DataCore from './index.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DIST = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Serves dist/*.js (never a node/ folder, so a core import of one fails the test) and an empty page. */
async function serveDist(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (path === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>data</title>');
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST + sep) || !file.endsWith('.js') || file.split(sep).includes('node')) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

test('the data core runs in Chromium: IDX raw and gzip, a gzip bomb, corrupt gzip, a dataset from bytes', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`, timeout: 120_000 }, async (t) => {
  const { chromium } = await import('playwright-core');
  const server = await serveDist();
  t.after(() => server.close());
  const profile = await mkdtemp(join(tmpdir(), 'noisenet-chromium-data-'));
  t.after(() => rm(profile, { recursive: true, force: true }));
  const images = encodeIdx([3, 28, 28], Uint8Array.from({ length: 3 * 784 }, (_, i) => i % 256));
  const labels = encodeIdx([3], Uint8Array.of(0, 9, 4));
  const gzImages = gzipSync(images);
  const inputs = {
    raw: b64(images),
    gz: b64(gzImages),
    labelsGz: b64(gzipSync(labels)),
    bomb: b64(await gzipBomb(idxHeader([10, 28, 28]), 50 * 1024 * 1024)),
    cut: b64(gzImages.subarray(0, gzImages.length - 12)),
    bad: b64(Uint8Array.from(gzImages, (v, i) => (i >= 10 && i < 20 ? 0xff : v))),
  };
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}index.html`);
  const result = await page.evaluate(async (inp) => {
    const bytes = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    const data = (await import('/data/index.js' as string)) as typeof DataCore;
    const failure = async (f: () => unknown): Promise<string> => {
      try {
        await f();
        return 'no error';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    const gz = await data.parseIdxAsync(bytes(inp.gz), 'i.gz');
    const raw = data.parseIdx(bytes(inp.raw).buffer as ArrayBuffer, 'i.idx');
    const dataset = await data.idxDatasetFromBytes(data.MNIST, { trainImages: bytes(inp.gz), trainLabels: bytes(inp.labelsGz), testImages: bytes(inp.raw), testLabels: bytes(inp.labelsGz) });
    return {
      gz: { dims: gz.dims, sum: gz.data.reduce((a, b) => a + b, 0) },
      raw: { dims: raw.dims, sum: raw.data.reduce((a, b) => a + b, 0) },
      dataset: [dataset.train.count, dataset.test.count, Array.from(dataset.test.labels)],
      bomb: await failure(() => data.parseIdxAsync(bytes(inp.bomb), 'bomb.gz')),
      cut: await failure(() => data.parseIdxAsync(bytes(inp.cut), 'cut.gz')),
      bad: await failure(() => data.parseIdxAsync(bytes(inp.bad), 'bad.gz')),
      notBytes: await failure(() => data.parseIdx(null as unknown as Uint8Array, 'x')),
    };
  }, inputs);
  const sum = images.subarray(16).reduce((a, b) => a + b, 0);
  assert.deepEqual(result.gz, { dims: [3, 28, 28], sum });
  assert.deepEqual(result.raw, { dims: [3, 28, 28], sum });
  assert.deepEqual(result.dataset, [3, 3, [0, 9, 4]]);
  assert.match(result.bomb, /^DataFileError: bomb\.gz: trailing bytes after IDX data: dims \[10, 28, 28\] need 7840 data bytes, the gzip data inflates to more \(stopped at \d+\)$/);
  assert.ok(Number(/stopped at (\d+)/.exec(result.bomb)?.[1]) < 1024 * 1024, result.bomb);
  assert.match(result.cut, /^DataFileError: cut\.gz: truncated gzip data \(.+\)$/);
  assert.match(result.bad, /^DataFileError: bad\.gz: (corrupt|truncated) gzip data \(.+\)$/);
  assert.equal(result.notBytes, 'InvalidArgumentError: parseIdx: bytes must be a Uint8Array or an ArrayBuffer, received null');
  assert.deepEqual(problems, []);
  assert.ok(server.requests.length > 3 && server.requests.every((p) => p === '/index.html' || p === '/favicon.ico' || (p.endsWith('.js') && !p.includes('/node/'))), server.requests.join(' '));
});
