import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';

test('train --out refuses a file or a saved run before training, unless --force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'noisenet-out-'));
  try {
    const args = ['train', '--dataset', 'mnist-mini', '--epochs', '1', '--train-size', '300', '--quiet'];
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const onFile = await runCli(...args, '--out', file);
    assert.equal(onFile.code, 1);
    assert.match(onFile.err, /--out .*a-file is a file, not a folder/);
    assert.equal(onFile.out, '', 'nothing trained');
    const out = join(dir, 'run');
    assert.equal((await runCli(...args, '--out', out)).code, 0);
    assert.ok(existsSync(join(out, 'model', 'weights.bin')));
    const again = await runCli(...args, '--out', out);
    assert.equal(again.code, 1);
    assert.match(again.err, /already holds a run .*pass --force/);
    assert.equal(again.out, '');
    assert.equal((await runCli(...args, '--out', out, '--force')).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--data-dir with mnist-mini is refused instead of ignored', async () => {
  const r = await runCli('train', '--dataset', 'mnist-mini', '--data-dir', tmpdir());
  assert.equal(r.code, 2);
  assert.match(r.err, /--data-dir does not apply to --dataset mnist-mini/);
});
