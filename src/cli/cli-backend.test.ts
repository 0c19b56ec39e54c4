import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { spawnCli } from '../testing/spawn-cli.js';
import { useCliBackend } from './cli-backend.js';
import { getBackend } from '../kernels/registry.js';

const ctx = { stdout: { write: () => undefined, isTTY: false }, stderr: { write: () => undefined }, env: process.env };

test('--backend webgpu refuses in one line when the package webgpu cannot be imported', async () => {
  const before = getBackend();
  await assert.rejects(useCliBackend('noisenet train', 'webgpu', true, ctx, { module: 'noisenet-no-such-webgpu-package' }), {
    name: 'WebGpuUnavailableError',
    message: "the webgpu backend in Node needs the optional package noisenet-no-such-webgpu-package (Dawn's bindings): npm install noisenet-no-such-webgpu-package",
  });
  assert.equal(getBackend(), before);
});

test('--backend takes only wasm or webgpu, and only on the commands that can use the GPU', async () => {
  const bad = await runCli('train', '--backend', 'cuda', '--epochs', '1');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^noisenet train: --backend .*wasm, webgpu/);
  const predict = await runCli('predict', '--backend', 'webgpu');
  assert.equal(predict.code, 2);
  assert.match(predict.err, /unknown option.*--backend/i);
});

test("train --backend webgpu gives the article MLP's history of --backend wasm within 1e-4 (one epoch, 300 samples of mnist-mini)", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-node-webgpu-'));
  try {
    const args = (backend: string): string[] => ['train', '--dataset', 'mnist-mini', '--train-size', '300', '--epochs', '1', '--quiet', '--backend', backend, '--out', join(dir, backend)];
    const gpu = await spawnCli(args('webgpu'));
    const refusal = /^noisenet train: the webgpu backend in Node.*$/m.exec(gpu.stderr);
    if (gpu.code === 1 && refusal) {
      t.skip(`no WebGPU in Node here: ${refusal[0]}`);
      return;
    }
    assert.equal(gpu.code, 0, gpu.stderr);
    const wasm = await spawnCli(args('wasm'));
    assert.equal(wasm.code, 0, wasm.stderr);
    const read = async (b: string): Promise<Record<string, number[]>> => JSON.parse(await readFile(join(dir, b, 'history.json'), 'utf8')) as Record<string, number[]>;
    const [g, w] = [await read('webgpu'), await read('wasm')];
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) {
      assert.equal(g[key]!.length, 1, key);
      assert.ok(Math.abs(g[key]![0]! - w[key]![0]!) <= 1e-4, `${key}: webgpu ${g[key]![0]}, wasm ${w[key]![0]}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('train --backend webgpu refuses a model with a part that runs on the host, in one line, before training', async (t) => {
  const run = await spawnCli(['train', '--dataset', 'mnist-mini', '--train-size', '100', '--epochs', '1', '--quiet', '--backend', 'webgpu', '--noise', 'salt-and-pepper:rate=0.1']);
  const refusal = /^noisenet train: the webgpu backend in Node.*$/m.exec(run.stderr);
  if (run.code === 1 && refusal) {
    t.skip(`no WebGPU in Node here: ${refusal[0]}`);
    return;
  }
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^noisenet train: fit: SaltAndPepperNoise '[a-z_]+' cannot run on the webgpu backend, .*: it picks the corrupted values in JavaScript; use the wasm backend for it$/m);
  assert.doesNotMatch(run.stdout, /^Epoch 1\/1/m);
});
