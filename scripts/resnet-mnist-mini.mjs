#!/usr/bin/env node
// The end-to-end check of the resnet preset: `noisenet train --model resnet` on the whole of
// mnist-mini (8,000 training images, validated on its 2,000 test images) for 3 epochs, batch 32,
// Adam 0.001, no noise, must end at or above 0.95 validation accuracy. Too long for the test
// suite (src/models/resnet.test.ts trains a small one on 1, 2 and 3 threads).
// Usage: node scripts/resnet-mnist-mini.mjs [EPOCHS] [--threads N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REQUIRED = 0.95;
const args = process.argv.slice(2);
const epochs = args[0] && !args[0].startsWith('--') ? args.shift() : '3';
const bin = fileURLToPath(new URL('../bin/noisenet.js', import.meta.url));
const started = Date.now();
const r = spawnSync(process.execPath, [bin, 'train', '--model', 'resnet', '--dataset', 'mnist-mini', '--epochs', epochs, '--batch-size', '32', ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
process.stdout.write(r.stdout);
if (r.status !== 0) process.exit(r.status ?? 1);
const accuracy = Number(/val_accuracy: (\d\.\d+)\s*$/.exec(r.stdout.trim())?.[1]);
const seconds = (Date.now() - started) / 1000;
console.log(JSON.stringify({ check: 'resnet mnist-mini', epochs: Number(epochs), val_accuracy: accuracy, required: REQUIRED, wall_s: Number(seconds.toFixed(1)), pass: accuracy >= REQUIRED }));
process.exit(accuracy >= REQUIRED ? 0 : 1);
