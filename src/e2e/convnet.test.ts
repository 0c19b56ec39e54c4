/**
 * End to end with the convnet preset: `noisenet train --model convnet` on a subset of
 * mnist-mini learns and saves a TF.js folder, and `evaluate`, `robustness`, `certify` and
 * `compare` run on it. Small on purpose (the convolution kernels are the reference loops):
 * `node scripts/convnet-mnist-mini.mjs` is the full check, 5 epochs of mnist-mini to >= 0.96.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalValAccuracy, runCli } from '../testing/run-cli.js';

let dir = '';
let trained = { code: -1, out: '', err: '' };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-convnet-'));
  trained = await runCli('train', '--model', 'convnet', '--dataset', 'mnist-mini', '--train-size', '1000', '--epochs', '1', '--noise-stddev', '0', '--threads', '1', '--out', join(dir, 'run'));
});
after(() => rm(dir, { recursive: true }));

test('train --model convnet prints the Keras table, learns mnist-mini digits and saves the model', async () => {
  assert.equal(trained.code, 0, trained.err);
  assert.match(trained.out, / conv2d \(Conv2D\) +\(None, 26, 26, 32\) +320\n/);
  assert.match(trained.out, /Total params: 34,826/);
  const accuracy = finalValAccuracy(trained.out);
  // 32 steps of 32 images reach 0.732 (seed 42); chance is 0.1.
  assert.ok(accuracy >= 0.65, `val_accuracy ${accuracy}`);
  const json = JSON.parse(await readFile(join(dir, 'run', 'model', 'model.json'), 'utf8'));
  assert.deepEqual(json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name), ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']);
  assert.deepEqual(json.modelTopology.config.layers[0].config.batch_input_shape, [null, 28, 28, 1]);
  const e = await runCli('evaluate', '--model', join(dir, 'run', 'model'), '--dataset', 'mnist-mini', '--threads', '1');
  assert.equal(e.code, 0, e.err);
  assert.equal(/accuracy: (\d\.\d{4})\n$/.exec(e.out)?.[1], accuracy.toFixed(4), 'evaluate gives the last val_accuracy');
});

test('robustness and certify run on the saved convnet', async () => {
  assert.equal(trained.code, 0, trained.err);
  const model = join(dir, 'run', 'model');
  const r = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--stddevs', '0,0.5', '--draws', '1', '--samples', '200', '--threads', '1');
  assert.equal(r.code, 0, r.err);
  const rows = r.out.split('\n').filter((l) => /^\s*(0|0\.5)\s+0\.\d+/.test(l)).map((l) => Number(l.trim().split(/\s+/)[1]));
  assert.equal(rows.length, 2, r.out);
  assert.ok(rows[0]! > rows[1]!, `noise lowers the accuracy: ${rows}`);
  const c = await runCli('certify', '--model', model, '--dataset', 'mnist-mini', '--sigma', '0.25', '--n0', '10', '--n', '100', '--samples', '4', '--threads', '1');
  assert.equal(c.code, 0, c.err);
  assert.match(c.out, /certified accuracy/i);
});

test('compare runs the convnet with and without noise for feature maps from a config file', async () => {
  const config = join(dir, 'exp.json');
  await writeFile(config, JSON.stringify({ model: 'convnet', dataset: 'mnist-mini', trainSize: 128, valSize: 64, epochs: 1, seeds: 1, configurations: [{ name: 'baseline' }, { name: 'spatial', noise: ['spatial-dropout:rate=0.2@hidden'] }], robustness: { stddevs: [0, 0.3], draws: 1, samples: 32 } }));
  const r = await runCli('compare', '--config', config, '--out', join(dir, 'compare'), '-q', '--threads', '1');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /; model convnet, adam lr 0\.001, batch 32\n/);
  const report = await readFile(join(dir, 'compare', 'report.html'), 'utf8');
  assert.match(report, /<td>convnet; input 784 values, 10 classes<\/td>/);
  const results = JSON.parse(await readFile(join(dir, 'compare', 'results.json'), 'utf8'));
  assert.deepEqual(results.runs.map((run: { configuration: string }) => run.configuration), ['baseline', 'spatial']);
  assert.ok(results.runs.every((run: { history: { val_accuracy: number[] } }) => Number.isFinite(run.history.val_accuracy[0])));
});
