/**
 * One noisenet measurement, run as a child process so its peak RSS is its own:
 * `node noisenet-run.mjs <root> <threads> <runs>`. Trains the article's model for one epoch
 * `runs` times (fresh weights each time), times prediction on the test set, and prints one
 * JSON line.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBenchData } from './data.mjs';

const [root, threadsArg, runsArg] = process.argv.slice(2);
const threads = Number(threadsArg);
const runs = Number(runsArg ?? 3);
const nn = await import(pathToFileURL(join(root, 'dist', 'node.js')).href);
const data = await loadBenchData(root);
const backend = nn.createBackend('wasm', { threads });
const x = nn.imagesOf(data.train);
const y = nn.labelsOf(data.train);
const tx = nn.imagesOf(data.test);
const ty = nn.labelsOf(data.test);

function makeModel() {
  const model = nn.sequential(
    [
      nn.input({ shape: [784] }),
      nn.gaussianNoise({ stddev: 0.1 }),
      nn.dense({ units: 128, activation: 'relu' }),
      nn.dense({ units: 64, activation: 'relu' }),
      nn.dense({ units: 10, activation: 'softmax' }),
    ],
    { backend },
  );
  model.compile({ optimizer: nn.adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const epochs = [];
const cpus = [];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let history;
let model;
for (let r = 0; r < runs; r++) {
  model = makeModel();
  const c0 = cpu();
  const t0 = performance.now();
  history = await model.fit(x, y, { epochs: 1, batchSize: 32, validationData: [tx, ty], seed: 1 + r });
  epochs.push((performance.now() - t0) / 1000);
  cpus.push(cpu() - c0);
}
const predicts = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  model.predict(tx);
  predicts.push(tx.count / ((performance.now() - t0) / 1000));
}
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
process.stdout.write(
  JSON.stringify({
    threads,
    arithmetic: backend.arithmetic,
    epochs_s: epochs,
    cpu_s: cpus,
    epoch_s: median(epochs),
    predict_samples_per_s: median(predicts),
    val_accuracy: history.history.val_accuracy[0],
    accuracy: history.history.accuracy[0],
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    data: data.source,
  }) + '\n',
);
backend.dispose();
