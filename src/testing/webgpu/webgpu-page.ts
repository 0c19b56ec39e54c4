/**
 * For tests that run a page module on WebGPU: bundles the module for the browser, serves it from
 * 127.0.0.1 (a secure context, which `navigator.gpu` needs) and opens it in headless Chromium with
 * SwiftShader's WebGPU adapter. The server and the browser close when the test ends.
 */
import { build } from 'esbuild';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../playground/node/static-server.js';
import { launchChromium } from '../chromium.js';

const PAGE_HTML = new TextEncoder().encode('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">');

/**
 * Opens `modulePath` (a built .js file) in a WebGPU page; the returned function calls one of its
 * exports in the page and resolves with what it returns (structured-cloned).
 */
export async function openWebGpuPage(t: TestContext, modulePath: string): Promise<(exportName: string) => Promise<unknown>> {
  const bundle = (await build({ entryPoints: [modulePath], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' })).outputFiles[0]!.contents;
  const server = await startStaticServer({ root: fileURLToPath(new URL('./', import.meta.url)), extra: { '/page.js': bundle, '/index.html': PAGE_HTML } });
  t.after(() => server.close());
  const browser = await launchChromium({ webgpu: true });
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`${server.url}index.html`);
  return (exportName) =>
    page.evaluate(async (name) => {
      const m = (await import('/page.js' as string)) as Record<string, () => unknown>;
      return m[name]!();
    }, exportName);
}
