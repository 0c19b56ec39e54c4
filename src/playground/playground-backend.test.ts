/**
 * The playground's backend choice in headless Chromium: the form and the link carry it, the page
 * says which backend trained and why; `webgpu` without WebGPU stops the run with one line; with
 * WebGPU on SwiftShader, `backend=webgpu` trains a few batches on the GPU backend.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startPlayground } from './node/playground-server.js';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.js';

const HASH = '#dataset=mnist-mini&train=64&epochs=1&batch=32&seed=1&noise=gaussian:stddev=0.3';

/** Opens `hash` with autorun and waits for the run to end; returns the state, the backend the page shows and its message. */
async function run(page: Page, url: string, hash: string): Promise<{ state: string; choice: string; note: string; backend?: { name: string; notice: string }; message: string }> {
  await page.goto(`${url}${hash}&autorun=1`);
  await page.waitForFunction(() => ['done', 'error'].includes((globalThis as any).document.body.dataset.state), null, { timeout: 240_000 });
  return page.evaluate(() => {
    const d = (globalThis as any).document;
    return { state: d.body.dataset.state, choice: d.getElementById('backend').value, note: d.getElementById('backend-note').textContent, backend: (globalThis as any).noisenetBackend, message: d.getElementById('message').textContent };
  });
}

test('without WebGPU the playground trains on wasm under auto and says why; backend=webgpu stops with one line', { skip: skipWithoutChromium, timeout: 480_000 }, async (t) => {
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const auto = await run(page, server.url, HASH);
  assert.equal(auto.state, 'done', auto.message);
  assert.equal(auto.choice, 'auto');
  assert.equal(auto.backend?.name, 'wasm');
  assert.match(auto.note, /^This run: wasm backend: (this runtime has no WebGPU|navigator\.gpu gave no WebGPU adapter) \([^\n]+\)$/);
  const webgpu = await run(page, server.url, `${HASH}&backend=webgpu`);
  assert.equal(webgpu.state, 'error');
  assert.equal(webgpu.choice, 'webgpu');
  assert.match(webgpu.message, /^Error while training: webgpu backend: (this runtime has no WebGPU|navigator\.gpu gave no WebGPU adapter) \([^\n]+\)$/);
});

test('with WebGPU on SwiftShader the playground trains a few batches with backend=webgpu', { skip: skipWithoutChromium, timeout: 480_000 }, async (t) => {
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium({ webgpu: true });
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const r = await run(page, server.url, `${HASH}&backend=webgpu`);
  assert.equal(r.state, 'done', r.message);
  assert.equal(r.backend?.name, 'webgpu');
  assert.equal(r.note, 'This run: WebGPU backend on google swiftshader (SwiftShader, a CPU emulation), as asked');
});
