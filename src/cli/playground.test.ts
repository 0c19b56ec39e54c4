/** `noisenet playground` as a person runs it: the URL printed, the page served with the isolation headers, Ctrl-C; misuse named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../testing/run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));

test('noisenet playground prints its URL, serves the page with the isolation headers on 127.0.0.1 and stops on Ctrl-C', async () => {
  const server = spawn(process.execPath, [BIN, 'playground', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (c: Buffer) => (out += c));
  const exit = new Promise<number | null>((resolve) => server.on('exit', (c) => resolve(c)));
  for (let i = 0; i < 200 && !/threads:/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  const url = /at (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out)?.[1];
  assert.ok(url, out);
  assert.match(out, /datasets: mnist-mini/);
  assert.match(out, /threads: the page is cross-origin isolated, so it trains on every core/);
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
  assert.match(await page.text(), /<title>noisenet playground/);
  const index = (await (await fetch(`${url}datasets/index.json`)).json()) as { datasets: { name: string }[] };
  assert.equal(index.datasets[0]!.name, 'mnist-mini');
  assert.equal((await fetch(`${url}app.js`)).status, 200);
  assert.equal((await fetch(`${url}train-worker.js`)).status, 200);
  server.kill('SIGINT');
  assert.equal(await exit, 130);
});

test('noisenet playground names a bad port, a port in use, a folder without a page and a missing Fashion-MNIST folder', async (t) => {
  let r = await runCli('playground', '--port', '70000');
  assert.deepEqual([r.code, r.err], [2, 'noisenet playground: --port must be an integer >= 0 and <= 65535, received "70000"\n']);
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.after(() => busy.close());
  const port = (busy.address() as { port: number }).port;
  r = await runCli('playground', '--port', String(port));
  assert.deepEqual([r.code, r.err], [2, `noisenet playground: port ${port} on 127.0.0.1 is in use; pick another with --port N (0 picks a free one)\n`]);
  const empty = await mkdtemp(join(tmpdir(), 'noisenet-empty-'));
  t.after(() => rm(empty, { recursive: true, force: true }));
  r = await runCli('playground', '--port', '0', '--dir', empty);
  assert.equal(r.code, 1);
  assert.equal(r.err, `noisenet playground: ${empty}: no index.html to serve; run npm run build, or npm run build:playground -- --out DIR\n`);
  r = await runCli('playground', '--port', '0', '--fashion-dir', join(empty, 'none'));
  assert.equal(r.code, 1);
  assert.equal(r.err, `noisenet playground: ${join(empty, 'none')}: Fashion-MNIST's train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz are missing\n`);
});
