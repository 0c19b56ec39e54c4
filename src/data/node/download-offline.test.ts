/**
 * Going offline costs one failed request: the first unreachable-network error (or no answer
 * within connectTimeoutMs) ends the download without trying the other mirrors, and the advice
 * names the library's dataDir option. Real servers on 127.0.0.1, a refused port; the number of
 * requests is asserted, never wall-clock time.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MNIST } from '../datasets/mnist.js';
import { encodeIdx } from '../idx.js';
import { startFileServer } from '../../testing/local-file-server.js';
import { OfflineError } from '../offline-error.js';
import { ensureFile, isUnreachable } from './download.js';
import { loadDataset } from './load-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'noisenet-offline-'));
after(() => rmSync(root, { recursive: true, force: true }));

const body = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
const checksum = { algorithm: 'sha256', digest: createHash('sha256').update(body).digest('hex') } as const;

/** A URL on 127.0.0.1 whose port refuses connections. */
async function refusedUrl(): Promise<string> {
  const server = await startFileServer({});
  await server.close();
  return server.url;
}

/** A TCP server on 127.0.0.1 that reads requests and never answers; counts the requests. */
async function silentServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  let requests = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (d: Buffer) => (requests += (d.toString('latin1').match(/^GET /gm) ?? []).length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

test('ensureFile stops at the first refused mirror: the next mirror gets no request', async (t) => {
  const live = await startFileServer({ 'data.bin': body });
  t.after(() => live.close());
  const refused = await refusedUrl();
  const dest = join(root, 'refused', 'data.bin');
  await assert.rejects(ensureFile({ urls: [`${refused}data.bin`, `${live.url}data.bin`, `${live.url}data.bin`], dest, checksum }), (err: unknown) => {
    assert.ok(err instanceof OfflineError, String(err));
    assert.match(err.message, /^could not download data\.bin \(http:\/\/127\.0\.0\.1:\d+\/data\.bin: ECONNREFUSED; the 2 other mirrors not tried\); /);
    return true;
  });
  assert.deepEqual(live.requests, [], 'no request to the other mirrors');
});

test('ensureFile gives up on a mirror that does not answer within connectTimeoutMs, without trying the others', async (t) => {
  const silent = await silentServer();
  t.after(() => silent.close());
  const live = await startFileServer({ 'data.bin': body });
  t.after(() => live.close());
  const dest = join(root, 'silent', 'data.bin');
  await assert.rejects(ensureFile({ urls: [`${silent.url}data.bin`, `${live.url}data.bin`], dest, checksum, connectTimeoutMs: 300 }), (err: unknown) => {
    assert.ok(err instanceof OfflineError, String(err));
    assert.match(err.message, /data\.bin: no answer within 0\.3 s; the other mirror not tried\)/);
    return true;
  });
  assert.equal(silent.requests(), 1);
  assert.deepEqual(live.requests, []);
});

test('an HTTP error still moves on to the next mirror', async (t) => {
  const live = await startFileServer({ 'data.bin': body });
  t.after(() => live.close());
  const result = await ensureFile({ urls: [`${live.url}gone.bin`, `${live.url}data.bin`], dest: join(root, 'http', 'data.bin'), checksum });
  assert.equal(result.url, `${live.url}data.bin`);
  assert.deepEqual(live.requests, ['/gone.bin', '/data.bin']);
});

test('loadDataset("mnist") offline makes one request in all and advises the dataDir option', async (t) => {
  const gz = gzipSync(encodeIdx([1], new Uint8Array(1)));
  const live = await startFileServer(Object.fromEntries(Object.values(MNIST.files).map((f) => [f.name, gz])));
  t.after(() => live.close());
  const refused = await refusedUrl();
  const cacheDir = join(root, 'cache');
  await assert.rejects(loadDataset('mnist', { cacheDir, env: { NOISENET_MNIST_MIRROR: refused }, mirrors: [live.url, live.url] }), (err: unknown) => {
    assert.ok(err instanceof OfflineError, String(err));
    assert.match(err.message, /^could not download train-images-idx3-ubyte\.gz \(http:\/\/127\.0\.0\.1:\d+\/train-images-idx3-ubyte\.gz: ECONNREFUSED; the 2 other mirrors not tried\)/);
    assert.ok(err.message.includes('in a folder and pass it as the dataDir option'), err.message);
    assert.ok(!err.message.includes('--data-dir'), `the library names its own option: ${err.message}`);
    assert.ok(err.message.endsWith(`or copy the .gz files into ${join(cacheDir, 'mnist')}`), err.message);
    return true;
  });
  assert.deepEqual(live.requests, []);
});

test('isUnreachable: fetch failures whose cause is a no-network code', () => {
  const failed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });
  const sys = (code: string): Error => Object.assign(new Error(`connect ${code}`), { code });
  for (const code of ['ENOTFOUND', 'ECONNREFUSED', 'ENETUNREACH', 'EAI_AGAIN', 'EHOSTUNREACH']) {
    assert.equal(isUnreachable(failed(sys(code))), true, code);
  }
  assert.equal(isUnreachable(failed(Object.assign(new AggregateError([sys('ECONNREFUSED'), sys('ECONNREFUSED')]), { code: 'ECONNREFUSED' }))), true);
  assert.equal(isUnreachable(failed(new AggregateError([sys('ENETUNREACH')]))), true, 'code only on the inner errors');
  assert.equal(isUnreachable(failed(sys('ECONNRESET'))), false, 'a reset is a mirror failure, not no network');
  assert.equal(isUnreachable(failed(new Error('bad port'))), false);
  assert.equal(isUnreachable(new Error('boom')), false);
});
