import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { runOnnx } from '../testing/onnx-runtime.js';
import { buildRun } from '../run/build-run.js';
import { clusters } from '../testing/synthetic.js';
import { loadModel, saveModel } from '../io/node/index.js';

test('noisenet export --format onnx writes a file onnxruntime runs with the saved model\'s predictions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-export-'));
  try {
    const run = buildRun({ model: 'mlp', hidden: [16, 8], activation: 'elu', noise: ['gaussian:stddev=0.2', 'dropout:rate=0.3@hidden', 'dropconnect:rate=0.4'], optimizer: 'adam', lr: 0.01, momentum: 0 }, { inputShape: [20], classes: 3 });
    const data = clusters(120, 20, 3, 4);
    await run.model.fit(data.x, data.y, { epochs: 2, batchSize: 16, seed: 3 });
    await saveModel(run.model, join(dir, 'model'));
    const file = join(dir, 'out', 'model.onnx');
    mkdirSync(join(dir, 'out'));
    const r = await runCli('export', '--model', join(dir, 'model'), '--format', 'onnx', '--out', file);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Wrote .*model\.onnx \(ONNX opset 17, \d+ bytes\): input \[batch, 20\] -> output \[batch, 3\]\n$/);
    assert.deepEqual(readdirSync(join(dir, 'out')), ['model.onnx'], 'no temporary file left');
    const loaded = await loadModel(join(dir, 'model'));
    const x = clusters(9, 20, 3, 8).x;
    const ours = loaded.predict(x).data;
    const theirs = await runOnnx(new Uint8Array(readFileSync(file)), x.data as Float32Array, [9, 20]);
    for (let i = 0; i < ours.length; i++) assert.ok(Math.abs(ours[i]! - theirs.data[i]!) <= 1e-5, `${ours[i]} vs ${theirs.data[i]}`);

    const logits = await runCli('export', '--model', join(dir, 'model'), '--out', join(dir, 'out', 'logits.onnx'), '--logits');
    assert.equal(logits.code, 0, logits.err);
    assert.match(logits.out, /\(logits\)\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('noisenet export refuses a missing flag, an unknown format or a folder as --out, before loading anything', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-export-bad-'));
  try {
    const noModel = await runCli('export', '--out', join(dir, 'x.onnx'));
    assert.deepEqual([noModel.code, noModel.err], [2, 'noisenet export: --model DIR is required; see noisenet export --help\n']);
    const format = await runCli('export', '--model', dir, '--format', 'tflite', '--out', join(dir, 'x.onnx'));
    assert.equal(format.code, 2);
    assert.match(format.err, /^noisenet export: --format must be one of .*onnx.*, received "tflite"\n$/);
    const folder = await runCli('export', '--model', dir, '--out', dir);
    assert.equal(folder.code, 1);
    assert.match(folder.err, /is a folder; give the file to write/);
    const missing = await runCli('export', '--model', join(dir, 'nothing'), '--out', join(dir, 'x.onnx'));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /model\.json: file not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
