/**
 * `noisenet sweep` on one machine: in-process and in child processes give the same runs, the
 * folder is written as runs arrive and taken up again, bad search spaces fail before any run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, readdir, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import type { SweepResults } from '../sweep/sweep-results.js';
import { SMALL_SWEEP, runOutcome } from '../testing/sweep-fixtures.js';

const SMALL = SMALL_SWEEP;
const read = async (dir: string): Promise<SweepResults> => JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as SweepResults;
const outcome = runOutcome;

test('a sweep in-process and one in 2 child processes give the same runs; a rerun into the folder trains nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-sweep-'));
  const a = await runCli('sweep', ...SMALL, '--out', join(dir, 'a'));
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /Sweep "noisenet sweep on mnist-mini": 7 configurations \(baseline \+ 6 levels of 2 techniques\) x 2 seeds = 14 runs; 1 epoch each\nRuns: this machine, in-process\n/);
  assert.match(a.out, /\nBest level per technique \(highest mean validation accuracy\):\ntechnique +best level +val acc/);
  assert.match(a.out, /\ngaussian stddev +0\.[123] /);
  assert.match(a.out, /\n(Best configuration|Highest mean validation accuracy): \S/);
  assert.match(a.out, /\nVerdict: Validation accuracy: /);
  assert.match(a.err, /runs 14\/14 done, 0 running +14\/14 \[=+\] 100% - /);
  const ra = await read(join(dir, 'a'));
  assert.equal(ra.format, 'noisenet-sweep');
  assert.equal(ra.status, 'complete');
  assert.equal(ra.runs.length, 14);
  assert.deepEqual(ra.runs.map((r) => r.id), ra.plan, 'runs in plan order');
  assert.equal((await readdir(join(dir, 'a', 'runs'))).length, 14);
  const html = await readFile(join(dir, 'a', 'report.html'), 'utf8');
  for (const id of ['sweep-gaussian-stddev', 'sweep-dropout-rate', 'learning-curves']) assert.ok(html.includes(`data-chart="${id}"`), id);
  assert.match(html, /(Best configuration|Highest mean validation accuracy): <strong>/);
  assert.match(html, /<section id="verdict">\n<h2>Verdict<\/h2>\n<p class="verdict">Validation accuracy: /);

  const b = await runCli('sweep', ...SMALL, '--jobs', '2', '--threads', '1', '--out', join(dir, 'b'), '-q');
  assert.equal(b.code, 0, b.err);
  const rb = await read(join(dir, 'b'));
  assert.equal(rb.ranOn, 'this machine, 2 child processes');
  assert.deepEqual(rb.runs.map(outcome), ra.runs.map(outcome));

  const again = await runCli('sweep', ...SMALL, '--out', join(dir, 'a'), '-q');
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /; 14 of 14 stored already \(not trained again\)\n/);
  assert.deepEqual((await read(join(dir, 'a'))).runs, ra.runs, 'the stored runs, times included: nothing was trained again');
  const status = await runCli('sweep', '--status', '--out', join(dir, 'a'));
  assert.equal(status.out, `sweep "noisenet sweep on mnist-mini" (${join(dir, 'a')}): 14 runs planned: 14 done, 0 failed - complete\n`);

  const other = await runCli('sweep', ...SMALL, '--seeds', '1', '--out', join(dir, 'a'), '-q');
  assert.equal(other.code, 1);
  assert.equal(other.err, `noisenet sweep: ${join(dir, 'a', 'results.json')} holds a sweep with another config: choose another output folder or pass --force to overwrite it\n`);
  await rm(dir, { recursive: true });
});

test('a sweep config file: levels as a range, a log range, and the run that fails is reported without stopping the sweep', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-sweep-file-'));
  const file = join(dir, 'sweep.json');
  await writeFile(file, JSON.stringify({
    name: 'file sweep', dataset: 'mnist-mini', trainSize: 200, epochs: 1, hidden: [8], seeds: 1, robustness: { stddevs: [0], draws: 1 },
    search: { techniques: [{ spec: 'gaussian', param: 'stddev', range: { from: 0.1, to: 1e38, points: 2, scale: 'log' } }, { spec: 'weight', param: 'stddev', range: { from: 0.001, to: 0.1, points: 3, scale: 'log' } }] },
  }));
  const r = await runCli('sweep', '--config', file, '--out', join(dir, 'out'), '-q');
  assert.equal(r.code, 1);
  assert.match(r.err, /^noisenet sweep: 1 of 6 runs failed \(first: gaussian:stddev=1e\+38 seed 1: TrainingError: loss became NaN at epoch 1, step 1: [^\n]*\); the others are in \S+\n$/);
  const results = await read(join(dir, 'out'));
  assert.deepEqual(results.groups.map((g) => g.configuration), ['baseline', 'gaussian:stddev=0.1', 'gaussian:stddev=1e+38', 'weight:stddev=0.001', 'weight:stddev=0.01', 'weight:stddev=0.1']);
  assert.equal(results.runs.length, 5);
  assert.deepEqual(results.failed.map((f) => [f.configuration, f.attempts, f.configError]), [['gaussian:stddev=1e+38', 1, false]]);
  assert.match(r.out, /\nFailed runs \(1 of 6\):\n {2}gaussian:stddev=1e\+38 seed 1 \(1 attempt\): TrainingError: /);
  await rm(dir, { recursive: true });
});

test('bad search spaces and flags fail in one line before any run, and write nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-sweep-bad-'));
  const out = join(dir, 'out');
  const cases: [string[], string][] = [
    [[], 'noisenet sweep: nothing to sweep: give --noise with a value set, e.g. --noise "gaussian:stddev={0,0.1,0.2,0.3}", or --config FILE with search.techniques'],
    [['--noise', 'gaussian:stddev={}'], "noisenet sweep: noise spec 'gaussian:stddev={}': a value set must hold at least one value, received {}; see noisenet techniques"],
    [['--noise', 'dropout:rate={0.5,1.5}@hidden'], "noisenet sweep: noise spec 'dropout:rate={0.5,1.5}@hidden': dropout:rate=1.5@hidden: rate must be a number >= 0 and < 1, received 1.5; see noisenet techniques"],
    [['--noise', 'gaussian:stddev={0.1,0.2}', '--noise', 'gaussian:stddev={0.2}'], 'noisenet sweep: contradictory: the configuration "gaussian:stddev=0.2" comes from search.techniques[0] and [1]; see noisenet techniques'],
    [['--noise', 'gaussian:stddev={0.1}', '--train-size', '100', '--train-sizes', '100,200'], 'noisenet sweep: command line: trainSize: contradictory: search.trainSizes gives the training-set sizes; remove trainSize (--train-size)'],
    [['--noise', 'gaussian:stddev={0.1,0.2}', '--sample', '3'], 'noisenet sweep: command line: search.sample.count: must be at most 2 (the points of the grid), received 3'],
    [['--noise', 'dropout:rate={0.2}@4'], "noisenet sweep: dropout:rate=0.2@4: noise spec 'dropout:rate=0.2@4': @4 is past the last of 2 hidden layers"],
    [['--noise', 'gaussian:stddev={0.1}', '--epochs', '0'], 'noisenet sweep: --epochs must be an integer >= 1 and <= 10000, received "0"'],
    [['--noise', 'gaussian:stddev={0.1}', '--queue', 'redis://localhost'], 'noisenet sweep: --queue must be redis://HOST:PORT[/DB] (no port), received "redis://localhost"'],
    [['--noise', 'gaussian:stddev={0.1}', '--queue', 'redis://localhost:6379', '--jobs', '2'], 'noisenet sweep: --jobs trains on this machine and --queue on the workers: give one of them'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli('sweep', '--dataset', 'mnist-mini', ...args, '--out', out);
    assert.deepEqual([r.code, r.err, r.out], [2, `${message}\n`, ''], args.join(' '));
  }
  await assert.rejects(access(out), 'nothing written');
  await rm(dir, { recursive: true });
});
