/** evaluate and export on a model folder from elsewhere: a FIFO or NaN weights fail at once with exit 1, and no ONNX file is written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { saveModel } from '../io/node/save-model.js';
import { runCli } from '../testing/run-cli.js';

async function savedModel(root: string): Promise<string> {
  const dir = join(root, 'model');
  const model = sequential([input({ shape: [784] }), dense({ units: 10, activation: 'softmax' })]);
  model.initializeWeights(1);
  await saveModel(model, dir);
  return dir;
}

test('evaluate and export refuse a FIFO named model.json at once instead of hanging', { skip: process.platform === 'win32', timeout: 60_000 }, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-fifo-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = await savedModel(root);
  await unlink(join(dir, 'model.json'));
  execFileSync('mkfifo', [join(dir, 'model.json')]);
  const evaluated = await runCli('evaluate', '--model', dir, '--dataset', 'mnist-mini');
  assert.equal(evaluated.code, 1);
  assert.match(evaluated.err, /model\.json: is a FIFO \(named pipe\), not a regular file; refused\n$/);
  const exported = await runCli('export', '--model', dir, '--out', join(root, 'm.onnx'));
  assert.equal(exported.code, 1);
  assert.match(exported.err, /model\.json: is a FIFO \(named pipe\), not a regular file; refused\n$/);
});

test('evaluate and export refuse NaN weights, naming the weight, and write no ONNX file', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-nan-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = await savedModel(root);
  const bytes = new Uint8Array(await readFile(join(dir, 'weights.bin')));
  new DataView(bytes.buffer).setFloat32(0, NaN, true);
  await writeFile(join(dir, 'weights.bin'), bytes);
  const evaluated = await runCli('evaluate', '--model', dir, '--dataset', 'mnist-mini');
  assert.equal(evaluated.code, 1);
  assert.match(evaluated.err, /weight dense\/kernel \(layer dense\) holds NaN at index 0 \(1 of 7840 values are NaN or infinite\)/);
  assert.doesNotMatch(evaluated.out, /loss: NaN/);
  const exported = await runCli('export', '--model', dir, '--out', join(root, 'm.onnx'));
  assert.equal(exported.code, 1);
  assert.equal(existsSync(join(root, 'm.onnx')), false);
});
