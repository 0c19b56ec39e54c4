/** A sweep run's own data: read at the path its settings give, refused when it is not the data the sweep was planned on. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadData } from '../../data/node/load-data.js';
import { loadedDataDigest } from '../../data/loaded-data-record.js';
import { CONFIG_DEFAULTS, OWN_DATASET } from '../../experiments/config.js';
import { runData } from './run-data.js';
import { checkSweepRunSettings } from '../run-settings-check.js';
import type { SweepRunSettings } from '../plan.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-run-data-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const rows = (shift: number): string => ['a,b,label', ...Array.from({ length: 40 }, (_, i) => `${i + shift},${(i * 7) % 11},${i % 2 ? 'yes' : 'no'}`)].join('\n');

function settings(path: string, sha256: string): SweepRunSettings {
  return {
    dataset: OWN_DATASET, data: { path, valSplit: 0.25, sha256 }, dataSeed: 3, model: 'mlp', hidden: [4], activation: 'relu', noise: [],
    optimizer: 'adam', lr: 0.001, momentum: 0, epochs: 1, batchSize: 8, seed: 1, robustness: { ...CONFIG_DEFAULTS.robustness, stddevs: [0] },
  };
}

test('a sweep run reads its own data at the given path, with the normalization of its training set', async () => {
  const path = join(dir, 'same.csv');
  await writeFile(path, rows(0));
  const digest = await loadedDataDigest(await loadData(path, { valSplit: 0.25, seed: 3 }));
  const data = await runData(settings(path, digest));
  assert.equal(data.train.x.count, 30);
  assert.equal(data.validation.x.count, 10);
  assert.deepEqual(data.classes, ['no', 'yes']);
  assert.equal(data.preprocessing?.[0]?.className, 'Normalization');
});

test('a worker that finds other data at the path refuses the run, naming the path and both digests', async () => {
  const path = join(dir, 'changed.csv');
  await writeFile(path, rows(0));
  const digest = await loadedDataDigest(await loadData(path, { valSplit: 0.25, seed: 3 }));
  await writeFile(path, rows(1));
  await assert.rejects(runData(settings(path, digest)), (err: Error) => {
    assert.equal(err.name, 'DataFileError');
    assert.match(err.message, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: holds other data than the sweep was planned on \\(sha256 [0-9a-f]{12}…, expected ${digest.slice(0, 12)}…\\); every worker reads the data at this same path`));
    return true;
  });
});

test("a queue job's own data is checked by the run schema before anything is read: a malformed digest or a built-in dataset beside it is refused", () => {
  const good = settings('/data/x.csv', 'a'.repeat(64));
  assert.equal(checkSweepRunSettings(good, 'job 1').data?.path, '/data/x.csv');
  assert.throws(() => checkSweepRunSettings({ ...good, data: { path: '/data/x.csv', sha256: 'zz' } }, 'job 2'), /^ExperimentConfigError: job 2: data\.sha256: must be 64 lowercase hex digits, received "zz"$/);
  assert.throws(() => checkSweepRunSettings({ ...good, dataset: 'mnist' }, 'job 3'), /^ExperimentConfigError: job 3: dataset: names a built-in dataset; data reads your own/);
  assert.throws(() => checkSweepRunSettings({ ...good, data: { target: 'x' } }, 'job 4'), /job 4: data\.path: missing/);
});
