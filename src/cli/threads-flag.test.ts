import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/run-cli.js';
import { configureBackend } from '../kernels/registry.js';

test('--threads sets the kernel threads, and 1 or 2 threads give the same run', async (t) => {
  t.after(() => configureBackend({}));
  const args = ['train', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '600', '--quiet'];
  const one = await runCli(...args, '--threads', '1');
  const two = await runCli(...args, '--threads', '2');
  assert.equal(one.code, 0, one.err);
  assert.equal(two.code, 0, two.err);
  assert.match(one.out, /^Final \(epoch 1\/1\)/m);
  assert.equal(one.out, two.out);
});

test('--threads is validated and offered only by commands that compute', async () => {
  const bad = await runCli('train', '--threads', '0');
  assert.equal(bad.code, 2);
  assert.equal(bad.err.trim(), 'noisenet train: --threads must be an integer >= 1, received "0"');
  const help = await runCli('evaluate', '--help');
  assert.match(help.out, /--threads N/);
  const none = await runCli('techniques', '--threads', '2');
  assert.equal(none.code, 2);
});
