/** The playground's server: static files only, GET and HEAD, the isolation headers, nothing outside its folder, 127.0.0.1. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from './static-server.js';

/** A raw request (the path as given, not normalised as fetch would). */
function raw(url: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
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
