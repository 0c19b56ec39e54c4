/**
 * ResNet-20's convolutions one kernel at a time, noisenet against PyTorch:
 * `node scripts/bench/resnet-kernels.mjs <root> [threads] [repeats]` times the forward pass,
 * the input gradient and the filter gradient of every convolution geometry of the `resnet`
 * preset on 28x28 grey images at batch 128 (noisenet's wasm backend, NHWC), and the same
 * operations in PyTorch (scripts/bench/pytorch-resnet-kernels.py: conv2d and
 * convolution_backward, NCHW) when a python3 imports torch; then batch norm's statistics,
 * forward and backward on the three activation sizes. Each figure is the process's CPU
 * milliseconds per call, the least of `repeats` (default 5) timings of a few calls after a
 * warm-up: CPU time, not wall time, because on a shared machine the wall clock counts the
 * other jobs, and the least, because page faults and cache misses caused by other jobs only
 * ever add to it (on a loaded 2-core VM single PyTorch calls varied from 4 to 70 ms). Prints a table with each kernel's share of a step (times its calls per step)
 * and the ratio, then one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, threadsArg, repeatsArg] = process.argv.slice(2);
const threads = Number(threadsArg ?? 1);
const repeats = Number(repeatsArg ?? 5);
const nn = await import(pathToFileURL(join(root, 'dist', 'node.js')).href);
const { conv2dGeometry, inputSize, outputSize, filterSize } = await import(pathToFileURL(join(root, 'dist', 'kernels', 'window-geometry.js')).href);
const BATCH = 128;
/** [height, channels in, filters, kernel, stride, calls per training step]. */
const CONVS = [
  [28, 1, 16, 3, 1, 1],
  [28, 16, 16, 3, 1, 6],
  [28, 16, 32, 3, 2, 1],
  [28, 16, 32, 1, 2, 1],
  [14, 32, 32, 3, 1, 5],
  [14, 32, 64, 3, 2, 1],
  [14, 32, 64, 1, 2, 1],
  [7, 64, 64, 3, 1, 5],
];
/** [height, channels, batch-norm layers per step]. */
const NORMS = [[28, 16, 7], [14, 32, 7], [7, 64, 7]];
const best = (a) => Math.min(...a);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (fn, calls = 3) => {
  fn();
  const ts = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = cpuMs();
    for (let c = 0; c < calls; c++) fn();
    ts.push((cpuMs() - t0) / calls);
  }
  return best(ts);
};

const b = nn.createBackend('wasm', { threads });
const fill = (n, seed) => {
  const a = b.alloc(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i * 0.37 + seed);
  return a;
};
const ours = [];
for (const [h, cin, cout, k, s, perStep] of CONVS) {
  const g = conv2dGeometry(BATCH, { inShape: [h, h, cin], filters: cout, kernelSize: [k, k], strides: [s, s], dilationRate: [1, 1], padding: 'same' });
  const x = fill(inputSize(g), 1), f = fill(filterSize(g), 2), y = b.alloc(outputSize(g)), dy = fill(outputSize(g), 3), dx = b.alloc(inputSize(g)), df = b.alloc(filterSize(g));
  const name = `${h}x${h}x${cin}->${cout} ${k}x${k}/${s}`;
  ours.push({ name, perStep, forward: time(() => b.conv2dForward(x, f, y, g)), input: time(() => b.conv2dBackwardInput(dy, f, dx, g)), filter: time(() => b.conv2dBackwardFilter(x, dy, df, g)) });
}
const norms = [];
for (const [h, c, perStep] of NORMS) {
  const rows = BATCH * h * h;
  const x = fill(rows * c, 4), dy = fill(rows * c, 5), y = b.alloc(rows * c), dx = b.alloc(rows * c);
  const m = b.alloc(c), v = b.alloc(c), gamma = fill(c, 6), beta = fill(c, 7), dg = b.alloc(c), db = b.alloc(c);
  b.batchNormStatistics(x, rows, c, m, v);
  norms.push({
    name: `${h}x${h}x${c}`,
    perStep,
    statistics: time(() => b.batchNormStatistics(x, rows, c, m, v)),
    forward: time(() => b.batchNormForward(x, y, rows, c, m, v, gamma, beta, 1e-3)),
    backward: time(() => b.batchNormBackward(dy, x, rows, c, m, v, gamma, 1e-3, dx, dg, db)),
  });
}
b.dispose();

let torch = null;
for (const py of [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
  const r = spawnSync(py, [join(root, 'scripts', 'bench', 'pytorch-resnet-kernels.py'), String(threads), String(repeats), JSON.stringify({ convs: CONVS, norms: NORMS, batch: BATCH })], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout?.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status === 0 && line) {
    torch = JSON.parse(line);
    break;
  }
}
const f = (x) => (x === undefined || x === null ? '   n/a' : x.toFixed(2).padStart(7));
const line = (s) => process.stdout.write(`${s}\n`);
line(`CPU ms per call, ${threads} thread${threads > 1 ? 's' : ''}, batch ${BATCH}: noisenet (${torch ? `PyTorch ${torch.torch}` : 'PyTorch not measured: no python3 here imports torch'})`);
line(`${'convolution'.padEnd(24)} calls/step ${'forward'.padStart(17)} ${'input gradient'.padStart(17)} ${'filter gradient'.padStart(17)}   (PyTorch: input and filter gradients in one call)`);
const totals = { noisenet: { forward: 0, backward: 0, norm: 0 }, pytorch: { forward: 0, backward: 0, norm: 0 } };
ours.forEach((o, i) => {
  const t = torch?.convs[i];
  totals.noisenet.forward += o.perStep * o.forward;
  totals.noisenet.backward += o.perStep * (o.input + o.filter);
  if (t) {
    totals.pytorch.forward += o.perStep * t.forward;
    totals.pytorch.backward += o.perStep * t.backward;
  }
  line(`${o.name.padEnd(24)} ${String(o.perStep).padStart(10)} ${f(o.forward)} (${f(t?.forward)}) ${f(o.input)}  ${f(o.filter)}   (${f(t?.backward)} both)`);
});
line(`${'batch norm'.padEnd(24)} ${'layers/step'.padStart(10)} ${'statistics+forward'.padStart(19)} ${'backward'.padStart(17)}`);
norms.forEach((o, i) => {
  const t = torch?.norms[i];
  totals.noisenet.norm += o.perStep * (o.statistics + o.forward + o.backward);
  if (t) totals.pytorch.norm += o.perStep * (t.forward + t.backward);
  line(`${o.name.padEnd(24)} ${String(o.perStep).padStart(10)} ${f(o.statistics + o.forward)} (${f(t?.forward)}) ${f(o.backward)} (${f(t?.backward)})`);
});
for (const [what, key] of [['convolutions forward', 'forward'], ['convolution gradients', 'backward'], ['batch norm, both passes', 'norm']]) {
  const a = totals.noisenet[key], p = torch ? totals.pytorch[key] : null;
  line(`per step, ${what.padEnd(26)} noisenet ${a.toFixed(0).padStart(5)} ms, PyTorch ${p === null ? 'n/a' : `${p.toFixed(0).padStart(5)} ms`}${p ? `: noisenet/PyTorch ${(a / p).toFixed(2)}` : ''}`);
}
line(JSON.stringify({ threads, repeats, noisenet: { convs: ours, norms }, pytorch: torch, totals }));
