import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DownloadError } from '../../errors.js';
import { type DownloadProgress, ensureFile } from './download.js';
import { startFileServer } from '../../testing/local-file-server.js';
import { OfflineError } from '../offline-error.js';

const root = mkdtempSync(join(tmpdir(), 'noisenet-download-'));
after(() => rmSync(root, { recursive: true, force: true }));

const body = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251);
const sha256 = createHash('sha256').update(body).digest('hex');

test('ensureFile downloads, verifies and caches; a second call makes no request', async (t) => {
  const server = await startFileServer({ 'data.bin': body });
  t.after(() => server.close());
  const dir = join(root, 'good');
  const dest = join(dir, 'data.bin');
  const progress: DownloadProgress[] = [];
  const first = await ensureFile({ urls: [`${server.url}data.bin`], dest, checksum: { algorithm: 'sha256', digest: sha256 }, onProgress: (p) => progress.push(p) });
  assert.equal(first.url, `${server.url}data.bin`);
  assert.deepEqual(new Uint8Array(readFileSync(dest)), body);
  assert.deepEqual(readdirSync(dir), ['data.bin'], 'no temporary file left');
  assert.equal(progress[0]!.received, 0);
  assert.equal(progress.at(-1)!.received, body.length);
  assert.equal(progress.at(-1)!.total, body.length);
  assert.equal(server.requests.length, 1);

  const second = await ensureFile({ urls: [`${server.url}data.bin`], dest, checksum: { algorithm: 'sha256', digest: sha256 } });
  assert.equal(second.url, undefined, 'cached copy used');
  assert.equal(server.requests.length, 1, 'no second request');
});

test('ensureFile tries the next mirror after an HTTP error, and replaces a corrupt cached copy', async (t) => {
  const server = await startFileServer({ 'data.bin': body });
  t.after(() => server.close());
  const dest = join(root, 'mirrors', 'data.bin');
  await ensureFile({ urls: [`${server.url}data.bin`], dest, checksum: { algorithm: 'sha256', digest: sha256 } });
  writeFileSync(dest, 'corrupted');
  const result = await ensureFile({ urls: [`${server.url}missing.bin`, `${server.url}data.bin`], dest, checksum: { algorithm: 'sha256', digest: sha256 } });
  assert.equal(result.url, `${server.url}data.bin`);
  assert.deepEqual(server.requests, ['/data.bin', '/missing.bin', '/data.bin']);
  assert.deepEqual(new Uint8Array(readFileSync(dest)), body);
});

test('ensureFile rejects a wrong checksum with a DownloadError and leaves no file behind', async (t) => {
  const server = await startFileServer({ 'data.bin': body });
  t.after(() => server.close());
  const dir = join(root, 'bad');
  const wrong = '0'.repeat(64);
  await assert.rejects(
    ensureFile({ urls: [`${server.url}data.bin`], dest: join(dir, 'data.bin'), checksum: { algorithm: 'sha256', digest: wrong }, bytes: body.length }),
    (err: unknown) => {
      assert.ok(err instanceof DownloadError && !(err instanceof OfflineError), String(err));
      assert.match(err.message, /^data\.bin: checksum mismatch/);
      assert.ok(err.message.includes(`expected ${wrong}`) && err.message.includes(`actual ${sha256}`), err.message);
      return true;
    },
  );
  assert.deepEqual(readdirSync(dir), [], 'neither the file nor a temporary file');
});

test('ensureFile with no reachable mirror and nothing cached throws an OfflineError saying how to work offline', async () => {
  const server = await startFileServer({});
  const url = `${server.url}data.bin`;
  await server.close();
  const dir = join(root, 'offline');
  await assert.rejects(
    ensureFile({ urls: [url], dest: join(dir, 'data.bin'), checksum: { algorithm: 'sha256', digest: sha256 }, offlineHint: 'pass --data-dir <folder>' }),
    (err: unknown) => {
      assert.ok(err instanceof OfflineError && err instanceof DownloadError && err.offline, String(err));
      assert.match(err.message, /^could not download data\.bin \(http:\/\/127\.0\.0\.1:\d+\/data\.bin: ECONNREFUSED\); pass --data-dir <folder>$/);
      return true;
    },
  );
  assert.equal(existsSync(join(dir, 'data.bin')), false);
  assert.deepEqual(readdirSync(dir), []);
});

test('ensureFile uses a matching cached file without any network', async () => {
  const dest = join(root, 'cached', 'data.bin');
  mkdirSync(join(root, 'cached'));
  writeFileSync(dest, body);
  const result = await ensureFile({ urls: ['http://127.0.0.1:1/data.bin'], dest, checksum: { algorithm: 'sha256', digest: sha256.toUpperCase() } });
  assert.equal(result.url, undefined);
});
