#!/usr/bin/env node
/**
 * `npm run bench:webgpu`: the article's MLP (GaussianNoise 0.1 -> Dense 128 relu -> Dense 64 relu
 * -> Dense 10 softmax) and Keras' convnet, Adam, sparse categorical cross-entropy, batch 32, on
 * Fashion-MNIST, in headless Chromium with WebGPU turned on, side by side in one page: noisenet
 * on its wasm backend (kernel workers, a cross-origin isolated page) and on its webgpu backend,
 * TF.js 4.22 on its webgpu backend and jax-js on its webgpu device (one jit-compiled step, Adam
 * written out), each in its own module worker. Each trains 2 untimed warm-up batches (pipeline
 * compilation), then the timed batches: a whole epoch (1,875 batches) on a hardware adapter; on a
 * software one (SwiftShader, which runs WebGPU on the CPU) a fixed number of batches, scaled to
 * the epoch and said so. Prints the adapter, one line per measurement, then one JSON line.
 * Needs `npm run build` and /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
 * Options: --batches-mlp N, --batches-convnet N (timed batches), --only LIBRARY[,LIBRARY].
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { PAGE, NOISENET_WORKER, TFJS_ENTRY, JAX_ENTRY } from './bench/webgpu-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const FASHION = '/usr/share/datasets/fashion-mnist';
const EPOCH_BATCHES = 1875; // 60,000 images / 32
const WARMUP = 2;
const LIBRARIES = ['noisenet-wasm', 'noisenet-webgpu', 'tfjs-webgpu', 'jax-webgpu'];

const fail = (m) => {
  console.error(`bench-webgpu: ${m}`);
  process.exit(1);
};
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const count = (name) => {
  const v = option(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > EPOCH_BATCHES) fail(`${name} must be an integer from 1 to ${EPOCH_BATCHES}, received ${v}`);
  return n;
};
const only = option('--only')?.split(',') ?? LIBRARIES;
for (const l of only) if (!LIBRARIES.includes(l)) fail(`--only takes ${LIBRARIES.join(', ')}, received ${l}`);
if (!existsSync(join(root, 'dist', 'browser', 'noisenet.js'))) fail('dist/browser/ is missing; run npm run build first');
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing (apt-get install -y chromium)`);
const files = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
if (!files.every((f) => existsSync(join(FASHION, f)))) fail(`Fashion-MNIST is missing from ${FASHION} (apt-get install -y dataset-fashion-mnist)`);

/** A module worker bundled from `source` (resolving imports from scripts/bench/ and node_modules). */
async function bundleWorker(source) {
  const r = await build({ stdin: { contents: source, resolveDir: join(root, 'scripts', 'bench'), loader: 'js' }, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'error', legalComments: 'none', nodePaths: [join(root, 'node_modules')] });
  return r.outputFiles[0].contents;
}

