/**
 * The convnet part of `npm run bench`: Keras' simple MNIST convnet, one Fashion-MNIST epoch
 * (60,000 images, batch 128, validation on 10,000), in noisenet on 1 thread and on every core,
 * and in PyTorch (Debian's python3-torch, when a python3 on the machine imports torch) with
 * torch.set_num_threads 1 and every core, each measurement in its own process. The four are
 * run in turn, `runs` rounds, so each round's figures share the machine's load; medians are
 * reported with the 1-minute load average seen before each measurement. TensorFlow.js' CPU
 * backend is timed on a subset and scaled to the epoch; its wasm backend's failure to train the
 * model is reported as such.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const PYTHONS = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);

/** The first python that imports torch, or null. */
function findTorchPython() {
  for (const py of PYTHONS) {
    const r = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

/** Runs a measurement process and returns its last JSON line. */
function run(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout?.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status !== 0 || !line) throw new Error(`${[command, ...args].join(' ')} failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(line);
}

/** Measures the convnet; returns the figures of the JSON line and logs a table with `log`. */
export function benchConvnet({ root, cores, runs, skipTfjsCpu, tfjsImages, log }) {
  const node = (script, ...a) => run(process.execPath, [join(root, 'scripts', 'bench', script), root, ...a.map(String)]);
  const python = findTorchPython();
  const settings = [
    { name: 'noisenet', threads: 1, go: () => node('convnet-run.mjs', 1) },
    ...(python ? [{ name: 'pytorch', threads: 1, go: () => run(python, [join(root, 'scripts', 'bench', 'pytorch-convnet.py'), '1']) }] : []),
    { name: 'noisenet', threads: cores, go: () => node('convnet-run.mjs', cores) },
    ...(python ? [{ name: 'pytorch', threads: cores, go: () => run(python, [join(root, 'scripts', 'bench', 'pytorch-convnet.py'), String(cores)]) }] : []),
  ];
  const results = new Map(settings.map((s) => [`${s.name} ${s.threads}`, []]));
  const loads = [];
  for (let r = 0; r < runs; r++) {
    for (const s of settings) {
      loads.push(loadavg()[0]);
      const m = s.go();
      results.get(`${s.name} ${s.threads}`).push({ epoch: m.epochs_s[0], cpu: m.cpu_s[0], acc: m.val_accuracy, arithmetic: m.arithmetic, torch: m.torch });
      log(`  round ${r + 1}: ${s.name} ${s.threads} thread${s.threads > 1 ? 's' : ''}: epoch ${m.epochs_s[0].toFixed(2)} s (CPU ${m.cpu_s[0].toFixed(1)} s), val_accuracy ${m.val_accuracy.toFixed(4)}, load ${loads.at(-1).toFixed(1)}`);
    }
  }
  const epochOf = (key) => (results.get(key)?.length ? median(results.get(key).map((m) => m.epoch)) : null);
  const one = epochOf('noisenet 1'), all = epochOf(`noisenet ${cores}`);
  const torchOne = epochOf('pytorch 1'), torchAll = epochOf(`pytorch ${cores}`);
  const wasm = node('tfjs-convnet.mjs', 'wasm', 128);
  const cpu = skipTfjsCpu ? null : node('tfjs-convnet.mjs', 'cpu', tfjsImages);
  const arithmetic = results.get('noisenet 1')[0].arithmetic;
  const fmt = (s) => (s === null ? 'n/a' : `${s.toFixed(2)} s`);
  log(`convnet, Fashion-MNIST epoch (60,000 + validation on 10,000, batch 128), median of ${runs}, noisenet arithmetic ${arithmetic}:`);
  log(`noisenet, 1 thread:  ${fmt(one)}; ${cores} threads: ${fmt(all)}`);
  log(python ? `pytorch ${results.get('pytorch 1')[0].torch}, 1 thread: ${fmt(torchOne)}; ${cores} threads: ${fmt(torchAll)}` : 'pytorch: not measured (no python3 here imports torch; apt-get install -y python3-torch)');
  log(`tfjs 4.22 wasm backend: ${wasm.error ? `cannot train it: ${wasm.error}` : `${wasm.epoch_s.toFixed(1)} s (scaled from ${wasm.images} images)`}`);
  log(`tfjs 4.22 CPU backend:  ${cpu ? (cpu.error ? `failed: ${cpu.error}` : `${cpu.epoch_s.toFixed(0)} s (scaled from ${cpu.images} images)`) : 'skipped (--skip-tfjs-cpu)'}`);
  log(`load average (1 min) before the measurements: min ${Math.min(...loads).toFixed(1)}, median ${median(loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)} on ${cores} cores`);
  const round = (v, d = 3) => (v === null || v === undefined ? null : Number(v.toFixed(d)));
  return {
    noisenet_convnet_epoch_s: round(all),
    noisenet_convnet_epoch_s_1_thread: round(one),
    pytorch_convnet_epoch_s: round(torchAll),
    pytorch_convnet_epoch_s_1_thread: round(torchOne),
    speedup_vs_pytorch: torchAll === null ? null : round(torchAll / all, 2),
    speedup_vs_pytorch_1_thread: torchOne === null ? null : round(torchOne / one, 2),
    tfjs_cpu_convnet_epoch_s: cpu && !cpu.error ? round(cpu.epoch_s, 0) : null,
    tfjs_wasm_convnet: wasm.error ? `error: ${wasm.error}` : round(wasm.epoch_s, 1),
    convnet_val_accuracy: results.get(`noisenet ${cores}`)[0].acc,
    pytorch_convnet_val_accuracy: python ? results.get(`pytorch ${cores}`)[0].acc : null,
    convnet_arithmetic: arithmetic,
    convnet_runs: runs,
    load_avg_median: round(median(loads), 1),
    load_avg_max: round(Math.max(...loads), 1),
  };
}
