/**
 * The webgpu convolution, pooling and batch-norm kernels in headless Chromium on SwiftShader,
 * against the reference backend in the same page: every case of testing/webgpu-window-cases.ts
 * within its stated tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../playground/node/static-server.js';
import { launchChromium, skipWithoutChromium } from '../../testing/chromium.js';
import type { CaseResult } from '../../testing/webgpu-window-cases.js';

const DIST = fileURLToPath(new URL('../../', import.meta.url));

test('convolution, pooling and batch norm on WebGPU match the reference within each kernel\'s tolerance', { skip: skipWithoutChromium, timeout: 240_000 }, async (t) => {
  const server = await startStaticServer({ root: DIST, extra: { '/webgpu-window.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' } });
  t.after(() => server.close());
  const browser = await launchChromium({ webgpu: true });
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`${server.url}webgpu-window.html`);
  const results = await page.evaluate(async () => {
    const adapter = await (globalThis as unknown as { navigator: { gpu?: GPU } }).navigator.gpu?.requestAdapter();
    if (!adapter) return 'no WebGPU adapter';
    const device = await adapter.requestDevice();
    const cases = await import('/testing/webgpu-window-cases.js' as string);
    return (await cases.runWindowCases(device)) as CaseResult[];
  });
  assert.ok(Array.isArray(results), String(results));
  const failed = results.filter((r) => !(r.worst <= 1)).map((r) => `${r.name}: ${r.worst.toFixed(2)} x tolerance (${r.detail})`);
  assert.deepEqual(failed, []);
  assert.ok(results.length > 60, `${results.length} checks ran`);
});
