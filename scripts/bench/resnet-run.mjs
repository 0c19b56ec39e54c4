/**
 * One noisenet measurement of ResNet-20, run as a child process:
 * `node resnet-run.mjs <root> <threads> <steps> <warmup>`. The `resnet` preset on 28x28 grey
 * images and 10 classes (272,186 trainable parameters), Adam, sparse categorical cross-entropy,
 * batch 128, on the wasm backend with `threads` threads: `warmup` training steps on other
 * Fashion-MNIST training images first (kernels compiled, workspace sized), then one pass of
 * `steps` timed training steps over `steps * 128` training images. Prints one JSON line: the
 * trainable parameter count, seconds per step (wall and the process's CPU time), the arithmetic
 * that ran, the pass's training loss.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { loadBenchData } from './data.mjs';

const BATCH = 128;
const [root, threadsArg, stepsArg, warmupArg] = process.argv.slice(2);
const threads = Number(threadsArg);
const steps = Number(stepsArg);
const warmup = Number(warmupArg);
const nn = await import(pathToFileURL(join(root, 'dist', 'node.js')).href);
const data = await loadBenchData(root);
const backend = nn.createBackend('wasm', { threads });
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const model = nn.buildModel(nn.presetSpec('resnet', { inputShape: [28, 28, 1], classes: 10 }), { backend });
model.compile({ optimizer: nn.adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const params = model.layers.reduce((n, layer) => n + layer.countTrainableParams(), 0);
const first = nn.subsetSplit(data.train, warmup * BATCH, 2);
await model.fit(nn.imagesOf(first), nn.labelsOf(first), { epochs: 1, batchSize: BATCH, seed: 2 });
const timed = nn.subsetSplit(data.train, steps * BATCH, 1);
const tx = nn.imagesOf(timed);
const ty = nn.labelsOf(timed);
const c0 = cpu();
const t0 = performance.now();
const history = await model.fit(tx, ty, { epochs: 1, batchSize: BATCH, seed: 1 });
const wall = (performance.now() - t0) / 1000;
const cpuS = cpu() - c0;
process.stdout.write(
  JSON.stringify({
    threads,
    params,
    steps,
    warmup,
    batch: BATCH,
    arithmetic: backend.arithmetic,
    step_s: wall / steps,
    cpu_step_s: cpuS / steps,
    loss: history.history.loss[0],
    load: loadavg()[0],
    data: data.source,
  }) + '\n',
);
backend.dispose();
