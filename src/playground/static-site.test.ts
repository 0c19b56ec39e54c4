/**
 * `npm run build:playground`: the folder it writes is the whole page. Served as plain static
 * files (no isolation headers), it loads only its own files and trains on one thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startPlayground } from './node/playground-server.js';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('the static folder of build:playground trains on one thread from a host without the isolation headers', { skip: skipWithoutChromium, timeout: 180_000 }, async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'noisenet-site-'));
  t.after(() => rm(parent, { recursive: true, force: true }));
  const out = join(parent, 'site');
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-playground.mjs'), '--out', out, '--no-fashion'], { cwd: ROOT });
  assert.match(stdout, /^build-playground: wrote .*site\/ \(mnist-mini\)/);
  for (const f of ['index.html', 'app.js', 'train-worker.js', 'kernels-unshared.wasm', 'datasets/index.json']) assert.ok(existsSync(join(out, f)), `${f} is in the folder`);

  const server = await startPlayground({ dir: out, isolation: false, fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const outside: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => void (r.url().startsWith(server.url) ? undefined : outside.push(r.url())));
  page.on('console', (m) => void (m.type() === 'error' ? problems.push(m.text()) : undefined));
  await page.goto(`${server.url}#train=300&epochs=1&autorun=1`);
  await page.waitForFunction(() => ['done', 'error'].includes((globalThis as any).document.body.dataset.state), null, { timeout: 150_000 });
  assert.equal(await page.evaluate('document.body.dataset.state'), 'done', (await page.locator('#message').textContent()) ?? '');
  assert.equal(await page.evaluate('window.noisenetPlatform.threads'), 1);
  assert.match((await page.locator('#threads').textContent()) ?? '', /^Training runs on one thread: the page is not cross-origin isolated/);
  assert.equal(((await page.evaluate('window.noisenetResult')) as { runs: unknown[] }).runs.length, 2);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
});
