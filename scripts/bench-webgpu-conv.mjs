#!/usr/bin/env node
/**
 * The convnet's convolution kernels per batch in headless Chromium: the webgpu kernels on
 * whatever adapter the page gets (SwiftShader, the CPU, on a machine without a GPU) against
 * noisenet's wasm backend in the same page. Keras' simple MNIST convnet on 28x28x1 at batch 128:
 * conv1 (32 3x3 filters) forward and filter gradient, conv2 (64 3x3 filters on 13x13x32)
 * forward, input and filter gradient, the two max-poolings forward and backward. Prints one
 * JSON line: the adapter, milliseconds per batch of each part (median of --runs, default 3,
 * after one warm-up that compiles the pipelines) and the ratios. Needs `npm run build`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const batchAt = args.indexOf('--batch');
const batch = batchAt >= 0 ? Number(args[batchAt + 1]) : 128;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be an integer >= 1');
if (!existsSync(join(root, 'dist', 'browser', 'noisenet.js'))) throw new Error('dist/browser/ is missing; run npm run build first');

const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');
const { startStaticServer } = await import(pathToFileURL(join(root, 'dist', 'playground', 'node', 'static-server.js')).href);
const { chromiumArgs } = await import(pathToFileURL(join(root, 'dist', 'testing', 'chromium.js')).href);

const server = await startStaticServer({ root: join(root, 'dist'), extra: { '/bench-conv.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs(true) });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}bench-conv.html`);
  const result = await page.evaluate(async ({ runs, batch }) => {
    const nn = await import('/browser/noisenet.js');
    await nn.useBrowserPlatform();
    const wasm = nn.getBackend();
    const geometry = await import('/kernels/window-geometry.js');
    const { WebGpuContext } = await import('/kernels/webgpu/gpu-context.js');
    const conv = await import('/kernels/webgpu/convolution.js');
    const pool = await import('/kernels/webgpu/pooling.js');
    const adapter = await globalThis.navigator.gpu.requestAdapter();
    const info = adapter.info ?? {};
    const ctx = new WebGpuContext(await adapter.requestDevice());
    const c1 = geometry.conv2dGeometry(batch, { inShape: [28, 28, 1], filters: 32, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' });
    const p1 = geometry.pool2dGeometry(batch, { inShape: [26, 26, 32], poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    const c2 = geometry.conv2dGeometry(batch, { inShape: [13, 13, 32], filters: 64, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'valid' });
    const p2 = geometry.pool2dGeometry(batch, { inShape: [11, 11, 64], poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    const filled = (alloc, n) => { const a = alloc(n); for (let i = 0; i < n; i++) a[i] = Math.sin(i * 0.37) * 0.5; return a; };
    // The same buffers and calls on each backend; `sync` waits for the device.
    function parts(b, alloc, allocIndices) {
      const x1 = filled(alloc, geometry.inputSize(c1)), f1 = filled(alloc, geometry.filterSize(c1)), b1 = filled(alloc, 32), y1 = alloc(geometry.outputSize(c1));
      const m1 = alloc(geometry.outputSize(p1)), a1 = allocIndices(geometry.outputSize(p1)), f2 = filled(alloc, geometry.filterSize(c2)), b2 = filled(alloc, 64);
      const y2 = alloc(geometry.outputSize(c2)), m2 = alloc(geometry.outputSize(p2)), a2 = allocIndices(geometry.outputSize(p2));
      const dm2 = filled(alloc, geometry.outputSize(p2)), dy2 = alloc(geometry.outputSize(c2)), dx2 = alloc(geometry.inputSize(c2)), df2 = alloc(geometry.filterSize(c2));
      const dy1 = alloc(geometry.outputSize(c1)), df1 = alloc(geometry.filterSize(c1));
      return {
        'conv1 forward (bias, relu)': () => b.conv2dForward(x1, f1, y1, c1, b1, 'relu'),
        'pool1 forward': () => b.maxPool2dForward(y1, m1, a1, p1),
        'conv2 forward (bias, relu)': () => b.conv2dForward(m1, f2, y2, c2, b2, 'relu'),
        'pool2 forward': () => b.maxPool2dForward(y2, m2, a2, p2),
        'pool2 backward': () => b.maxPool2dBackward(dm2, a2, dy2, p2),
        'conv2 filter gradient': () => b.conv2dBackwardFilter(m1, dy2, df2, c2),
        'conv2 input gradient': () => b.conv2dBackwardInput(dy2, f2, dx2, c2),
        'pool1 backward': () => b.maxPool2dBackward(dx2, a1, dy1, p1),
        'conv1 filter gradient': () => b.conv2dBackwardFilter(x1, dy1, df1, c1),
      };
    }
    const gpuBackend = {
      conv2dForward: (...a) => conv.conv2dForward(ctx, ...a), conv2dBackwardInput: (...a) => conv.conv2dBackwardInput(ctx, ...a), conv2dBackwardFilter: (...a) => conv.conv2dBackwardFilter(ctx, ...a),
      maxPool2dForward: (...a) => pool.maxPool2dForward(ctx, ...a), maxPool2dBackward: (...a) => pool.maxPool2dBackward(ctx, ...a),
    };
    const gpuParts = parts(gpuBackend, (n) => { const a = ctx.allocFloat(n); return a; }, (n) => ctx.allocInt(n));
    const wasmParts = parts(wasm, (n) => wasm.alloc(n), (n) => wasm.allocIndices(n));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    async function time(ps, sync) {
      const out = {};
      for (const run of Object.values(ps)) { run(); await sync(); } // warm-up: uploads, pipelines
      for (const [name, run] of Object.entries(ps)) {
        const t = [];
        for (let r = 0; r < runs; r++) { const t0 = performance.now(); run(); await sync(); t.push(performance.now() - t0); }
        out[name] = Number(median(t).toFixed(2));
      }
      const t = [];
      for (let r = 0; r < runs; r++) { const t0 = performance.now(); for (const run of Object.values(ps)) run(); await sync(); t.push(performance.now() - t0); }
      out['whole pass, queued back to back'] = Number(median(t).toFixed(2));
      return out;
    }
    const webgpu = await time(gpuParts, () => ctx.finish());
    const wasmMs = await time(wasmParts, async () => {});
    const ratio = Object.fromEntries(Object.keys(webgpu).map((k) => [k, Number((webgpu[k] / wasmMs[k]).toFixed(2))]));
    return { adapter: { vendor: info.vendor, architecture: info.architecture, description: info.description }, wasmBackend: wasm.name, batch, runs, webgpuMs: webgpu, wasmMs, webgpuOverWasm: ratio };
  }, { runs, batch });
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