const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');
const { startStaticServer } = await import(pathToFileURL(join(root, 'dist', 'playground', 'node', 'static-server.js')).href);
// The tests' Chromium flags with WebGPU on (without --disable-gpu): on a machine without a GPU they give SwiftShader's adapter.
const { chromiumArgs } = await import(pathToFileURL(join(root, 'dist', 'testing', 'chromium.js')).href);
const text = (s) => Buffer.from(s, 'utf8');
const extra = {
  '/bench/index.html': text(PAGE),
  '/bench/noisenet-worker.js': text(NOISENET_WORKER),
  '/bench/tfjs-worker.js': await bundleWorker(TFJS_ENTRY),
  '/bench/jax-worker.js': await bundleWorker(JAX_ENTRY),
  ...Object.fromEntries(files.map((f) => [`/fashion/${f}`, join(FASHION, f)])),
};
const server = await startStaticServer({ root: join(root, 'dist'), isolation: true, csp: false, extra });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs(true) });
const page = await browser.newPage();
page.setDefaultTimeout(0);
await page.goto(`${server.url}bench/index.html`);
await page.waitForFunction(() => globalThis.ready === true);
const adapter = await page.evaluate(() => globalThis.adapter());
const software = adapter.error !== undefined || adapter.fallback || /swiftshader|lavapipe|llvmpipe/i.test(`${adapter.architecture} ${adapter.description} ${adapter.device}`);
const swiftshader = /swiftshader/i.test(`${adapter.architecture} ${adapter.description} ${adapter.device}`);
const batches = {
  mlp: count('--batches-mlp') ?? (software ? 100 : EPOCH_BATCHES),
  convnet: count('--batches-convnet') ?? (software ? 10 : EPOCH_BATCHES),
};
const version = await browser.version();
const adapterLine = adapter.error ? `none (${adapter.error})` : `${adapter.vendor} ${adapter.architecture}${adapter.description ? ` (${adapter.description})` : ''}${swiftshader ? ': SwiftShader, WebGPU emulated on the CPU, not a GPU' : software ? ': a software adapter, not a GPU' : ''}`;
console.log(`Chromium ${version}, ${availableParallelism()} cores, ${new Date().toISOString()}`);
console.log(`WebGPU adapter: ${adapterLine}`);
for (const m of ['mlp', 'convnet']) console.log(`${m}: ${WARMUP} warm-up batches, then ${batches[m]} timed batches of 32${batches[m] < EPOCH_BATCHES ? `, scaled to the epoch's ${EPOCH_BATCHES} (a whole epoch is too slow on ${swiftshader ? 'SwiftShader' : 'this adapter'})` : ' (one epoch)'}`);

const results = {};
for (const model of ['mlp', 'convnet']) {
  results[model] = {};
  for (const lib of only) {
    const [library, backend] = lib.split('-');
    const job = { library, backend, model, batches: batches[model], warmup: WARMUP };
    const r = await page.evaluate((j) => globalThis.bench(j), job);
    const label = `${model.padEnd(8)} ${lib.padEnd(16)}`;
    if (r.unavailable || r.error) {
      console.log(`${label} not available: ${r.unavailable ?? r.error}`);
      results[model][lib] = { available: false, reason: r.unavailable ?? r.error };
      continue;
    }
    const epoch = (r.seconds / batches[model]) * EPOCH_BATCHES;
    console.log(`${label} ${r.seconds.toFixed(2)} s for ${batches[model]} batches (${((r.seconds / batches[model]) * 1000).toFixed(1)} ms a batch, epoch ${epoch.toFixed(1)} s), loss ${r.loss.toFixed(4)}${r.notice ? `; ${r.notice}` : ''}`);
    results[model][lib] = { available: true, seconds: r.seconds, epoch_s: epoch, loss: r.loss };
  }
}
await page.close();
await browser.close();
await server.close();

const round = (x, d = 3) => Number(x.toFixed(d));
const line = { bench: 'webgpu-epoch', chromium: version, cores: availableParallelism(), adapter: adapter.error ? null : { vendor: adapter.vendor, architecture: adapter.architecture, description: adapter.description || undefined }, swiftshader, software_adapter: software, warmup_batches: WARMUP, epoch_batches: EPOCH_BATCHES };
for (const model of ['mlp', 'convnet']) {
  const r = results[model];
  const s = (lib) => (r[lib]?.available ? r[lib].epoch_s : null);
  line[model] = {
    timed_batches: batches[model],
    epoch_s: batches[model] < EPOCH_BATCHES ? 'scaled from the timed batches' : 'measured',
    ...Object.fromEntries(only.map((lib) => [`${lib.replace('-', '_')}_s`, s(lib) === null ? 'not available' : round(s(lib))])),
  };
  const ratio = (a, b) => (s(a) !== null && s(b) !== null ? round(s(a) / s(b), 2) : 'not available');
  for (const peer of ['tfjs-webgpu', 'jax-webgpu', 'noisenet-wasm']) if (only.includes(peer) && only.includes('noisenet-webgpu')) line[model][`${peer.replace('-', '_')}_over_noisenet_webgpu`] = ratio(peer, 'noisenet-webgpu');
  for (const peer of ['tfjs-webgpu', 'jax-webgpu']) if (only.includes(peer) && only.includes('noisenet-wasm')) line[model][`${peer.replace('-', '_')}_over_noisenet_wasm`] = ratio(peer, 'noisenet-wasm');
}
line.load_average = round(loadavg()[0], 1);
if (swiftshader) line.note = 'SwiftShader: WebGPU emulated on the CPU; these are not GPU figures';
console.log(JSON.stringify(line));
