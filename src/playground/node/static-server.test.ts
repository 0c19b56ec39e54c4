/** The playground's server: static files only, GET and HEAD, the isolation headers, nothing outside its folder, 127.0.0.1. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from './static-server.js';

/** A raw request (the path as given, not normalised as fetch would), with the Host header `host` when given. */
function raw(url: string, path: string, method = 'GET', host?: string, agent?: Agent): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, ...(host === undefined ? {} : { headers: { host } }), ...(agent ? { agent } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves files with the isolation headers and a same-origin policy, on 127.0.0.1', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-serve-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'sub'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(join(root, 'sub', 'k.wasm'), Uint8Array.of(0, 0x61, 0x73, 0x6d));
  const server = await startStaticServer({ root, extra: { '/extra/a.gz': Uint8Array.of(0x1f, 0x8b) } });
  t.after(() => server.close());
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const index = await raw(server.url, '/');
  assert.equal(index.status, 200);
  assert.equal(index.body, '<!doctype html><title>x</title>');
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(index.headers['cross-origin-opener-policy'], 'same-origin');
  assert.equal(index.headers['cross-origin-embedder-policy'], 'require-corp');
  assert.equal(index.headers['cross-origin-resource-policy'], 'same-origin');
  assert.match(String(index.headers['content-security-policy']), /^default-src 'self'; /);
  const wasm = await raw(server.url, '/sub/k.wasm');
  assert.deepEqual([wasm.status, wasm.headers['content-type'], wasm.headers['content-length']], [200, 'application/wasm', '4']);
  assert.deepEqual([(await raw(server.url, '/extra/a.gz')).status, (await raw(server.url, '/extra/a.gz')).headers['content-type']], [200, 'application/gzip']);
  const head = await raw(server.url, '/index.html', 'HEAD');
  assert.deepEqual([head.status, head.body, head.headers['content-length']], [200, '', '31']);
  assert.equal((await raw(server.url, '/nope.js')).status, 404);
  assert.equal((await raw(server.url, '/sub')).status, 404, 'no folder listing');
  const post = await raw(server.url, '/index.html', 'POST');
  assert.deepEqual([post.status, post.headers.allow], [405, 'GET, HEAD']);
  const plain = await startStaticServer({ root, isolation: false });
  t.after(() => plain.close());
  const h = (await raw(plain.url, '/')).headers;
  assert.equal(h['cross-origin-opener-policy'], undefined);
  assert.equal(h['cross-origin-embedder-policy'], undefined);
});

test('refuses every path outside its folder: .., encoded .., backslashes, NUL, a symbolic link out', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'noisenet-serve-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'site');
  await mkdir(root);
  await writeFile(join(base, 'secret.txt'), 'secret');
  await writeFile(join(root, 'ok.txt'), 'ok');
  await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
  const server = await startStaticServer({ root });
  t.after(() => server.close());
  assert.equal((await raw(server.url, '/ok.txt')).body, 'ok');
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/sub/../../secret.txt', '/..%5csecret.txt', '/ok.txt%00.html', '/link.txt']) {
    const r = await raw(server.url, path);
    assert.equal(r.status, 403, `${path}: ${r.status} ${r.body}`);
    assert.ok(!r.body.includes('secret'), path);
  }
  assert.equal((await raw(server.url, '/%zz')).status, 400);
});

test('refuses a Host header that does not name this server (DNS rebinding) with 421', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-serve-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await writeFile(join(root, 'index.html'), 'page');
  const server = await startStaticServer({ root });
  t.after(() => server.close());
  const p = server.port;
  for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`]) {
    const r = await raw(server.url, '/', 'GET', host);
    assert.deepEqual([r.status, r.body], [200, 'page'], host);
  }
  for (const host of [`evil.example:${p}`, 'evil.example', `127.0.0.1:${p + 1}`, '127.0.0.1', `localhost.evil.example:${p}`, `10.0.0.1:${p}`]) {
    const r = await raw(server.url, '/', 'GET', host);
    assert.equal(r.status, 421, host);
    assert.equal(r.body, 'misdirected request: the Host header does not name this server\n');
  }
  // HTTP/1.0 without a Host header: refused too.
  const reply = await new Promise<string>((resolve, reject) => {
    let text = '';
    const socket = connect(p, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
    socket.on('data', (d: Buffer) => void (text += d.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  assert.match(reply, /^HTTP\/1\.[01] 421 /);
});

test('keeps nothing per request: 2,000 requests with 12 KB paths leave the heap flat and go to the hook only', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-serve-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  let seen = 0;
  let longest = 0;
  const server = await startStaticServer({ root, onRequest: (_method, path) => void ((seen += 1), (longest = Math.max(longest, path.length))) });
  t.after(() => server.close());
  assert.equal('requests' in server, false, 'no request log on the server');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  t.after(() => agent.destroy());
  const send = async (n: number, from: number): Promise<void> => {
    for (let i = from; i < from + n; i += 4) await Promise.all([0, 1, 2, 3].map((k) => raw(server.url, `/${String(i + k).padStart(6, '0')}${'a'.repeat(12_000)}`, 'GET', undefined, agent)));
  };
  await send(200, 0); // warm up
  gc();
  const before = process.memoryUsage().heapUsed;
  await send(2_000, 200);
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(seen, 2_200);
  assert.equal(longest, 12_007);
  // Kept, the paths would take 24 MB (2,000 x 12 KB); allow 4 MB of noise.
  assert.ok(grown < 4 * 2 ** 20, `heap grew by ${(grown / 2 ** 20).toFixed(1)} MiB over 2,000 long-path requests`);
});
