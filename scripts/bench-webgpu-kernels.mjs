#!/usr/bin/env node
/**
 * The webgpu backend's matrix product in headless Chromium, beside the wasm backend in the same
 * page: GFLOP/s of `matmul` on a few shapes of the article's MLP (a batch of 128 through
 * 784 -> 128, and the two products of its backward pass), on whatever WebGPU adapter Chromium
 * offers (here SwiftShader, a CPU implementation: a sanity check, not a GPU figure). Prints one
 * line per shape and backend, then one JSON line. Needs `npm run build`.
 * Usage: node scripts/bench-webgpu-kernels.mjs [--reps N]
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const reps = repsAt >= 0 ? Number(args[repsAt + 1]) : 20;
const fail = (m) => {
  console.error(`bench-webgpu-kernels: ${m}`);
  process.exit(1);
};
if (!Number.isInteger(reps) || reps < 1) fail('--reps must be an integer >= 1');
const page = join(root, 'dist', 'testing', 'webgpu', 'conformance-page.js');
if (!existsSync(page) || !existsSync(join(root, 'dist', 'browser', 'noisenet.js'))) fail('dist/ is missing; run npm run build first');

const require = createRequire(join(root, 'package.json'));
const { build } = require('esbuild');
const { startStaticServer } = await import(pathToFileURL(join(root, 'dist', 'playground', 'node', 'static-server.js')).href);
const { launchChromium } = await import(pathToFileURL(join(root, 'dist', 'testing', 'chromium.js')).href);
const bundle = await build({ entryPoints: [page], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
const server = await startStaticServer({ root: join(root, 'dist', 'browser'), extra: { '/conformance.js': bundle.outputFiles[0].contents, '/index.html': Buffer.from('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">', 'utf8') } });
const browser = await launchChromium({ webgpu: true });
try {
  const tab = await browser.newPage();
  await tab.goto(`${server.url}index.html`);
  const result = await tab.evaluate(async (reps) => {
    const m = await import('/conformance.js');
    const nn = await import('/noisenet.js');
    await nn.useBrowserPlatform();
    const shapes = [
      { name: 'forward 128x784 * 784x128', m: 128, k: 784, n: 128, transA: false, transB: false },
      { name: 'weight gradient (784x128)^T-style: x^T dy', m: 784, k: 128, n: 128, transA: true, transB: false },
      { name: 'input gradient dy w^T', m: 128, k: 128, n: 784, transA: false, transB: true },
    ];
    const adapter = await m.adapterName();
    const gpu = await m.createWebGpuBackend();
    const wasm = nn.createBackend('wasm', { threads: 1 });
    const rows = [];
    for (const s of shapes) {
      const webgpu = await m.matmulGflops(gpu, s.m, s.k, s.n, reps, s.transA, s.transB);
      const wasm1 = await m.matmulGflops(wasm, s.m, s.k, s.n, reps, s.transA, s.transB);
      rows.push({ shape: s.name, webgpu, wasm: wasm1 });
    }
    gpu.dispose();
    wasm.dispose();
    return { adapter, rows };
  }, reps);
  for (const r of result.rows) console.log(`${r.shape}: webgpu (${result.adapter}) ${r.webgpu.toFixed(2)} GFLOP/s, wasm (1 thread) ${r.wasm.toFixed(2)} GFLOP/s`);
  console.log(JSON.stringify({ adapter: result.adapter, reps, shapes: result.rows.map((r) => ({ shape: r.shape, webgpuGflops: +r.webgpu.toFixed(3), wasmGflops: +r.wasm.toFixed(3), ratio: +(r.webgpu / r.wasm).toFixed(3) })) }));
} finally {
  await browser.dispose();
  await server.close();
}
