#!/usr/bin/env node
/**
 * `npm run bench`: one epoch of the article's model (784 -> GaussianNoise 0.1 -> Dense 128
 * relu -> Dense 64 relu -> Dense 10 softmax, Adam, sparse CE, batch 32, 60,000 samples,
 * validation on 10,000) in noisenet with 1 thread and with every core, in TensorFlow.js 4.22
 * with its wasm backend and (unless --skip-tfjs-cpu) its CPU backend, all on the same data.
 * Each measurement runs in its own process (peak RSS is per process). Prints a table, then
 * one JSON line. Options: --skip-tfjs-cpu, --runs N (noisenet epochs per setting, median).
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipCpu = args.includes('--skip-tfjs-cpu');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const cores = availableParallelism();

/** Runs a measurement script and returns its JSON line. */
function measure(script, ...scriptArgs) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench', script), root, ...scriptArgs.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status !== 0 || !line) throw new Error(`${script} ${scriptArgs.join(' ')} failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(line);
}

const log = (s) => process.stdout.write(`${s}\n`);
log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores (nproc), Node ${process.version}, ${new Date().toISOString()}`);
const one = measure('noisenet-run.mjs', 1, runs);
log(`data: ${one.data}`);
log(`noisenet, 1 thread:     epoch ${one.epoch_s.toFixed(2)} s (median of ${runs}: ${one.epochs_s.map((e) => e.toFixed(2)).join(', ')}), val_accuracy ${one.val_accuracy}, peak RSS ${one.max_rss_mb.toFixed(0)} MB`);
const all = cores > 1 ? measure('noisenet-run.mjs', cores, runs) : one;
log(`noisenet, ${cores} threads:    epoch ${all.epoch_s.toFixed(2)} s (median of ${runs}: ${all.epochs_s.map((e) => e.toFixed(2)).join(', ')}), val_accuracy ${all.val_accuracy}, peak RSS ${all.max_rss_mb.toFixed(0)} MB`);
log(`noisenet predict (10,000 samples, batch 32): ${Math.round(all.predict_samples_per_s)} samples/s (${cores} threads), ${Math.round(one.predict_samples_per_s)} (1 thread)`);
const wasm = measure('tfjs-run.mjs', 'wasm');
log(`tfjs 4.22 wasm backend:  epoch ${wasm.epoch_s.toFixed(2)} s, val_accuracy ${wasm.val_accuracy.toFixed(4)}, predict ${Math.round(wasm.predict_samples_per_s)} samples/s, peak RSS ${wasm.max_rss_mb.toFixed(0)} MB`);
let cpu = null;
if (!skipCpu) {
  cpu = measure('tfjs-run.mjs', 'cpu');
  log(`tfjs 4.22 CPU backend:   epoch ${cpu.epoch_s.toFixed(2)} s, val_accuracy ${cpu.val_accuracy.toFixed(4)}, peak RSS ${cpu.max_rss_mb.toFixed(0)} MB`);
} else {
  log('tfjs 4.22 CPU backend:   skipped (--skip-tfjs-cpu)');
}
const round = (x, d = 3) => (x === null ? null : Number(x.toFixed(d)));
log(
  JSON.stringify({
    noisenet_epoch_s: round(all.epoch_s),
    noisenet_epoch_s_1_thread: round(one.epoch_s),
    tfjs_cpu_epoch_s: cpu && round(cpu.epoch_s),
    tfjs_wasm_epoch_s: round(wasm.epoch_s),
    speedup_vs_tfjs_wasm: round(wasm.epoch_s / all.epoch_s, 1),
    speedup_vs_tfjs_cpu: cpu && round(cpu.epoch_s / all.epoch_s, 1),
    threads: cores,
    peak_rss_mb: Math.round(Math.max(one.max_rss_mb, all.max_rss_mb)),
    predict_samples_per_s: Math.round(all.predict_samples_per_s),
    val_accuracy: all.val_accuracy,
    tfjs_wasm_val_accuracy: round(wasm.val_accuracy, 4),
    cpu: cpus()[0]?.model ?? null,
    data: all.data,
  }),
);
