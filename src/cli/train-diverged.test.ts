/** `noisenet train` refuses to save a run whose loss diverged, says so even with --quiet, and exits 1. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-train-diverged-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const TINY = ['--dataset', 'mnist-mini', '--train-size', '200', '--epochs', '2'];

test('Adam at a learning rate of 1e9 with --quiet: the divergence is reported, the model is not saved, the exit code is 1', async () => {
  const out = join(dir, 'diverged');
  const r = await runCli('train', ...TINY, '--optimizer', 'adam', '--lr', '1e9', '--quiet', '--out', out);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /^noisenet train: the run diverged: the loss went from \d+\.\d+ at the first step to \d\.\d\de\+\d+ in the last epoch \(over 100 times larger\); the model was not saved; lower the learning rate \(1e\+9\) or the noise$/m);
  assert.equal(existsSync(join(out, 'model')), false, 'no model saved');
});

test('a run that trains normally is saved and exits 0', async () => {
  const out = join(dir, 'fine');
  const r = await runCli('train', ...TINY, '--quiet', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(out, 'model', 'model.json')));
});

test('without --out a diverged run saves nothing: the explosion is reported with --quiet, and the exit code is 0', async () => {
  const r = await runCli('train', ...TINY, '--optimizer', 'adam', '--lr', '1e9', '--quiet');
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^noisenet train: the loss exploded from \d\.\d{4} at the first step to \S+ in epoch 1 \(over 100 times larger\): lower the learning rate \(1e\+9\) or the noise$/m);
});

const WINE = '/usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv';

test('train --data watches for divergence as the datasets do: a table run at a learning rate of 1e8 is not saved, exit 1', { skip: existsSync(WINE) ? false : `${WINE} not installed (Debian's python3-sklearn)` }, async () => {
  const out = join(dir, 'wine-diverged');
  const r = await runCli('train', '--data', WINE, '--val-split', '0.2', '--epochs', '2', '--lr', '1e8', '--quiet', '--out', out);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /^noisenet train: the run diverged: the loss went from \d+\.\d+ at the first step to \d\.\d\de\+\d+ in the last epoch \(over 100 times larger\); the model was not saved; lower the learning rate \(1e\+8\) or the noise$/m);
  assert.equal(existsSync(join(out, 'model')), false, 'no model saved');
});
