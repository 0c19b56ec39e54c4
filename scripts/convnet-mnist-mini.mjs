#!/usr/bin/env node
// The end-to-end check of the convnet preset: `noisenet train --model convnet` on the whole of
// mnist-mini (8,000 training images, validated on its 2,000 test images) for 5 epochs, batch
// 128 as the Keras example, must end at or above 0.96 validation accuracy. Too long for the test
// suite while the convolution kernels are the reference loops (see src/e2e/convnet.test.ts for
// the suite's smaller run). Usage: node scripts/convnet-mnist-mini.mjs [EPOCHS] [--threads N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const epochs = args[0] && !args[0].startsWith('--') ? args.shift() : '5';
const bin = fileURLToPath(new URL('../bin/noisenet.js', import.meta.url));
const started = Date.now();
const r = spawnSync(process.execPath, [bin, 'train', '--model', 'convnet', '--dataset', 'mnist-mini', '--epochs', epochs, '--batch-size', '128', '--noise-stddev', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
process.stdout.write(r.stdout);
if (r.status !== 0) process.exit(r.status ?? 1);
const accuracy = Number(/val_accuracy: (\d\.\d+)\s*$/.exec(r.stdout.trim())?.[1]);
const seconds = (Date.now() - started) / 1000;
console.log(JSON.stringify({ check: 'convnet mnist-mini', epochs: Number(epochs), val_accuracy: accuracy, required: 0.96, wall_s: Number(seconds.toFixed(1)), pass: accuracy >= 0.96 }));
process.exit(accuracy >= 0.96 ? 0 : 1);
