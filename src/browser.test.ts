/**
 * The browser build (dist/browser/noisenet.js) in headless Chromium, served with and without the
 * cross-origin isolation headers: in a Web Worker of an isolated page the wasm backend uses
 * kernel workers (threads), elsewhere one thread; every noise technique trains to the same
 * history as in Node, bit for bit; predict, callbacks, IndexedDB and model files work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './playground/node/static-server.js';
import { startPlayground } from './playground/node/playground-server.js';
import { launchChromium, skipWithoutChromium } from './testing/chromium.js';
import { assertSameNumbers, sameMathAsNode } from './testing/browser-math.js';
import { TECHNIQUES } from './techniques/index.js';
import { buildRun } from './run/build-run.js';
import { RUN_DEFAULTS } from './run/run-settings.js';
import { loadMnistMini } from './data/node/mnist-mini.js';
import { subsetSplit } from './data/subset-split.js';
import { imagesOf, labelsOf } from './data/split-tensors.js';
import { createWasmBackend } from './kernels/wasm/wasm-backend.js';
import { nodeWasmPlatformWith } from './kernels/wasm/node/platform.js';

const DIST = fileURLToPath(new URL('.', import.meta.url));
// The MLP of this test has no feature maps: techniques that need conv layers are covered by the contract test.
// Noise on residual branches needs a residual graph; it is trained on one in src/cli/noise-cli.test.ts and src/noise/branch-noise.test.ts.
const SPECS = ['', ...TECHNIQUES.filter((t) => !t.definition.featureMaps && t.kind !== 'branch').map((t) => t.example)];

/** The worker: trains one small model per spec on 512 mnist-mini digits, then checks predict and storage. */
const WORKER = `
import * as nn from '/browser/noisenet.js';
const failure = async (f) => { try { await f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } };
async function run(job) {
  const info = await nn.useBrowserPlatform(job.threads ? { threads: job.threads } : {});
  const data = await nn.loadDatasetFromUrl('mnist-mini');
  const train = nn.subsetSplit(data.train, 512, 1), val = nn.subsetSplit(data.test, 256, 2);
  const [x, y, vx, vy] = [nn.imagesOf(train), nn.labelsOf(train), nn.imagesOf(val), nn.labelsOf(val)];
  const histories = {}, epochsSeen = {};
  let model;
  for (const spec of job.specs) {
    const run = nn.buildRun({ ...nn.RUN_DEFAULTS, hidden: [32], noise: spec ? [spec] : [] }, { inputShape: [784], classes: 10, imageShape: [28, 28] });
    epochsSeen[spec] = [];
    const h = await run.model.fit(x, y, { epochs: 2, batchSize: 32, seed: 7, validationData: [vx, vy], callbacks: [{ onEpochEnd: (e) => epochsSeen[spec].push(e) }], ...run.fitOptions });
    histories[spec] = h.history;
    model ??= run.model;
  }
  const p = model.predict(vx);
  const rows = Array.from(p.data.subarray(0, 30));
  await nn.saveModelToIndexedDB(model, 'baseline');
  const stored = Array.from((await nn.loadModelFromIndexedDB('baseline')).predict(vx).data.subarray(0, 30));
  const listed = await nn.listModelsInIndexedDB();
  await nn.deleteModelFromIndexedDB('baseline');
  const files = nn.modelFiles(model, 'baseline');
  const fromFiles = Array.from((await nn.loadModelFromFiles(files)).predict(vx).data.subarray(0, 30));
  const other = nn.buildModel(nn.presetSpec('mlp', { inputShape: [784], classes: 10, hidden: [16] }));
  const [otherJson] = nn.modelFiles(other, 'baseline');
  return {
    info, threads: nn.getBackend().threads, histories, epochsSeen, shape: p.shape, rows, stored, fromFiles, listed,
    afterDelete: await nn.listModelsInIndexedDB(),
    fileNames: files.map((f) => f.name),
    missing: await failure(() => nn.loadModelFromIndexedDB('nope')),
    otherArchitecture: await failure(() => nn.loadModelFromFiles([otherJson, files[1]])),
    noWeights: await failure(() => nn.loadModelFromFiles([files[0]])),
  };
}
self.onmessage = async ({ data }) => {
  try { postMessage({ ok: await run(data) }); } catch (e) { postMessage({ error: e.name + ': ' + e.message }); }
};`;

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>noisenet in a worker</title>';

