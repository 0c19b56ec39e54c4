/**
 * The ResNet part of `npm run bench`: ResNet-20 (the `resnet` preset, 272,186 parameters) on
 * Fashion-MNIST, batch 128, Adam, timed per training step: `warmup` untimed steps, then `steps`
 * timed ones, scaled to the 469 steps of a 60,000-image epoch (training only, no validation).
 * noisenet (scripts/bench/resnet-run.mjs) and PyTorch (scripts/bench/pytorch-resnet.py, Debian's
 * python3-torch, when a python3 on the machine imports torch) on 1 thread and on every core, each
 * measurement in its own process, run in turn for `runs` rounds so that each round's figures
 * share the machine's load; medians are reported with the 1-minute load average seen before each
 * measurement, and the ratios against PyTorch measured in the same run. Both sides must report
 * the same trainable parameter count, or the bench fails. Each side's CPU time per step is
 * reported too: on a loaded machine the 1-thread CPU times are the steadier comparison.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const EPOCH_STEPS = Math.ceil(60000 / 128);
const median = (a) => {
  const s = [...a].sort((p, q) => p - q), h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
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

/** Measures ResNet-20; returns the figures of the JSON line and logs a table with `log`. */
export function benchResnet({ root, cores, runs, steps, warmup, log }) {
  const python = findTorchPython();
  const bench = (f) => join(root, 'scripts', 'bench', f);
  const threadCounts = cores > 1 ? [1, cores] : [1];
  const settings = threadCounts.flatMap((threads) => [
    { name: 'noisenet', threads, go: () => run(process.execPath, [bench('resnet-run.mjs'), root, threads, steps, warmup]) },
    ...(python ? [{ name: 'pytorch', threads, go: () => run(python, [bench('pytorch-resnet.py'), threads, steps, warmup]) }] : []),
  ]);
  if (!python) log('resnet: PyTorch skipped: no python3 here imports torch (on Debian: apt-get install -y python3-torch); noisenet measured alone');
  const results = new Map(settings.map((s) => [`${s.name} ${s.threads}`, []]));
  const loads = [];
  for (let r = 0; r < runs; r++) {
    for (const s of settings) {
      loads.push(loadavg()[0]);
      const m = s.go();
      results.get(`${s.name} ${s.threads}`).push(m);
      log(`  round ${r + 1}: ${s.name} ${s.threads} thread${s.threads > 1 ? 's' : ''}: ${(1000 * m.step_s).toFixed(0)} ms/step (CPU ${(1000 * m.cpu_step_s).toFixed(0)} ms), ${m.params} parameters, loss ${m.loss.toFixed(3)}, load ${loads.at(-1).toFixed(1)}`);
    }
  }
  const params = new Set([...results.values()].flat().map((m) => m.params));
  if (params.size !== 1) throw new Error(`resnet: noisenet and PyTorch build models of different sizes: ${[...params].join(' and ')} trainable parameters`);
  const of = (key, field) => (results.get(key)?.length ? median(results.get(key).map((m) => m[field])) : null);
  const fmt = (s) => (s === null ? 'n/a' : `${(1000 * s).toFixed(0)} ms/step, epoch ${(EPOCH_STEPS * s).toFixed(1)} s`);
  const ratio = (torch, ours) => (torch === null || ours === null ? null : torch / ours);
  const says = (x) => (x === null ? '' : x >= 1 ? ` (noisenet ${x.toFixed(2)}x as fast)` : ` (noisenet ${(1 / x).toFixed(2)}x slower)`);
  const arithmetic = results.get('noisenet 1')[0].arithmetic;
  log(`resnet-20, Fashion-MNIST, batch 128, ${[...params][0]} parameters: ${steps} timed steps after ${warmup} warm-up, scaled to a ${EPOCH_STEPS}-step epoch (training only), median of ${runs}, noisenet arithmetic ${arithmetic}:`);
  const out = { resnet_params: [...params][0], resnet_steps: steps, resnet_warmup: warmup, resnet_runs: runs, resnet_arithmetic: arithmetic };
  const r3 = (v, d = 3) => (v === null || v === undefined ? null : Number(v.toFixed(d)));
  for (const threads of threadCounts) {
    const ours = of(`noisenet ${threads}`, 'step_s'), torch = of(`pytorch ${threads}`, 'step_s');
    const oursCpu = of(`noisenet ${threads}`, 'cpu_step_s'), torchCpu = of(`pytorch ${threads}`, 'cpu_step_s');
    const t = `${threads} thread${threads > 1 ? 's' : ''}`;
    log(`noisenet, ${t}: ${fmt(ours)} (CPU ${(1000 * oursCpu).toFixed(0)} ms/step)`);
    if (python) {
      log(`pytorch ${results.get(`pytorch ${threads}`)[0].torch}, ${t}: ${fmt(torch)} (CPU ${(1000 * torchCpu).toFixed(0)} ms/step)${says(ratio(torch, ours))}; by CPU time per step:${says(ratio(torchCpu, oursCpu))}`);
    }
    const key = threads === 1 ? '_1_thread' : '';
    Object.assign(out, {
      [`noisenet_resnet_step_s${key}`]: r3(ours, 4),
      [`noisenet_resnet_epoch_s${key}`]: r3(EPOCH_STEPS * ours, 1),
      [`pytorch_resnet_step_s${key}`]: r3(torch, 4),
      [`pytorch_resnet_epoch_s${key}`]: torch === null ? null : r3(EPOCH_STEPS * torch, 1),
      [`resnet_speedup_vs_pytorch${key}`]: r3(ratio(torch, ours), 2),
      [`resnet_cpu_speedup_vs_pytorch${key}`]: r3(ratio(torchCpu, oursCpu), 2),
    });
  }
  log(`load average (1 min) before the resnet measurements: min ${Math.min(...loads).toFixed(1)}, median ${median(loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)} on ${cores} cores`);
  return { ...out, resnet_load_avg_median: r3(median(loads), 1), resnet_load_avg_max: r3(Math.max(...loads), 1) };
}
