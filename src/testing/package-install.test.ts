/**
 * The packed package as a user gets it: `npm pack`, then `npm install --offline` of the tarball in
 * an empty project (no dependency, so no registry). Node imports it, trains, saves and exports
 * ONNX; the CLI writes a report with its charts; `require` works;
 * TypeScript checks a user's file under `strict` without `skipLibCheck`, with `nodenext` and with
 * `bundler` resolution; an esbuild bundle of a page trains in Chromium on the wasm backend with
 * nothing copied beside it; the commands that need an optional package name it in one line. The
 * installed size is printed.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { startStaticServer } from '../playground/node/static-server.js';
import { launchChromium, skipWithoutChromium } from './chromium.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** Installed size the package must stay under (library and CLI, nothing optional). */
const SIZE_LIMIT_MB = 20;

/** Bytes of the files under `dir`. */
async function sizeOf(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += await sizeOf(path);
    else if (entry.isFile()) bytes += (await stat(path)).size;
  }
  return bytes;
}

async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && keep(entry.name)) found.push(join(entry.parentPath, entry.name));
  return found;
}

let installed: Promise<string> | null = null;
let tempDir: string | null = null;
after(() => (tempDir ? rm(tempDir, { recursive: true, force: true }) : undefined));

/** An empty project with the packed tarball installed offline, made once for this file's tests. */
function installedProject(): Promise<string> {
  return (installed ??= install());
}

async function install(): Promise<string> {
  const dir = (tempDir = await mkdtemp(join(tmpdir(), 'noisenet-install-')));
  // --ignore-scripts: packing must not run `prepack` (a rebuild) under the running tests.
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, maxBuffer: 1 << 26 });
  const [pack] = JSON.parse(packed.stdout) as { filename: string }[];
  const project = join(dir, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', join(dir, pack!.filename)], { cwd: project });
  return project;
}

const TRAIN = `
import { sequential, input, dense, adam, loadDataset, imagesOf, labelsOf, subsetSplit, getBackend, saveModel, exportOnnx } from 'noisenet';
const data = await loadDataset('mnist-mini');
const train = subsetSplit(data.train, 256, 1);
const model = sequential([input({ shape: [784] }), dense({ units: 16, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })]);
model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy' });
const h = await model.fit(imagesOf(train), labelsOf(train), { epochs: 2, batchSize: 32, seed: 1 });
await saveModel(model, 'model');
console.log(JSON.stringify({ backend: getBackend().name, loss: h.history.loss, train: data.train.count, test: data.test.count, onnxBytes: exportOnnx(model).length }));
`;

