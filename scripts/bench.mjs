#!/usr/bin/env node
/**
 * `npm run bench`, in two parts, each measurement in its own process (peak RSS is per process):
 *
 * - mlp: one epoch of the article's model (784 -> GaussianNoise 0.1 -> Dense 128 relu -> Dense 64
 *   relu -> Dense 10 softmax, Adam, sparse CE, batch 32, 60,000 samples, validation on 10,000) in
 *   noisenet with 1 thread and with every core (and every core on the plain-SIMD build, to show
 *   what relaxed SIMD adds), in TensorFlow.js 4.22 with its wasm backend and (unless
 *   --skip-tfjs-cpu) its CPU backend, all on the same data;
 * - convnet: Keras' simple MNIST convnet against PyTorch (scripts/bench/convnet.mjs);
 * - resnet: ResNet-20 training steps against PyTorch, scaled to an epoch (scripts/bench/resnet.mjs).
 *
 * Prints the figures, then one JSON line. Options: --only mlp|convnet|resnet, --skip-tfjs-cpu,
 * --runs N (noisenet MLP epochs per setting, median; default 5), --convnet-runs N (rounds of the
 * convnet measurements; default 3), --tfjs-images N (images of the TF.js CPU convnet subset;
 * default 128), --resnet-runs N (rounds of the ResNet measurements; default 3), --resnet-steps N
 * (timed ResNet steps of batch 128 per measurement; default 20), --resnet-warmup N (untimed steps
 * before them; default 3).
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { benchConvnet } from './bench/convnet.mjs';
import { benchResnet } from './bench/resnet.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
const skipCpu = args.includes('--skip-tfjs-cpu');
const only = option('--only', null);
const runs = Number(option('--runs', 5));
const cores = availableParallelism();

/** Runs a measurement script and returns its JSON line. */
function measure(script, scriptArgs, env = process.env) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench', script), root, ...scriptArgs.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env,
  });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status !== 0 || !line) throw new Error(`${script} ${scriptArgs.join(' ')} failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(line);
}

const log = (s) => process.stdout.write(`${s}\n`);
const round = (x, d = 3) => (x === null || x === undefined ? null : Number(x.toFixed(d)));
log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores (nproc), Node ${process.version}, ${new Date().toISOString()}`);

let mlp = {};
if (only === null || only === 'mlp') {
  const one = measure('noisenet-run.mjs', [1, runs]);
  log(`data: ${one.data}`);
  const epochs = (m) => `median of ${runs}: ${m.epochs_s.map((e) => e.toFixed(2)).join(', ')}`;
  log(`noisenet, 1 thread (${one.arithmetic}):     epoch ${one.epoch_s.toFixed(2)} s (${epochs(one)}), val_accuracy ${one.val_accuracy}, peak RSS ${one.max_rss_mb.toFixed(0)} MB`);
  const all = cores > 1 ? measure('noisenet-run.mjs', [cores, runs]) : one;
  log(`noisenet, ${cores} threads (${all.arithmetic}):    epoch ${all.epoch_s.toFixed(2)} s (${epochs(all)}), val_accuracy ${all.val_accuracy}, peak RSS ${all.max_rss_mb.toFixed(0)} MB`);
  const plain = measure('noisenet-run.mjs', [cores, runs], { ...process.env, NOISENET_RELAXED_SIMD: '0' });
  log(`noisenet, ${cores} threads (${plain.arithmetic}):    epoch ${plain.epoch_s.toFixed(2)} s (${epochs(plain)}), val_accuracy ${plain.val_accuracy}`);
  log(`noisenet predict (10,000 samples, batch 32): ${Math.round(all.predict_samples_per_s)} samples/s (${cores} threads), ${Math.round(one.predict_samples_per_s)} (1 thread)`);
  const wasm = measure('tfjs-run.mjs', ['wasm']);
  log(`tfjs 4.22 wasm backend:  epoch ${wasm.epoch_s.toFixed(2)} s, val_accuracy ${wasm.val_accuracy.toFixed(4)}, predict ${Math.round(wasm.predict_samples_per_s)} samples/s, peak RSS ${wasm.max_rss_mb.toFixed(0)} MB`);
  let cpu = null;
  if (!skipCpu) {
    cpu = measure('tfjs-run.mjs', ['cpu']);
    log(`tfjs 4.22 CPU backend:   epoch ${cpu.epoch_s.toFixed(2)} s, val_accuracy ${cpu.val_accuracy.toFixed(4)}, peak RSS ${cpu.max_rss_mb.toFixed(0)} MB`);
  } else {
    log('tfjs 4.22 CPU backend:   skipped (--skip-tfjs-cpu)');
  }
  mlp = {
    noisenet_epoch_s: round(all.epoch_s),
    noisenet_epoch_s_1_thread: round(one.epoch_s),
    noisenet_epoch_s_plain_simd: round(plain.epoch_s),
    arithmetic: all.arithmetic,
    tfjs_cpu_epoch_s: cpu && round(cpu.epoch_s),
    tfjs_wasm_epoch_s: round(wasm.epoch_s),
    speedup_vs_tfjs_wasm: round(wasm.epoch_s / all.epoch_s, 1),
    speedup_vs_tfjs_cpu: cpu && round(cpu.epoch_s / all.epoch_s, 1),
    peak_rss_mb: Math.round(Math.max(one.max_rss_mb, all.max_rss_mb)),
    predict_samples_per_s: Math.round(all.predict_samples_per_s),
    val_accuracy: all.val_accuracy,
    tfjs_wasm_val_accuracy: round(wasm.val_accuracy, 4),
    data: all.data,
  };
}

let convnet = {};
if (only === null || only === 'convnet') {
  convnet = benchConvnet({ root, cores, runs: Number(option('--convnet-runs', 3)), skipTfjsCpu: skipCpu, tfjsImages: Number(option('--tfjs-images', 128)), log });
}
let resnet = {};
if (only === null || only === 'resnet') {
  resnet = benchResnet({ root, cores, runs: Number(option('--resnet-runs', 3)), steps: Number(option('--resnet-steps', 20)), warmup: Number(option('--resnet-warmup', 3)), log });
}
log(JSON.stringify({ ...mlp, ...convnet, ...resnet, threads: cores, cpu: cpus()[0]?.model ?? null }));
