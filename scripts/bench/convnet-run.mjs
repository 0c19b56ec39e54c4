/**
 * One noisenet measurement of the convnet, run as a child process:
 * `node convnet-run.mjs <root> <threads> [runs]`. Keras' simple MNIST convnet (the `convnet`
 * preset: conv 32 3x3 relu, max-pool 2, conv 64 3x3 relu, max-pool 2, flatten, dropout 0.5,
 * dense 10 softmax), Adam, sparse categorical cross-entropy, batch 128, one epoch over the
 * 60,000 Fashion-MNIST training images with validation on the 10,000 test images (batch 128),
 * `runs` times with fresh weights. Prints one JSON line: the epochs' wall times, the process's
 * CPU time per epoch, the arithmetic that ran, the validation accuracy.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { loadBenchData } from './data.mjs';

const [root, threadsArg, runsArg] = process.argv.slice(2);
const threads = Number(threadsArg);
const runs = Number(runsArg ?? 1);
const nn = await import(pathToFileURL(join(root, 'dist', 'node.js')).href);
const data = await loadBenchData(root);
const backend = nn.createBackend('wasm', { threads });
const x = nn.imagesOf(data.train);
const y = nn.labelsOf(data.train);
const tx = nn.imagesOf(data.test);
const ty = nn.labelsOf(data.test);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const epochs = [];
const cpus = [];
let history;
for (let r = 0; r < runs; r++) {
  const model = nn.buildModel(nn.presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }), { backend });
  model.compile({ optimizer: nn.adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const c0 = cpu();
  const t0 = performance.now();
  history = await model.fit(x, y, { epochs: 1, batchSize: 128, validationData: [tx, ty], validationBatchSize: 128, seed: 1 + r });
  epochs.push((performance.now() - t0) / 1000);
  cpus.push(cpu() - c0);
}
process.stdout.write(
  JSON.stringify({
    threads,
    arithmetic: backend.arithmetic,
    epochs_s: epochs,
    cpu_s: cpus,
    val_accuracy: history.history.val_accuracy[0],
    accuracy: history.history.accuracy[0],
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    load: loadavg()[0],
    data: data.source,
  }) + '\n',
);
backend.dispose();
