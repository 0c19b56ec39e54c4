#!/usr/bin/env node
/**
 * `npm run bench:browser`: one epoch of the article's model (784 -> GaussianNoise 0.1 -> Dense
 * 128 relu -> Dense 64 relu -> Dense 10 softmax, Adam, sparse CE, batch 32, 60,000 Fashion-MNIST
 * images, validation on 10,000) in headless Chromium (Debian's /usr/bin/chromium), in a Web
 * Worker: noisenet's browser build with kernel workers (a cross-origin isolated page), with
 * one thread, and on a page without isolation (unshared memory, one thread), against
 * TensorFlow.js 4.22 with its wasm backend in the same browser, and noisenet in Node (1 thread and
 * every core) as the anchor of the browser's overhead. Prints one line per setting, then
 * one JSON line with the ratios (all measured in this run). Needs `npm run build` and the Debian
 * package dataset-fashion-mnist. Options: --runs N (noisenet epochs per setting, median; default 3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { PAGE, NOISENET_WORKER, TFJS_WORKER } from './bench/browser-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const CHROMIUM = '/usr/bin/chromium';
const FASHION = '/usr/share/datasets/fashion-mnist';
const fail = (m) => {
  console.error(`bench-browser: ${m}`);
  process.exit(1);
};
if (!Number.isInteger(runs) || runs < 1) fail('--runs must be an integer >= 1');
if (!existsSync(join(root, 'dist', 'browser', 'noisenet.js'))) fail('dist/browser/ is missing; run npm run build first');
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing (apt-get install -y chromium)`);
const files = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
if (!files.every((f) => existsSync(join(FASHION, f)))) fail(`Fashion-MNIST is missing from ${FASHION} (apt-get install -y dataset-fashion-mnist)`);

const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');
const { startStaticServer } = await import(pathToFileURL(join(root, 'dist', 'playground', 'node', 'static-server.js')).href);
const tfjsDir = dirname(require.resolve('@tensorflow/tfjs/dist/tf.min.js'));
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
const text = (s) => Buffer.from(s, 'utf8');
const extra = {
  '/bench/index.html': text(PAGE),
  '/bench/noisenet-worker.js': text(NOISENET_WORKER),
  '/bench/tfjs-worker.js': text(TFJS_WORKER),
  '/tfjs/tf.min.js': join(tfjsDir, 'tf.min.js'),
  '/tfjs/tf-backend-wasm.min.js': join(wasmDir, 'tf-backend-wasm.min.js'),
  ...Object.fromEntries(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => [`/tfjs/${f}`, join(wasmDir, f)])),
  ...Object.fromEntries(files.map((f) => [`/fashion/${f}`, join(FASHION, f)])),
};

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function measure(label, job, isolation) {
  // TF.js starts its threads from blob: URLs, which the playground's Content-Security-Policy forbids: the bench page has none.
  const server = await startStaticServer({ root: join(root, 'dist'), isolation, csp: false, extra });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/index.html`);
    await page.waitForFunction(() => globalThis.ready === true);
    const r = await page.evaluate((j) => globalThis.bench(j), job);
    await page.close();
    if (r.error) fail(`${label}: ${r.error}`);
    const epoch = median(r.epochs_s);
    console.log(`${label.padEnd(44)} epoch ${epoch.toFixed(2)} s (${r.epochs_s.map((e) => e.toFixed(2)).join(', ')}), val_accuracy ${r.val_accuracy.toFixed(4)}`);
    return { ...r, epoch_s: epoch };
  } finally {
    await server.close();
  }
}

const version = await browser.version();
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Chromium ${version}, ${new Date().toISOString()}`);
const threaded = await measure('noisenet, kernel workers (isolated page)', { kind: 'noisenet', runs }, true);
const one = await measure('noisenet, 1 thread (isolated page)', { kind: 'noisenet', runs, threads: 1 }, true);
const unshared = await measure('noisenet, 1 thread (page not isolated)', { kind: 'noisenet', runs }, false);
const tfjs = await measure('TensorFlow.js 4.22 wasm backend (isolated page)', { kind: 'tfjs' }, true);
await browser.close();
/**
 * noisenet in Node on the same data, in a child process (scripts/bench/noisenet-run.mjs), with
 * the plain-SIMD build browsers get (Node would otherwise use relaxed SIMD), so the two run the
 * same arithmetic.
 */
function nodeEpoch(threads) {
  const env = { ...process.env, NOISENET_RELAXED_SIMD: '0' };
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'noisenet-run.mjs'), root, String(threads), String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status !== 0 || !line) fail(`noisenet in Node (${threads} threads) failed:\n${r.stderr}`);
  const m = JSON.parse(line);
  console.log(`${`noisenet in Node ${process.version}, ${threads} thread${threads > 1 ? 's' : ''}, ${m.arithmetic}`.padEnd(44)} epoch ${m.epoch_s.toFixed(2)} s (${m.epochs_s.map((e) => e.toFixed(2)).join(', ')}), val_accuracy ${m.val_accuracy.toFixed(4)}`);
  return m.epoch_s;
}
const node1 = nodeEpoch(1);
const nodeN = nodeEpoch(threaded.threads);
const round = (x, d = 3) => Number(x.toFixed(d));
console.log(
  JSON.stringify({
    bench: 'browser-epoch',
    chromium: version,
    cores: availableParallelism(),
    noisenet_threads: threaded.threads,
    noisenet_threaded_s: round(threaded.epoch_s),
    noisenet_1thread_s: round(one.epoch_s),
    noisenet_unshared_s: round(unshared.epoch_s),
    tfjs_wasm_s: round(tfjs.epoch_s),
    tfjs_wasm_threads: tfjs.threads,
    tfjs_wasm_simd: tfjs.simd,
    tfjs_over_noisenet_threaded: round(tfjs.epoch_s / threaded.epoch_s, 2),
    tfjs_over_noisenet_1thread: round(tfjs.epoch_s / one.epoch_s, 2),
    noisenet_1thread_over_threaded: round(one.epoch_s / threaded.epoch_s, 2),
    noisenet_unshared_over_1thread: round(unshared.epoch_s / one.epoch_s, 2),
    node_1thread_s: round(node1),
    node_threaded_s: round(nodeN),
    browser_over_node_1thread: round(one.epoch_s / node1, 2),
    browser_over_node_threaded: round(threaded.epoch_s / nodeN, 2),
    load_average: round(loadavg()[0], 1),
  }),
);
