/** `noisenet robustness` and `noisenet certify` on a small model saved by `noisenet train`. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { evenlySpaced } from './commands/certify.js';

let dir = '';
let model = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-robustness-'));
  model = join(dir, 'run', 'model');
  const r = await runCli('train', '--dataset', 'mnist-mini', '--train-size', '1000', '--epochs', '2', '--noise-stddev', '0.3', '--out', join(dir, 'run'), '--quiet');
  assert.equal(r.code, 0, r.err);
});
after(() => rm(dir, { recursive: true }));

test('robustness and certify --help', async () => {
  for (const command of ['robustness', 'certify']) {
    const r = await runCli(command, '--help');
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`^Usage: noisenet ${command} \\[options\\]\\n`));
    assert.equal(r.err, '');
  }
});

test('robustness prints accuracy per noise level; s = 0 is the accuracy evaluate prints', async () => {
  const json = join(dir, 'robustness.json');
  const r = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--stddevs', '0,0.3,1', '--draws', '2', '--json', json);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0]!, /^Dataset: mnist-mini, 8000 train, 2000 test; source: /);
  assert.equal(lines[1], 'Accuracy on the 2000 test samples + Gaussian noise N(0, s²) per input value; 2 draws per level, seed 0, not clipped:');
  assert.match(lines[2]!, /^noise stddev +accuracy +sd over draws +draws$/);
  const rows = lines.slice(4, 7).map((l) => l.trim().split(/\s+/));
  assert.deepEqual(rows.map((c) => [c[0], c[3]]), [['0', '1'], ['0.3', '2'], ['1', '2']]);
  const acc = rows.map((c) => Number(c[1]));
  assert.ok(acc[0]! > 0.8 && acc[0]! >= acc[1]! && acc[1]! > acc[2]!, `accuracy falls with the noise: ${acc}`);
  assert.equal(r.err, '', 'no progress lines off a terminal');

  const e = await runCli('evaluate', '--model', model, '--dataset', 'mnist-mini');
  assert.equal(/accuracy: (\d\.\d{4})\n$/.exec(e.out)?.[1], rows[0]![1]);

  const record = JSON.parse(await readFile(json, 'utf8')) as { format: string; settings: unknown; points: { stddev: number; accuracies: number[]; mean: number }[]; dataset: { samples: number } };
  assert.equal(record.format, 'noisenet-robustness');
  assert.deepEqual(record.settings, { stddevs: [0, 0.3, 1], draws: 2, seed: 0, clip: false });
  assert.equal(record.dataset.samples, 2000);
  assert.deepEqual(record.points.map((p) => p.mean.toFixed(4)), rows.map((c) => c[1]));

  // --samples and --clip, and the same seed gives the same numbers.
  const a = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--stddevs', '0.5', '--samples', '300', '--clip');
  const b = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--stddevs', '0.5', '--samples', '300', '--clip');
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /Accuracy on the first 300 of the 2000 test samples .* seed 0, clipped to \[0, 1\]:/);
  assert.equal(a.out, b.out);
});

test('certify prints certified accuracy per radius and the abstain rate', async () => {
  const json = join(dir, 'certify.json');
  const r = await runCli('certify', '--model', model, '--dataset', 'mnist-mini', '--sigma', '0.25', '--n0', '20', '--n', '200', '--samples', '40', '--radii', '0,0.25,0.5,1', '--json', json);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[1]!, /^Randomized smoothing \(Cohen et al\. 2019\) of 40 of the 2000 test samples \(every 50th\), seed 0, \d+\.\d s:$/);
  assert.match(lines[2]!, /^L2 radius +certified accuracy$/);
  const rows = lines.slice(4, 8).map((l) => l.trim().split(/\s+/));
  assert.deepEqual(rows.map((c) => c[0]), ['0', '0.25', '0.5', '1']);
  const acc = rows.map((c) => Number(c[1]));
  assert.ok(acc[0]! > 0.5, `certified accuracy at 0: ${acc[0]}`);
  for (let i = 1; i < acc.length; i++) assert.ok(acc[i]! <= acc[i - 1]!, `falls with the radius: ${acc}`);
  // With n = 200 and alpha = 0.001, pA_lower <= 0.9660..., so no radius reaches 0.25 * Phi^-1(0.966) = 0.457 -> 0 at 0.5 and 1.
  assert.deepEqual(acc.slice(2), [0, 0]);
  assert.match(lines[8]!, /^sigma 0\.25, n0 20, n 200, alpha 0\.001, 40 samples, abstained on \d+\.\d%$/);
  assert.match(r.err, /^certify +4\/40 \[/, 'a progress line per tenth off a terminal');

  const record = JSON.parse(await readFile(json, 'utf8')) as { format: string; samples: { index: number; correct: boolean; radius: number; prediction: number }[]; certifiedAccuracy: { radius: number; accuracy: number }[]; abstainRate: number };
  assert.equal(record.format, 'noisenet-certify');
  assert.deepEqual(record.samples.map((s) => s.index), evenlySpaced(40, 2000));
  assert.deepEqual(record.certifiedAccuracy.map((c) => c.accuracy.toFixed(4)), rows.map((c) => c[1]));
  assert.equal(record.certifiedAccuracy[0]!.accuracy, record.samples.filter((s) => s.correct).length / 40);
  assert.equal(record.abstainRate, record.samples.filter((s) => s.prediction === -1).length / 40);
});

test('misuse exits 2 and a missing model exits 1, one line each', async () => {
  const cases: [string[], number, string][] = [
    [['robustness', '--dataset', 'mnist-mini'], 2, 'noisenet robustness: --model DIR is required; see noisenet robustness --help\n'],
    [['robustness', '--model', 'm', '--stddevs', '-1'], 2, 'noisenet robustness: --stddevs must be a comma-separated list of numbers >= 0, received "-1"\n'],
    [['robustness', '--model', 'm', '--draws', '0'], 2, 'noisenet robustness: --draws must be an integer >= 1 and <= 1000, received "0"\n'],
    [['certify', '--model', 'm'], 2, 'noisenet certify: --sigma S is required; see noisenet certify --help\n'],
    [['certify', '--model', 'm', '--sigma', '0'], 2, 'noisenet certify: --sigma must be a number > 0, received "0"\n'],
    [['certify', '--model', 'm', '--sigma', '0.25', '--alpha', '1'], 2, 'noisenet certify: --alpha must be a number > 0 and < 1, received "1"\n'],
    [['certify', '--sigma', '0.25'], 2, 'noisenet certify: --model DIR is required; see noisenet certify --help\n'],
    [['certify', '--model', 'MODEL', '--sigma', '0.25', '--dataset', 'mnist-mini', '--samples', '5000'], 2, 'noisenet certify: --samples must be an integer from 1 to 2000 (the test samples of mnist-mini), received "5000"\n'],
    [['robustness', '--model', join(tmpdir(), 'noisenet-no-such-model')], 1, `noisenet robustness: ${join(tmpdir(), 'noisenet-no-such-model', 'model.json')}: file not found\n`],
  ];
  for (const [args, code, message] of cases) {
    const r = await runCli(...args.map((a) => (a === 'MODEL' ? model : a)));
    assert.deepEqual([r.code, r.err, r.out], [code, message, ''], args.join(' '));
  }
});
