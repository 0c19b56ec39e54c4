/**
 * Settings that would do nothing, or harm, on the command line: each is refused before any work
 * or reported once in one line on stderr, and the run goes on as asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { runCli } from '../testing/run-cli.js';
import { configureBackend } from '../kernels/registry.js';

const TINY = ['train', '--dataset', 'mnist-mini', '--train-size', '400', '--epochs', '2', '--quiet'];
const lines = (s: string, pattern: RegExp): string[] => s.split('\n').filter((l) => pattern.test(l));

test('train --lr 1e6 with Adam warns once that the loss exploded, and still finishes', async () => {
  const r = await runCli(...TINY, '--lr', '1e6');
  assert.equal(r.code, 0, r.err);
  const warned = lines(r.err, /exploded/);
  assert.equal(warned.length, 1, r.err);
  assert.match(warned[0]!, /^noisenet train: the loss exploded from \d\.\d{4} at the first step to \S+ in epoch 1 \(over 100 times larger\): lower the learning rate \(1e\+6\) or the noise$/);
  const calm = await runCli(...TINY);
  assert.equal(calm.code, 0, calm.err);
  assert.equal(calm.err, '', 'the default run warns nothing');
});

test('train --force without --out is refused: there is nothing to overwrite', async () => {
  const r = await runCli(...TINY, '--force');
  assert.equal(r.code, 2);
  assert.equal(r.err, 'noisenet train: --force applies only with --out DIR (it allows overwriting a saved run)\n');
  assert.equal(r.out, '');
});

test('--threads beyond the cores warns once in one line, and the run is the same', async (t) => {
  t.after(() => configureBackend({}));
  const cores = availableParallelism();
  const many = await runCli(...TINY, '--threads', String(cores + 1));
  const one = await runCli(...TINY, '--threads', '1');
  assert.equal(many.code, 0, many.err);
  assert.equal(many.err, `noisenet train: --threads ${cores + 1} is more than the ${cores} cores of this machine: the extra threads only wait for a core (results do not depend on the thread count)\n`);
  assert.equal(many.out, one.out);
  assert.equal(one.err, '');
});