/**
 * Node's histories for the same runs, on the wasm build browsers get (plain SIMD: relaxed SIMD's
 * fused multiply-add may round differently from one engine to another).
 */
async function nodeHistories(): Promise<Record<string, Record<string, number[]>>> {
  const data = await loadMnistMini();
  const train = subsetSplit(data.train, 512, 1);
  const val = subsetSplit(data.test, 256, 2);
  const out: Record<string, Record<string, number[]>> = {};
  const backend = createWasmBackend({ threads: 1 }, nodeWasmPlatformWith('simd'));
  for (const spec of SPECS) {
    const run = buildRun({ ...RUN_DEFAULTS, hidden: [32], noise: spec ? [spec] : [] }, { inputShape: [784], classes: 10, imageShape: [28, 28] }, { backend });
    const h = await run.model.fit(imagesOf(train), labelsOf(train), { epochs: 2, batchSize: 32, seed: 7, validationData: [imagesOf(val), labelsOf(val)], ...run.fitOptions });
    out[spec] = h.history;
  }
  backend.dispose();
  return out;
}

interface WorkerResult {
  info: { threads: number; sharedMemory: boolean; singleThreadReason: string | null };
  threads: number;
  histories: Record<string, Record<string, number[]>>;
  epochsSeen: Record<string, number[]>;
  shape: number[];
  rows: number[];
  stored: number[];
  fromFiles: number[];
  listed: string[];
  afterDelete: string[];
  fileNames: string[];
  missing: string;
  otherArchitecture: string;
  noWeights: string;
}

test('the browser build trains in a Web Worker: threads when isolated, one thread otherwise, every technique as in Node; predict, IndexedDB and model files', { skip: skipWithoutChromium, timeout: 240_000 }, async (t) => {
  const expected = await nodeHistories();
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  for (const isolation of [true, false]) {
    const requests: string[] = [];
    const server = await startStaticServer({ root: DIST, isolation, extra: { '/test/index.html': text(PAGE), '/test/worker.js': text(WORKER) }, onRequest: (method, path) => void requests.push(`${method} ${path}`) });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
      page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
      await page.goto(`${server.url}test/index.html`);
      // Bit for bit when the page's JavaScript engine computes Math.exp, Math.log, ... as Node's; to float rounding otherwise.
      const exact = await sameMathAsNode(page);
      const reply = await page.evaluate(
        (job) =>
          new Promise<{ ok?: unknown; error?: string }>((resolve) => {
            type Reply = { ok?: unknown; error?: string };
            const W = (globalThis as unknown as { Worker: new (url: string, o: object) => { onmessage: (e: { data: Reply }) => void; onerror: (e: { message: string }) => void; postMessage(m: unknown): void } }).Worker;
            const w = new W('/test/worker.js', { type: 'module' });
            w.onmessage = (e) => resolve(e.data);
            w.onerror = (e) => resolve({ error: `worker error: ${e.message}` });
            w.postMessage(job);
          }),
        { specs: SPECS, threads: isolation ? 2 : undefined },
      );
      const label = isolation ? 'isolated' : 'not isolated';
      assert.equal(reply.error, undefined, `${label}: ${reply.error}`);
      const r = reply.ok as WorkerResult;
      if (isolation) {
        assert.deepEqual(r.info, { threads: 2, sharedMemory: true, singleThreadReason: null });
        assert.equal(r.threads, 2);
        assert.ok(page.workers().length >= 2, `the training worker and a kernel worker (${page.workers().length} workers)`);
      } else {
        assert.equal(r.info.threads, 1);
        assert.equal(r.info.sharedMemory, false);
        assert.match(r.info.singleThreadReason ?? '', /not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/);
        assert.equal(r.threads, 1);
        assert.ok(requests.includes('GET /browser/kernels-unshared.wasm'), 'the unshared build of the kernels');
      }
      for (const spec of SPECS) {
        assertSameNumbers(r.histories[spec], expected[spec], exact, `${label}: '${spec || 'baseline'}' trains to Node's history`);
        assert.deepEqual(r.epochsSeen[spec], [0, 1]);
      }
      assert.deepEqual(r.shape, [256, 10]);
      for (let i = 0; i < 3; i++) assert.ok(Math.abs(r.rows.slice(10 * i, 10 * i + 10).reduce((a, b) => a + b, 0) - 1) < 1e-5, 'probabilities sum to 1');
      assert.deepEqual(r.stored, r.rows, 'IndexedDB round trip');
      assert.deepEqual(r.fromFiles, r.rows, 'model files round trip');
      assert.deepEqual([r.listed, r.afterDelete], [['baseline'], []]);
      assert.deepEqual(r.fileNames, ['baseline.json', 'baseline.weights.bin']);
      assert.equal(r.missing, 'ModelFileError: indexeddb://nope: no model saved under this name');
      assert.equal(r.otherArchitecture, 'ModelFileError: baseline.weights.bin: expected 50920 bytes (12730 float32 values for 4 weights), found 101800');
      assert.equal(r.noWeights, 'ModelFileError: baseline.weights.bin: file not given (baseline.json needs it; pick it together with the .json file)');
      assert.deepEqual(problems, [], label);
      assert.ok(requests.every((q) => q.startsWith('GET /test/') || q.startsWith('GET /browser/')), requests.join(' '));
      await page.close();
    } finally {
      await server.close();
    }
  }
});

