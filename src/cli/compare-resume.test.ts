/**
 * `noisenet compare` killed mid-run (SIGKILL: no handler runs) and run again: the finished runs
 * are kept as they were, only the missing ones are trained, and another configuration is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../testing/run-cli.js';
import type { ExperimentResults } from '../experiments/results.js';

const BIN = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));
const ARGS = ['compare', '--dataset', 'mnist-mini', '--train-size', '300', '--epochs', '2', '--seeds', '1,2,3', '--noise', 'gaussian:stddev=0.1', '--stddevs', '0', '--draws', '1'];

const readResults = async (out: string): Promise<ExperimentResults> => JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ExperimentResults;

/** Runs compare into `out` and kills it with SIGKILL once results.json holds `runs` finished runs. */
function killAfter(out: string, runs: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [BIN, ...ARGS, '--out', out], { stdio: 'ignore' });
  const poll = setInterval(() => {
    try {
      const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ExperimentResults;
      if (r.runs.length >= runs) child.kill('SIGKILL');
    } catch {
      // not written yet, or being replaced
    }
  }, 20);
  return new Promise((resolve) =>
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve(signal);
    }),
  );
}

test('a compare killed with SIGKILL is finished by the same command: finished runs kept, the others trained', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-resume-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'out');
  assert.equal(await killAfter(out, 2), 'SIGKILL');
  const killed = await readResults(out);
  assert.equal(killed.status, 'running', 'no handler ran');
  assert.ok(killed.runs.length >= 2 && killed.runs.length < 6, `${killed.runs.length} runs finished before the kill`);
  assert.ok(existsSync(join(out, '.lock')), 'the killed process left its lock');

  // Another configuration on the same folder is refused and changes nothing.
  const other = await runCli(...ARGS.map((a) => (a === '1,2,3' ? '1,2' : a)), '--out', out, '--quiet');
  assert.equal(other.code, 1);
  assert.match(other.err, /results\.json already exists and holds a comparison with another configuration \(seeds differs\): rerun the command that wrote it to finish it/);
  assert.deepEqual(await readResults(out), killed);

  const again = await runCli(...ARGS, '--out', out);
  assert.equal(again.code, 0, again.err);
  const kept = killed.runs.length;
  assert.match(again.out, new RegExp(`\\nResuming: ${kept} of 6 runs finished in .*results\\.json are kept; training the other ${6 - kept}\\n`));
  assert.equal(again.err.split('\n').filter((l) => /^run \d+\/6 .*epoch 2\/2/.test(l)).length, 6 - kept, `only the missing runs train:\n${again.err}`);
  const done = await readResults(out);
  assert.equal(done.status, 'complete');
  assert.deepEqual(done.runs.map((r) => `${r.configuration}/${r.seed}`), ['baseline/1', 'gaussian:stddev=0.1/1', 'baseline/2', 'gaussian:stddev=0.1/2', 'baseline/3', 'gaussian:stddev=0.1/3']);
  for (const r of killed.runs) assert.deepEqual(done.runs.find((x) => x.configuration === r.configuration && x.seed === r.seed), r, 'a kept run is the very record written before the kill');
  assert.equal(existsSync(join(out, '.lock')), false, 'the stale lock was taken over and released');

  // Run once more: nothing left to train.
  const complete = await runCli(...ARGS, '--out', out, '--quiet');
  assert.equal(complete.code, 0, complete.err);
  assert.deepEqual((await readResults(out)).runs, done.runs);
});

test('two compares on one folder at once: the second fails at once, naming the first', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-compare-two-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'out');
  const first = spawn(process.execPath, [BIN, ...ARGS, '--out', out, '--quiet'], { stdio: 'ignore' });
  t.after(() => first.kill('SIGKILL'));
  while (!existsSync(join(out, 'results.json'))) await new Promise((r) => setTimeout(r, 20));
  const second = await runCli(...ARGS, '--out', out, '--quiet');
  assert.equal(second.code, 1);
  assert.match(second.err, new RegExp(`is in use: noisenet compare \\(pid ${first.pid} on [^,]+, started [^)]+\\) is writing there`));
  first.kill('SIGKILL');
});
