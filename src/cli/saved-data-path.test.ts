/**
 * A model trained on `--data` given as a relative path records the data's absolute path, so that
 * `evaluate` finds it from any working folder.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { finalValAccuracy, runCli } from '../testing/run-cli.js';

test('train --data with a relative path records the absolute path; evaluate from another folder measures the model on it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-data-path-'));
  const home = process.cwd();
  t.after(async () => {
    process.chdir(home);
    await rm(dir, { recursive: true, force: true });
  });
  const rows = ['a,b,kind'];
  for (let i = 0; i < 60; i++) rows.push(`${i % 2 === 0 ? 2 + (i % 5) / 10 : -2 - (i % 3) / 10},${(i % 7) / 7},${i % 2 === 0 ? 'up' : 'down'}`);
  writeFileSync(join(dir, 'points.csv'), `${rows.join('\n')}\n`);

  process.chdir(dir);
  const run = await runCli('train', '--data', 'points.csv', '--val-split', '0.25', '--epochs', '3', '--hidden', '8', '--out', 'run');
  assert.equal(run.code, 0, run.err);
  const model = join(dir, 'run', 'model');
  const record = (JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')) as { noisenet: { data: { path: string } } }).noisenet.data;
  assert.equal(record.path, join(dir, 'points.csv'));

  process.chdir(tmpdir());
  const evaluated = await runCli('evaluate', '--model', model);
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.equal(Number(/accuracy: (\d\.\d{4})/.exec(evaluated.out)![1]), finalValAccuracy(run.out));
});