test("on a page's main thread the browser build runs on one thread and says why", { skip: skipWithoutChromium, timeout: 60_000 }, async (t) => {
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const server = await startStaticServer({ root: DIST, extra: { '/test/index.html': text(PAGE) } });
  t.after(() => server.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}test/index.html`);
  const r = await page.evaluate(async () => {
    const nn = await import('/browser/noisenet.js' as string);
    const info = await nn.useBrowserPlatform();
    const model = nn.sequential([nn.input({ shape: [4] }), nn.dense({ units: 3, activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const h = await model.fit([[0, 0, 1, 1], [1, 1, 0, 0]], [0, 2], { epochs: 2, seed: 1 });
    return { info, backend: nn.getBackend().name, isolated: (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated, epochs: h.history.loss.length };
  });
  assert.deepEqual(r.info, { threads: 1, sharedMemory: true, singleThreadReason: "noisenet runs on the page's main thread, which may not wait for other threads; run it in a Web Worker to use threads" });
  assert.deepEqual([r.backend, r.isolated, r.epochs], ['wasm', true, 2]);
});

test("the browser guide's minimal page trains in Chromium as written, served by noisenet playground --dir", { skip: skipWithoutChromium, timeout: 120_000 }, async (t) => {
  const guide = await readFile(join(DIST, '..', 'docs', 'guides', 'browser-and-playground.md'), 'utf8');
  const section = guide.slice(guide.indexOf('\n## In the browser'));
  const html = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  const script = /```javascript\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(html && script, 'the section has the page and its worker');
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-readme-page-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'index.html'), html);
  await writeFile(join(dir, 'train.js'), script);
  await cp(join(DIST, 'browser'), join(dir, 'node_modules', 'noisenet', 'dist', 'browser'), { recursive: true });
  const server = await startPlayground({ dir });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const problems: string[] = [];
  // The page has no icon: the browser's request for /favicon.ico is the one allowed 404.
  page.on('console', (m) => void (m.type() === 'error' && !/^Failed to load resource: .* 404/.test(m.text()) ? problems.push(m.text()) : undefined));
  page.on('response', (r) => void (r.status() >= 400 && !r.url().endsWith('/favicon.ico') ? problems.push(`${r.status()} ${r.url()}`) : undefined));
  await page.goto(server.url);
  await page.waitForFunction(() => /saved as indexeddb/.test((globalThis as any).document.getElementById('log').textContent), null, { timeout: 100_000 });
  const log = (await page.locator('#log').textContent()) ?? '';
  const lines = log.split('\n');
  assert.match(lines[1]!, /^\d+ threads$|^one thread: the device reports 1 core$/);
  const accuracies = lines.filter((l) => l.startsWith('epoch ')).map((l) => Number(/val_accuracy (\d\.\d+)$/.exec(l)?.[1]));
  assert.equal(accuracies.length, 3);
  assert.ok(accuracies[2]! > 0.9, log);
  assert.equal(lines.at(-1), 'saved as indexeddb://mnist-mlp');
  assert.deepEqual(problems, []);
});
