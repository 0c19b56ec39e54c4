/**
 * Choosing the backend in headless Chromium, with the browser build: without WebGPU `auto`
 * falls back to wasm with a one-line notice and `webgpu` fails with one line; with WebGPU on
 * SwiftShader, `auto` names the adapter and keeps a small model (and, being a CPU emulation,
 * a big one) on wasm, saying why. The browser guide's example of the choice runs as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../playground/node/static-server.js';
import { launchChromium, skipWithoutChromium } from '../../testing/chromium.js';

const DIST = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>backend choice</title>';

interface Seen {
  small: { name: string; notice: string; adapter: { vendor: string; architecture: string; software: boolean } | null };
  big: { name: string; notice: string };
  webgpu: string;
}

/** In the page: the choices for the MLP and the convnet presets, and an explicit `webgpu`. */
async function choices(webgpu: boolean): Promise<Seen> {
  const server = await startStaticServer({ root: DIST, extra: { '/index.html': new TextEncoder().encode(PAGE) } });
  const browser = await launchChromium({ webgpu });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}index.html`);
    return (await page.evaluate(async () => {
      const nn = await import('/browser/noisenet.js' as string);
      await nn.useBrowserPlatform();
      const ref = nn.createBackend('ref');
      const mlp = nn.buildModel(nn.presetSpec('mlp', { inputShape: [784], classes: 10 }), { backend: ref });
      const convnet = nn.buildModel(nn.presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend: ref });
      const small = await nn.chooseBackend('auto', { model: mlp });
      const big = await nn.chooseBackend('auto', { model: convnet });
      const failed = await nn.chooseBackend('webgpu').then(
        (c: { backend: { dispose(): void } }) => (c.backend.dispose(), 'no error'),
        (e: Error) => `${e.name}: ${e.message}`,
      );
      small.backend.dispose();
      big.backend.dispose();
      return { small: { name: small.name, notice: small.notice, adapter: small.adapter }, big: { name: big.name, notice: big.notice }, webgpu: failed };
    })) as Seen;
  } finally {
    await browser.dispose();
    await server.close();
  }
}

test('in Chromium without WebGPU, auto falls back to wasm with a one-line notice and webgpu fails with one line', { skip: skipWithoutChromium, timeout: 120_000 }, async () => {
  const r = await choices(false);
  const why = /(this runtime has no WebGPU \(no navigator\.gpu; in a browser it needs a secure context: https or localhost\)|navigator\.gpu gave no WebGPU adapter \(no usable GPU, or WebGPU is turned off in this browser\))$/;
  for (const c of [r.small, r.big]) {
    assert.equal(c.name, 'wasm');
    assert.match(c.notice, new RegExp(`^noisenet: wasm backend: ${why.source}`));
  }
  assert.equal(r.small.adapter, null);
  assert.match(r.webgpu, new RegExp(`^WebGpuUnavailableError: webgpu backend: ${why.source}`));
  assert.doesNotMatch(`${r.small.notice}${r.webgpu}`, /\n/);
});

test('in Chromium with WebGPU on SwiftShader, auto names the adapter and keeps the MLP, and on a CPU emulation the convnet too, on wasm, saying why', { skip: skipWithoutChromium, timeout: 120_000 }, async () => {
  const r = await choices(true);
  assert.deepEqual(r.small.adapter && { vendor: r.small.adapter.vendor, architecture: r.small.adapter.architecture, software: r.small.adapter.software }, { vendor: 'google', architecture: 'swiftshader', software: true });
  assert.equal(r.small.name, 'wasm');
  assert.equal(r.small.notice, "noisenet: wasm backend, not WebGPU on google swiftshader (SwiftShader, a CPU emulation): the model's 0.11 million multiply-adds per sample are under the 1.00 million from which the GPU gains");
  assert.equal(r.big.name, 'wasm');
  assert.equal(r.big.notice, 'noisenet: wasm backend, not WebGPU on google swiftshader (SwiftShader, a CPU emulation): a software adapter is slower than the wasm backend');
  // Asked for explicitly, webgpu is not refused for want of an adapter.
  assert.doesNotMatch(r.webgpu, /no WebGPU adapter|no navigator\.gpu/);
});

test("the browser guide's backend choice example runs in a page's worker and posts its one-line notice", { skip: skipWithoutChromium, timeout: 120_000 }, async (t) => {
  const guide = await readFile(join(DIST, '..', 'docs', 'guides', 'browser-and-playground.md'), 'utf8');
  const section = guide.slice(guide.indexOf('\n## On the GPU: WebGPU'));
  const script = /```javascript\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(script, 'the section has its example');
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-backend-choice-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'train.js'), script);
  await writeFile(join(dir, 'index.html'), PAGE);
  await cp(join(DIST, 'browser'), join(dir, 'node_modules', 'noisenet', 'dist', 'browser'), { recursive: true });
  const server = await startStaticServer({ root: dir });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  await page.goto(`${server.url}index.html`);
  const posted = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const worker = new (globalThis as any).Worker('./train.js', { type: 'module' });
        worker.onmessage = (e: { data: string }) => resolve(e.data);
        worker.onerror = (e: { message: string }) => resolve(`worker error: ${e.message}`);
      }),
  );
  assert.match(posted, /^noisenet: wasm backend: (this runtime has no WebGPU|navigator\.gpu gave no WebGPU adapter) \([^\n]+\)$/);
});