test('the packed package installs offline with no dependency, no install script and no native module, and stays small', { timeout: 120_000 }, async (t) => {
  const project = await installedProject();
  const modules = join(project, 'node_modules');
  assert.deepEqual((await readdir(modules)).filter((n) => !n.startsWith('.')), ['noisenet'], 'packages installed beside noisenet');
  const manifest = JSON.parse(await readFile(join(modules, 'noisenet', 'package.json'), 'utf8')) as { scripts?: Record<string, string>; dependencies?: object };
  assert.deepEqual(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s)), [], 'install scripts');
  assert.equal(manifest.dependencies, undefined);
  assert.deepEqual(await filesUnder(modules, (n) => n.endsWith('.node')), [], 'native modules');
  const mb = (await sizeOf(modules)) / 1e6;
  t.diagnostic(`installed size: ${mb.toFixed(1)} MB in node_modules (1 package)`);
  console.log(`noisenet installed from the packed tarball: ${mb.toFixed(1)} MB in node_modules, 1 package`);
  assert.ok(mb < SIZE_LIMIT_MB, `${mb.toFixed(1)} MB installed, more than ${SIZE_LIMIT_MB} MB`);

  // Node ESM: import, load the offline dataset, train, save.
  await writeFile(join(project, 'train.mjs'), TRAIN);
  const trained = JSON.parse((await run(process.execPath, ['train.mjs'], { cwd: project })).stdout) as { backend: string; loss: number[]; train: number; test: number; onnxBytes: number };
  assert.equal(trained.backend, 'wasm');
  assert.deepEqual([trained.train, trained.test], [8000, 2000]);
  assert.equal(trained.loss.length, 2);
  assert.ok(trained.loss[1]! < trained.loss[0]!, `the loss falls: ${trained.loss.join(', ')}`);
  assert.ok((await readdir(join(project, 'model'))).length > 0, 'the model is saved');
  assert.ok(trained.onnxBytes > 1000, `ONNX export (protobufjs, bundled): ${trained.onnxBytes} bytes`);

  // The CLI, and a report's charts (vega and vega-lite, bundled).
  const bin = join(modules, '.bin', 'noisenet');
  await run(bin, ['compare', '--dataset', 'mnist-mini', '--train-size', '200', '--epochs', '1', '--seeds', '1', '--quiet', '--out', 'compared'], { cwd: project });
  const report = await readFile(join(project, 'compared', 'report.html'), 'utf8');
  assert.ok((report.match(/<svg/g) ?? []).length >= 2, 'report.html has its charts');

  // CommonJS: require of the ES module (every Node release engines allows has require(esm)).
  await writeFile(join(project, 'require.cjs'), "const nn = require('noisenet'); console.log(typeof nn.loadDataset, typeof nn.sequential);");
  assert.equal((await run(process.execPath, ['require.cjs'], { cwd: project })).stdout, 'function function\n');

  // The optional packages: the commands that need them name them in one line.
  const worker = await run(bin, ['worker', '--queue', 'redis://127.0.0.1:1'], { cwd: project }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  assert.equal(worker?.code, 1);
  assert.match(worker!.stderr, /^noisenet worker: the sweep queue needs the optional packages bullmq and ioredis, not installed here \(.*\); run npm install bullmq ioredis\n$/);
  const status = await run(bin, ['sweep', '--status', '--queue', 'redis://127.0.0.1:1', '--name', 'x'], { cwd: project }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  assert.match(status!.stderr, /^noisenet sweep: the sweep queue needs the optional packages bullmq and ioredis, .*; run npm install bullmq ioredis\n$/);
  const png = await run(bin, ['compare', '--png', '--dataset', 'mnist-mini', '--out', 'runs'], { cwd: project }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  assert.match(png!.stderr, /^noisenet compare: --png needs the optional package @resvg\/resvg-js, which is not installed here \(.*\); run npm install @resvg\/resvg-js or leave out --png\n$/);
});

const USER_TS = `
import { loadDataset, saveModel, sequential, input, dense, type Dataset } from 'noisenet';
import { useBrowserPlatform, loadDatasetFromUrl } from 'noisenet/browser';
const data: Dataset = await loadDataset('mnist-mini');
const model = sequential([input({ shape: [784] }), dense({ units: 10, activation: 'softmax' })]);
await saveModel(model, 'out');
const info = await useBrowserPlatform();
const threads: number = info.threads;
const fetched: Promise<Dataset> = loadDatasetFromUrl('mnist-mini');
export { data, threads, fetched };
`;

test('a TypeScript user type-checks noisenet under strict without skipLibCheck or @types/node, with nodenext and with bundler resolution', { timeout: 120_000 }, async () => {
  const project = await installedProject();
  await writeFile(join(project, 'user.ts'), USER_TS);
  const settings = {
    nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
  };
  for (const [name, resolution] of Object.entries(settings)) {
    // types: [] - the public types need no @types/node (nor DOM types, nor any optional package).
    const config = { compilerOptions: { ...resolution, target: 'es2022', strict: true, skipLibCheck: false, noEmit: true, types: [] }, files: ['user.ts'] };
    await writeFile(join(project, `tsconfig.${name}.json`), JSON.stringify(config));
    const r = await run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], { cwd: project }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    assert.equal(r, '', `tsc with ${name} resolution`);
  }
});

