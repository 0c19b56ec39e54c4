/**
 * Hostile inputs at the command line: config files and model spec files nested past the JSON
 * bounds or past the run limits are refused up front with one usage line (exit 2), never an
 * internal error with a stack or an out-of-memory after minutes; names and paths holding
 * control characters or terminal escapes are printed escaped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { RUN_LIMITS } from '../run/run-limits.js';

const oneLine = (s: string): void => assert.match(s, /^[^\n]+\n$/, `expected one line, got ${JSON.stringify(s.slice(0, 300))}`);

test('compare --config: a name nested 200,000 deep, 100,000 configurations, a million seeds, epochs 1e9 are one usage line each, before any run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-bounded-'));
  const file = async (name: string, text: string): Promise<string> => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };
  const many = JSON.stringify({ configurations: Array.from({ length: 100_000 }, (_, i) => ({ name: `c${i}`, noise: ['gaussian:stddev=0.1'] })) });
  const cases: [string, string][] = [
    [await file('deep.json', `{"name": ${'['.repeat(200_000)}"x"${']'.repeat(200_000)}}`), '(JSON): JSON nested too deeply: at most 64 levels of objects and arrays, found more than 64'],
    [await file('many.json', many), `configurations: must hold at most ${RUN_LIMITS.configurations} items, received 100000 (a limit of the run schema)`],
    [await file('seeds.json', JSON.stringify({ seeds: Array.from({ length: 1_000_000 }, (_, i) => i) })), '(JSON): JSON holds too many values: at most 1000000'],
    [await file('epochs.json', '{"epochs": 1e9}'), `epochs: must be an integer >= 1 and <= ${RUN_LIMITS.epochs}, received 1000000000`],
    [await file('draws.json', '{"robustness": {"draws": 1e9}}'), `robustness.draws: must be an integer >= 1 and <= ${RUN_LIMITS.draws}, received 1000000000`],
  ];
  try {
    for (const [path, reason] of cases) {
      const r = await runCli('compare', '--config', path, '--out', join(dir, 'out'));
      assert.equal(r.code, 2, `${path}: ${r.err}`);
      oneLine(r.err);
      assert.ok(r.err.startsWith(`noisenet compare: ${path}: ${reason}`), r.err);
      assert.doesNotMatch(r.err, /internal error|RangeError|out of memory/);
    }
    const draws = await runCli('compare', '--draws', '1000000000', '--out', join(dir, 'out'));
    assert.deepEqual([draws.code, draws.err], [2, `noisenet compare: --draws must be an integer >= 1 and <= ${RUN_LIMITS.draws}, received "1000000000"\n`]);
    const levels = await runCli('compare', '--stddevs', Array.from({ length: 1000 }, () => '0.1').join(','), '--out', join(dir, 'out'));
    assert.deepEqual([levels.code, levels.err], [2, `noisenet compare: --stddevs must be a list of at most ${RUN_LIMITS.levels} levels, received "1000 levels"\n`]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('train --model FILE: a spec nested past the JSON bounds is one usage line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-bounded-'));
  try {
    const path = join(dir, 'spec.json');
    await writeFile(path, `{"layers": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = await runCli('train', '--model', path, '--epochs', '1');
    assert.equal(r.code, 2, r.err);
    oneLine(r.err);
    assert.equal(r.err, `noisenet train: --model ${path}: JSON nested too deeply: at most 64 levels of objects and arrays, found more than 64\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a path holding a newline and a terminal escape is printed escaped', async () => {
  const r = await runCli('compare', '--config', 'evil\u001b[2J\n\u009b31m.json', '--out', join(tmpdir(), 'noisenet-never'));
  assert.equal(r.code, 1, r.err);
  oneLine(r.err);
  assert.ok(!r.err.includes('\u001b') && !r.err.includes('\u009b'), JSON.stringify(r.err));
  assert.ok(r.err.includes('evil\\u001b[2J\\n\\u009b31m.json'), r.err);
});

test('worker --limits: an unknown limit or a value that is not a positive integer is a usage error', async () => {
  const unknown = await runCli('worker', '--queue', 'redis://127.0.0.1:1', '--limits', 'epoch=5');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^noisenet worker: --limits: expected name=N with a name among epochs, batchSize, /);
  const bad = await runCli('worker', '--queue', 'redis://127.0.0.1:1', '--limits', 'epochs=1e9x');
  assert.deepEqual([bad.code, bad.err], [2, 'noisenet worker: --limits: epochs must be an integer >= 1, received "1e9x"\n']);
});

test('train --hidden: more layers or wider ones than the run limits is a usage error', async () => {
  for (const raw of ['1000000000', Array.from({ length: RUN_LIMITS.hiddenLayers + 1 }, () => '4').join(',')]) {
    const r = await runCli('train', '--hidden', raw, '--epochs', '1');
    assert.deepEqual([r.code, r.err], [2, `noisenet train: --hidden must be a list of at most ${RUN_LIMITS.hiddenLayers} integers from 1 to ${RUN_LIMITS.width}, received ${JSON.stringify(raw)}\n`]);
  }
});
