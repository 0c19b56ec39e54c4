/**
 * The browser platform where the kernels are missing, in headless Chromium: the browser build
 * served without the files it fetches says which files to serve, and a page that never loaded
 * the kernels is told to await useBrowserPlatform(), not advice meant for Node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../../playground/node/static-server.js';
import { launchChromium, skipWithoutChromium } from '../../../testing/chromium.js';

const BUNDLE = fileURLToPath(new URL('../../../browser/noisenet.js', import.meta.url));

test('a page whose browser build lacks the kernels is told in browser terms which files to serve, and which call it missed', { skip: skipWithoutChromium, timeout: 60_000 }, async (t) => {
  // noisenet.js alone: no kernels.wasm, kernels-unshared.wasm or kernel-worker.js beside it.
  const server = await startStaticServer({ root: fileURLToPath(new URL('./', import.meta.url)), extra: { '/lib/noisenet.js': await readFile(BUNDLE), '/index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' } });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`${server.url}index.html`);
  const r = await page.evaluate(async () => {
    const nn = await import('/lib/noisenet.js' as string);
    const failed = await nn.useBrowserPlatform().then(
      () => 'no error',
      (e: Error) => `${e.name}: ${e.message}`,
    );
    return { failed, backend: nn.getBackend().name, notice: nn.backendNotice() as string | null };
  });
  assert.match(r.failed, /^NoisenetError: wasm backend: cannot fetch http:\/\/127\.0\.0\.1:\d+\/lib\/kernels(-unshared)?\.wasm \(HTTP 404\); serve kernels\.wasm, kernels-unshared\.wasm and kernel-worker\.js \(noisenet's dist\/browser\/\) from that folder or pass their folder as baseUrl; /);
  assert.equal(r.backend, 'ref');
  assert.match(r.notice ?? '', /^noisenet: the wasm backend did not start \(wasm backend: the kernels are not loaded \(await useBrowserPlatform\(\) before building models\)\); using the slower reference backend$/);
  assert.doesNotMatch(r.notice ?? '', /Node|loadWasmKernels/);
});
