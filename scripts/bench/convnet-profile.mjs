/**
 * Where a convolutional model's training time goes:
 * `node scripts/bench/convnet-profile.mjs <root> <threads> [images] [preset]` trains a preset
 * (default `convnet`; `resnet` for ResNet-20) on 28x28 grey images (batch 128, Adam) for one
 * pass over `images` (default 12,800) Fashion-MNIST training images on the wasm backend with
 * every backend method wrapped in a timer, and prints wall milliseconds per method
 * (convolutions also per geometry: batch x height x width x channels -> filters, kernel and
 * stride), the totals of the kernel groups (convolution forward, input gradient, filter
 * gradient, batch norm, elementwise and the rest), the sum against the pass's wall time, and
 * one JSON line. The wrapping adds a little overhead.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBenchData } from './data.mjs';

const [root, threadsArg, imagesArg, presetArg] = process.argv.slice(2);
const preset = presetArg ?? 'convnet';
const threads = Number(threadsArg ?? 1);
const images = Number(imagesArg ?? 12800);
const nn = await import(pathToFileURL(join(root, 'dist', 'node.js')).href);
const data = await loadBenchData(root);
const backend = nn.createBackend('wasm', { threads });
const times = new Map();
const shapeOf = (g) => (g && typeof g === 'object' && 'inChannels' in g ? ` ${g.batch}x${g.inHeight}x${g.inWidth}x${g.inChannels}->${g.outChannels} ${g.kernelHeight}x${g.kernelWidth}/${g.strideHeight}` : '');
const proto = Object.getPrototypeOf(backend);
for (const name of [...Object.getOwnPropertyNames(proto), ...Object.keys(backend)]) {
  const fn = backend[name];
  if (typeof fn !== 'function' || name === 'constructor' || name.startsWith('alloc') || name === 'dispose') continue;
  backend[name] = function timed(...args) {
    const t0 = performance.now();
    const r = fn.apply(this, args);
    const key = name + (name.startsWith('conv2d') ? shapeOf(args[3]) : '');
    const e = times.get(key) ?? { calls: 0, ms: 0 };
    e.calls++;
    e.ms += performance.now() - t0;
    times.set(key, e);
    return r;
  };
}
const train = nn.subsetSplit(data.train, images, 1);
const model = nn.buildModel(nn.presetSpec(preset, { inputShape: [28, 28, 1], classes: 10 }), { backend });
model.compile({ optimizer: nn.adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
await model.fit(nn.imagesOf(nn.subsetSplit(data.train, 256, 2)), nn.labelsOf(nn.subsetSplit(data.train, 256, 2)), { epochs: 1, batchSize: 128, seed: 1 }); // warm-up
times.clear();
const t0 = performance.now();
await model.fit(nn.imagesOf(train), nn.labelsOf(train), { epochs: 1, batchSize: 128, seed: 1 });
const wall = performance.now() - t0;
const rows = [...times].sort((a, b) => b[1].ms - a[1].ms);
let sum = 0;
for (const [name, { calls, ms }] of rows) {
  sum += ms;
  process.stdout.write(`${name.padEnd(52)} ${String(calls).padStart(6)} calls ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / wall).toFixed(1).padStart(5)} %\n`);
}
const GROUPS = [
  ['conv forward', /^conv2dForward/],
  ['conv input gradient', /^conv2dBackwardInput/],
  ['conv filter gradient', /^conv2dBackwardFilter/],
  ['batch norm', /^batchNorm/],
  ['elementwise (add, mul, scale, bias, activation)', /^(add|mul|scale|biasActivation|activationBackward|sumRows)$/],
  ['optimizer', /Update$/],
  ['matmul (dense)', /^matmul$/],
];
const groups = new Map([...GROUPS.map(([g]) => [g, 0]), ['other', 0]]);
for (const [name, { ms }] of rows) {
  const g = GROUPS.find(([, re]) => re.test(name))?.[0] ?? 'other';
  groups.set(g, groups.get(g) + ms);
}
for (const [g, ms] of groups) process.stdout.write(`group ${g.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / wall).toFixed(1).padStart(5)} %\n`);
process.stdout.write(`kernels ${sum.toFixed(0)} ms of ${wall.toFixed(0)} ms wall (${images} images, ${threads} threads, ${backend.arithmetic})\n`);
process.stdout.write(JSON.stringify({ preset, threads, images, wall_ms: Math.round(wall), kernels_ms: Math.round(sum), arithmetic: backend.arithmetic, groups: Object.fromEntries([...groups].map(([g, ms]) => [g, Math.round(ms)])), top: rows.slice(0, 12).map(([n, e]) => [n, Math.round(e.ms)]) }) + '\n');
backend.dispose();