const PAGE_JS = `
import { useBrowserPlatform, sequential, input, dense, adam, getBackend } from 'noisenet';
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const fromWorker = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.onerror = (e) => resolve({ error: e.message }); });
const x = Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7, (i % 5) / 5]);
const y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));
async function train() {
  const model = sequential([input({ shape: [4] }), dense({ units: 8, activation: 'relu' }), dense({ units: 2, activation: 'softmax' })]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
  const h = await model.fit(x, y, { epochs: 3, batchSize: 16, seed: 1 });
  return { backend: getBackend().name, loss: h.history.loss };
}
globalThis.result = (async () => {
  try {
    const info = await useBrowserPlatform();
    const page = { info, ...(await train()) };
    worker.postMessage('go');
    return { page, worker: await fromWorker };
  } catch (e) { return { error: e.name + ': ' + e.message }; }
})();
export { train };
`;
const WORKER_JS = `
import { useBrowserPlatform, sequential, input, dense, adam, getBackend } from 'noisenet';
const x = Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7, (i % 5) / 5]);
const y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));
self.onmessage = async () => {
  try {
    const info = await useBrowserPlatform({ threads: 2 });
    const model = sequential([input({ shape: [4] }), dense({ units: 8, activation: 'relu' }), dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    const h = await model.fit(x, y, { epochs: 3, batchSize: 16, seed: 1 });
    postMessage({ info, backend: getBackend().name, threads: getBackend().threads, loss: h.history.loss });
  } catch (e) { postMessage({ error: e.name + ': ' + e.message }); }
};
`;

interface Trained {
  info: { threads: number; sharedMemory: boolean };
  backend: string;
  threads?: number;
  loss: number[];
  error?: string;
}

test('an esbuild bundle of a page that imports noisenet trains in Chromium on the wasm backend, kernel workers included, with no file copied beside it', { skip: skipWithoutChromium, timeout: 180_000 }, async (t) => {
  const project = await installedProject();
  await writeFile(join(project, 'page.js'), PAGE_JS);
  await writeFile(join(project, 'worker.js'), WORKER_JS);
  // Bundlers that rewrite new URL('file', import.meta.url) into an asset of their own (Vite) must find none to rewrite.
  const entry = await readFile(join(project, 'node_modules', 'noisenet', 'dist', 'browser', 'noisenet-embedded.js'), 'utf8');
  assert.deepEqual(entry.match(/new URL\(\s*(['"`])[^'"`]*\1\s*,\s*import\.meta\.url\s*\)/g), null, 'asset URLs a bundler would rewrite');
  const out = join(project, 'site');
  await build({ entryPoints: ['page.js', 'worker.js'], absWorkingDir: project, bundle: true, format: 'esm', platform: 'browser', outdir: out, logLevel: 'silent' });
  await writeFile(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="page.js"></script>');
  assert.deepEqual((await readdir(out)).sort(), ['index.html', 'page.js', 'worker.js'], 'the site holds the page and its bundles only');

  // Isolated (threads in the worker); the page's own CSP left to the user (blob: workers must be allowed).
  const requests: string[] = [];
  const server = await startStaticServer({ root: out, isolation: true, csp: false, onRequest: (method, path) => void requests.push(`${method} ${path}`) });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  await page.goto(server.url);
  const r = (await page.evaluate(() => (globalThis as unknown as { result: Promise<unknown> }).result)) as { page: Trained; worker: Trained; error?: string };
  assert.equal(r.error, undefined);
  assert.equal(r.page.backend, 'wasm', 'the page trains on the wasm backend');
  assert.equal(r.page.info.sharedMemory, true);
  assert.ok(r.page.loss[2]! < r.page.loss[0]!, `the page's loss falls: ${r.page.loss.join(', ')}`);
  assert.equal(r.worker.error, undefined);
  assert.deepEqual([r.worker.backend, r.worker.info.threads, r.worker.threads], ['wasm', 2, 2], 'the worker trains on the wasm backend with a kernel worker');
  assert.ok(r.worker.loss[2]! < r.worker.loss[0]!, `the worker's loss falls: ${r.worker.loss.join(', ')}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests.filter((q) => !/^GET \/(index\.html|page\.js|worker\.js)?$/.test(q)), [], 'requests for other files');
});
