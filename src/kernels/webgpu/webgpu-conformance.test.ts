/**
 * The webgpu backend against the reference backend, kernel by kernel, in headless Chromium on
 * SwiftShader's WebGPU adapter (no GPU needed): the cases and their tolerances are in
 * src/testing/webgpu/kernel-cases.ts, the page side in conformance-page.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startStaticServer } from '../../playground/node/static-server.js';
import { launchChromium, skipWithoutChromium } from '../../testing/chromium.js';
import type { CaseReport } from '../../testing/webgpu/conformance-page.js';

const PAGE_HTML = new TextEncoder().encode('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">');
const PAGE = fileURLToPath(new URL('../../testing/webgpu/conformance-page.js', import.meta.url));

/** The page module bundled for the browser. */
async function conformanceBundle(): Promise<Uint8Array> {
  const out = await build({ entryPoints: [PAGE], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.contents;
}

test('every webgpu kernel matches the reference backend within its stated tolerance, on SwiftShader in Chromium', { skip: skipWithoutChromium, timeout: 180_000 }, async (t) => {
  const server = await startStaticServer({ root: fileURLToPath(new URL('./', import.meta.url)), extra: { '/conformance.js': await conformanceBundle(), '/index.html': PAGE_HTML } });
  t.after(() => server.close());
  const browser = await launchChromium({ webgpu: true });
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`${server.url}index.html`);
  const result = (await page.evaluate(async () => {
    const m = await import('/conformance.js' as string);
    return m.runConformance();
  })) as { adapter: string; reports: CaseReport[] } | { unavailable: string };
  if ('unavailable' in result) {
    t.skip(`no WebGPU adapter in this Chromium: ${result.unavailable}`);
    return;
  }
  assert.ok(result.reports.length > 100, `only ${result.reports.length} cases ran`);
  const failed = result.reports.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail} (worst ${r.worst.toFixed(2)} of tolerance; ${r.tolerance.why})`);
  assert.deepEqual(failed, [], `on ${result.adapter}`);
});

test('on webgpu, a buffer past maxStorageBufferBindingSize is refused with the limit, and every call after the device is lost fails with DeviceLostError', { skip: skipWithoutChromium, timeout: 120_000 }, async (t) => {
  const server = await startStaticServer({ root: fileURLToPath(new URL('./', import.meta.url)), extra: { '/conformance.js': await conformanceBundle(), '/index.html': PAGE_HTML } });
  t.after(() => server.close());
  const browser = await launchChromium({ webgpu: true });
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`${server.url}index.html`);
  const r = (await page.evaluate(async () => {
    const m = await import('/conformance.js' as string);
    return m.runFailureChecks();
  })) as Record<string, string>;
  if ('unavailable' in r) {
    t.skip(`no WebGPU adapter in this Chromium: ${r.unavailable}`);
    return;
  }
  assert.match(r.limit!, /^DeviceLimitError: webgpu backend: a buffer of 33554433 floats needs 134217732 bytes, more than the adapter's maxStorageBufferBindingSize of 134217728 bytes$/);
  assert.match(r.kernel!, /^DeviceLostError: webgpu backend: the GPU device was lost \(destroyed/);
  assert.match(r.download!, /^DeviceLostError: /);
  assert.match(r.scalars!, /^DeviceLostError: /);
});
