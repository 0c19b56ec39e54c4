/**
 * `noisenet compare` as a demanding user runs it: --force removes only what noisenet wrote, a
 * config file without a noise-free configuration gets the baseline, valSize shows in the
 * header, a failing run names its configuration and seed, and on a terminal the error starts
 * on its own line after the progress bar.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { main } from './main.js';
import type { ExperimentResults } from '../experiments/results.js';

const TINY = ['--dataset', 'mnist-mini', '--train-size', '200', '--epochs', '1', '--seeds', '1', '--stddevs', '0', '-q'];
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-fixes-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const results = async (out: string): Promise<ExperimentResults> => JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ExperimentResults;

test('compare --force removes the files noisenet wrote and keeps the user\'s files in runs/ and charts/', async () => {
  const out = join(dir, 'force');
  const first = await runCli('compare', ...TINY, '--variant', 'gaussian:stddev=0.3', '--out', out);
  assert.equal(first.code, 0, first.err);
  await writeFile(join(out, 'runs', 'my-notes.txt'), 'mine');
  await mkdir(join(out, 'charts'), { recursive: true });
  await writeFile(join(out, 'charts', 'my-chart.png'), 'mine');
  await writeFile(join(out, 'charts', 'robustness.png'), 'an earlier chart of noisenet');
  const again = await runCli('compare', ...TINY, '--variant', 'gaussian:stddev=0.1', '--out', out, '--force');
  assert.equal(again.code, 0, again.err);
  assert.deepEqual((await readdir(join(out, 'runs'))).sort(), ['baseline-seed1.csv', 'gaussian_stddev_0.1-seed1.csv', 'my-notes.txt']);
  assert.deepEqual(await readdir(join(out, 'charts')), ['my-chart.png']);
  assert.equal(await readFile(join(out, 'runs', 'my-notes.txt'), 'utf8'), 'mine');
});

test('a config file whose only configuration is noisy is compared with a noise-free baseline; valSize shows in the header', async () => {
  const file = join(dir, 'exp.json');
  await writeFile(file, JSON.stringify({ dataset: 'mnist-mini', trainSize: 200, valSize: 300, epochs: 1, seeds: 1, configurations: [{ name: 'noisy', noise: ['gaussian:stddev=0.1'] }], robustness: { stddevs: [0] } }));
  const out = join(dir, 'lone');
  const r = await runCli('compare', '--config', file, '--out', out, '-q');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Dataset: mnist-mini, 200 train \(seeded subset of 8000\), 300 validation \(seeded subset of the 2000 test\); source: /);
  assert.match(r.out, /\n {2}baseline \(no noise\)\n {2}noisy \(gaussian:stddev=0\.1\)\n/);
  assert.doesNotMatch(r.out, /\(baseline\)/);
  assert.deepEqual((await results(out)).config.configurations.map((c) => c.name), ['baseline', 'noisy']);
});

test('a run that fails names its configuration and seed, in the message and in results.json', async () => {
  const out = join(dir, 'nan');
  const r = await runCli('compare', ...TINY, '--optimizer', 'sgd', '--lr', '1e30', '--out', out);
  assert.equal(r.code, 1);
  assert.match(r.err, /^noisenet compare: run 1\/2 \(baseline, seed 1\): loss became (NaN|Infinity) at epoch 1, step \d+: lower the learning rate/m);
  const saved = await results(out);
  assert.equal(saved.status, 'failed');
  assert.match(saved.error ?? '', /^TrainingError: run 1\/2 \(baseline, seed 1\): loss became/);
});

test('on a terminal, an error after a progress bar starts on its own line', async () => {
  let err = '';
  const ctx = { stdout: { write: () => undefined, isTTY: true }, stderr: { write: (s: string) => void (err += s), isTTY: true }, env: process.env };
  const code = await main(['compare', ...TINY.filter((a) => a !== '-q'), '--optimizer', 'sgd', '--lr', '1e30', '--out', join(dir, 'tty')], ctx);
  assert.equal(code, 1);
  assert.match(err, /\r.*\[[=>.]+\]/, 'a progress bar was drawn');
  const error = err.slice(err.lastIndexOf('noisenet compare: run'));
  assert.match(err, /\nnoisenet compare: run 1\/2 \(baseline, seed 1\): loss became/, 'the error begins a line');
  assert.match(error, /^[^\r\n]*\n$/, 'and is one line');
});
